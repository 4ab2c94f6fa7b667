using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Observability;

/// <summary>A load balancer that writes no access logs.</summary>
public sealed class AwsLoadBalancerWithoutAccessLogs : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-OBS-001";
    /// <inheritdoc />
    public override string Title => "Load balancer without access logs";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Observability;
    /// <inheritdoc />
    public override string Rationale => "Access logs are the only per-request record of what users got at the front door (status, latency, target, client); without them the errors and slow pages of the peak cannot be traced or counted afterwards.";
    /// <inheritdoc />
    public override string Remediation => "Add access_logs { bucket = \"<log bucket>\", enabled = true } to the aws_lb (or the aws_elb), with a bucket policy that lets Elastic Load Balancing write to it.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes([.. LoadBalancerTypes, "aws_elb"]))
        {
            if (r["load_balancer_type"]?.AsString == "gateway") continue;
            var logs = Block(r, "access_logs");
            var enabled = logs?["enabled"];
            if (IsUnknown(enabled) || IsUnknown(r["access_logs"])) { yield return Unverified(r, "access_logs.enabled is unknown here", enabled ?? r["access_logs"]); continue; }
            // An access_logs block of a classic load balancer is on unless it says otherwise; an ALB's or NLB's only when enabled = true.
            var on = r.Type == "aws_elb" ? logs is not null && BoolOf(enabled) != false : BoolOf(enabled) == true;
            if (!on) yield return Fail(r, logs is null ? "no access_logs block: requests are not logged" : "access_logs.enabled is not true: requests are not logged", enabled);
        }
    }
}

/// <summary>An RDS instance without Performance Insights.</summary>
public sealed class AwsDatabaseWithoutPerformanceInsights : AwsRule
{
    private static readonly string[] Types = ["aws_db_instance", "aws_rds_cluster_instance"];

    /// <inheritdoc />
    public override string Id => "HC-AWS-OBS-002";
    /// <inheritdoc />
    public override string Title => "RDS without Performance Insights";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Observability;
    /// <inheritdoc />
    public override string Rationale => "When the database slows down at the peak, Performance Insights shows which queries and waits carry the load; without it the team guesses from CPU graphs while the checkout times out.";
    /// <inheritdoc />
    public override string Remediation => "Set performance_insights_enabled = true (and performance_insights_retention_period = 7 or more) on the aws_db_instance or aws_rds_cluster_instance.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            var value = r["performance_insights_enabled"];
            if (IsUnknown(value)) yield return Unverified(r, "performance_insights_enabled is unknown here", value);
            else if (BoolOf(value) != true)
                yield return Fail(r, value is null ? "performance_insights_enabled is not set: it defaults to false, the database's load by query is not recorded" : "performance_insights_enabled is false: the database's load by query is not recorded", value);
        }
    }
}

/// <summary>An RDS instance without Enhanced Monitoring.</summary>
public sealed class AwsDatabaseWithoutEnhancedMonitoring : AwsRule
{
    private static readonly string[] Types = ["aws_db_instance", "aws_rds_cluster_instance"];

    /// <inheritdoc />
    public override string Id => "HC-AWS-OBS-003";
    /// <inheritdoc />
    public override string Title => "RDS without Enhanced Monitoring";
    /// <inheritdoc />
    public override Severity Severity => Severity.Low;
    /// <inheritdoc />
    public override Area Area => Area.Observability;
    /// <inheritdoc />
    public override string Rationale => "Standard CloudWatch metrics arrive once a minute from the hypervisor; at the peak, Enhanced Monitoring's per-second operating-system metrics (per process CPU, memory, I/O) show a saturating database before the minute averages do.";
    /// <inheritdoc />
    public override string Remediation => "Set monitoring_interval = 1, 5, 10, 15, 30 or 60 seconds and monitoring_role_arn to a role with the AmazonRDSEnhancedMonitoringRole policy.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            var value = r["monitoring_interval"];
            if (IsUnknown(value)) yield return Unverified(r, "monitoring_interval is unknown here", value);
            else if (value is null) yield return Fail(r, "monitoring_interval is not set: it defaults to 0, Enhanced Monitoring is off", value);
            else if (NumberOf(value) == 0) yield return Fail(r, "monitoring_interval is 0: Enhanced Monitoring is off", value);
        }
    }
}

/// <summary>A load balancer, auto-scaling group or database that no CloudWatch alarm watches.</summary>
public sealed class AwsWithoutAlarm : AwsRule
{
    private static readonly string[] Watched = ["aws_lb", "aws_alb", "aws_elb", "aws_autoscaling_group", "aws_db_instance"];
    private static readonly string[] Names = ["name", "identifier", "id", "arn_suffix"];

    /// <inheritdoc />
    public override string Id => "HC-AWS-OBS-004";
    /// <inheritdoc />
    public override string Title => "No CloudWatch alarm on a load balancer, scaling group or database";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Observability;
    /// <inheritdoc />
    public override string Rationale => "A peak-path component with no alarm fails silently: 5xx at the load balancer, a group stuck at its maximum or a database out of connections are found by customers first, minutes or hours into the event.";
    /// <inheritdoc />
    public override string Remediation => "Add aws_cloudwatch_metric_alarm resources whose dimensions name it (LoadBalancer = aws_lb.x.arn_suffix, AutoScalingGroupName = aws_autoscaling_group.x.name, DBInstanceIdentifier = aws_db_instance.x.identifier) on errors, latency, CPU and connections, with alarm_actions that page someone.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html", "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var dimensions = new List<Value>();
        var unknown = false;
        foreach (var alarm in context.OfType("aws_cloudwatch_metric_alarm"))
        {
            var sets = new List<Value?> { alarm["dimensions"] };
            foreach (var query in alarm["metric_query"]?.Items ?? [])
                foreach (var metric in query["metric"]?.Items ?? []) sets.Add(metric["dimensions"]);
            foreach (var set in sets)
            {
                if (IsUnknown(set)) unknown = true;
                foreach (var m in set?.Members ?? []) dimensions.Add(m.Value);
            }
        }
        foreach (var r in context.OfTypes(Watched))
        {
            var names = Names.Select(n => r[n]?.AsString).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (dimensions.Any(d => ReferenceEquals(context.Target(d), r) || d.AsString is { } text && names.Contains(text))) continue;
            if (unknown || dimensions.Any(d => IsUnknown(d) && context.Target(d) is null))
                yield return Unverified(r, "an alarm's dimensions are unknown here: cannot tell whether one watches it");
            else
                yield return Fail(r, $"no aws_cloudwatch_metric_alarm names {r.Address} in its dimensions: nobody is told when it fails");
        }
    }
}

/// <summary>An auto-scaling group that publishes no group metrics.</summary>
public sealed class AwsScalingGroupWithoutMetrics : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-OBS-005";
    /// <inheritdoc />
    public override string Title => "Auto-scaling group without group metrics";
    /// <inheritdoc />
    public override Severity Severity => Severity.Low;
    /// <inheritdoc />
    public override Area Area => Area.Observability;
    /// <inheritdoc />
    public override string Rationale => "Group metrics (desired, in-service, pending and terminating instances) show whether scaling keeps up with the peak or is stuck at max_size; without them the scaling activity can only be read from the console's history after the fact.";
    /// <inheritdoc />
    public override string Remediation => "Set enabled_metrics = [\"GroupDesiredCapacity\", \"GroupInServiceInstances\", \"GroupPendingInstances\", \"GroupMaxSize\"] (or every group metric) on the aws_autoscaling_group.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_autoscaling_group"))
        {
            var metrics = r["enabled_metrics"];
            if (IsUnknown(metrics)) yield return Unverified(r, "enabled_metrics is unknown here", metrics);
            else if (metrics is null || metrics.Items.Count == 0)
                yield return Fail(r, metrics is null ? "enabled_metrics is not set: the group's instance counts are not published to CloudWatch" : "enabled_metrics is empty: the group's instance counts are not published to CloudWatch", metrics);
        }
    }
}
