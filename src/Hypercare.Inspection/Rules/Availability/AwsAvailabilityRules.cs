using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Availability;

/// <summary>An RDS instance without a Multi-AZ standby.</summary>
public sealed class AwsDatabaseSingleAz : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-001";
    /// <inheritdoc />
    public override string Title => "RDS instance without Multi-AZ";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "aws";
    /// <inheritdoc />
    public override string Rationale => "Without a Multi-AZ standby, a host or zone failure during the peak leaves the database down until it is recovered or restored, instead of failing over in a minute or two.";
    /// <inheritdoc />
    public override string Remediation => "Set multi_az = true (or use a Multi-AZ DB cluster) before the event; it can be switched on without recreating the instance.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_db_instance"))
        {
            var multiAz = r["multi_az"];
            if (multiAz?.Kind == ValueKind.Unknown) yield return Unverified(r, "multi_az is unknown here", multiAz);
            else if (multiAz?.AsBool != true) yield return Fail(r, multiAz is null ? "multi_az is not set: it defaults to false, a single instance in one zone" : "multi_az is false: a single instance in one zone", multiAz);
        }
    }
}

/// <summary>An auto-scaling group whose subnets are all in one availability zone.</summary>
public sealed class AwsScalingGroupInOneZone : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-002";
    /// <inheritdoc />
    public override string Title => "Auto-scaling group in a single availability zone";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "aws";
    /// <inheritdoc />
    public override string Rationale => "A group confined to one zone loses every instance with that zone and scales out against one zone's capacity for the instance type.";
    /// <inheritdoc />
    public override string Remediation => "List subnets of at least two availability zones in vpc_zone_identifier.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_autoscaling_group"))
        {
            var subnets = r["vpc_zone_identifier"];
            var zones = new HashSet<string>(StringComparer.Ordinal);
            var unresolved = 0;
            if (subnets is { Kind: ValueKind.List })
                foreach (var s in subnets.Items)
                {
                    if (context.Target(s)?["availability_zone"]?.AsString is { } zone) zones.Add(zone);
                    else unresolved++;
                }
            foreach (var z in r["availability_zones"]?.Items ?? []) if (z.AsString is { } zone) zones.Add(zone);
            if (zones.Count >= 2) continue;
            if (subnets?.Kind == ValueKind.Unknown || unresolved > 0) yield return Unverified(r, "the zones of its subnets are unknown here", subnets);
            else if (zones.Count == 1) yield return Fail(r, $"every subnet is in {zones.Single()}", subnets);
        }
    }
}

/// <summary>A Classic Load Balancer that keeps each zone's traffic on that zone's instances.</summary>
public sealed class AwsClassicLoadBalancerNotCrossZone : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-003";
    /// <inheritdoc />
    public override string Title => "Classic load balancer without cross-zone balancing";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "Without cross-zone balancing each load balancer node sends its share only to instances of its own zone; when the zones hold unequal numbers of instances, or one zone loses some at the peak, the remaining instances there are overloaded while the others idle.";
    /// <inheritdoc />
    public override string Remediation => "Set cross_zone_load_balancing = true on the aws_elb (the default), or move to an Application Load Balancer.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_elb"))
        {
            var value = r["cross_zone_load_balancing"];
            if (IsUnknown(value)) yield return Unverified(r, "cross_zone_load_balancing is unknown here", value);
            else if (BoolOf(value) == false) yield return Fail(r, "cross_zone_load_balancing is false: each zone's share of the traffic stays on that zone's instances", value);
        }
    }
}

/// <summary>An application or network load balancer whose subnets are all in one availability zone.</summary>
public sealed class AwsLoadBalancerInOneZone : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-004";
    /// <inheritdoc />
    public override string Title => "Load balancer in a single availability zone";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "A load balancer with nodes in one zone is the whole site's single point of failure: a zone impairment during the event takes the front door down even if the instances behind it survive elsewhere.";
    /// <inheritdoc />
    public override string Remediation => "List subnets (or subnet_mapping blocks) of at least two availability zones on the aws_lb.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(LoadBalancerTypes))
        {
            var subnets = r["subnets"];
            var ids = (subnets?.Items ?? []).Concat((r["subnet_mapping"]?.Items ?? []).Select(m => m["subnet_id"] ?? Value.Null())).ToList();
            if (subnets is null && r["subnet_mapping"] is null) continue;
            var zones = new HashSet<string>(StringComparer.Ordinal);
            var unresolved = 0;
            foreach (var s in ids)
            {
                if (context.Target(s)?["availability_zone"]?.AsString is { } zone) zones.Add(zone);
                else unresolved++;
            }
            if (zones.Count >= 2) continue;
            if (subnets?.Kind == ValueKind.Unknown || unresolved > 0) yield return Unverified(r, "the zones of its subnets are unknown here", subnets);
            else if (zones.Count == 1) yield return Fail(r, $"every subnet is in {zones.Single()}", subnets ?? r["subnet_mapping"]);
        }
    }
}

/// <summary>An ElastiCache replication group that does not fail over on its own.</summary>
public sealed class AwsCacheWithoutFailover : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-005";
    /// <inheritdoc />
    public override string Title => "ElastiCache without automatic failover";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "Without automatic failover the loss of the primary node leaves the cache read-only or gone until someone promotes a replica by hand; at the peak, sessions and carts fail and the database takes every cache miss.";
    /// <inheritdoc />
    public override string Remediation => "Set automatic_failover_enabled = true and multi_az_enabled = true with num_cache_clusters >= 2 (or replicas_per_node_group >= 1) on the aws_elasticache_replication_group.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/AutoFailover.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_elasticache_replication_group"))
        {
            var value = r["automatic_failover_enabled"];
            if (IsUnknown(value)) yield return Unverified(r, "automatic_failover_enabled is unknown here", value);
            else if (BoolOf(value) != true)
                yield return Fail(r, value is null ? "automatic_failover_enabled is not set: it defaults to false, a failed primary is not replaced by a replica" : "automatic_failover_enabled is false: a failed primary is not replaced by a replica", value);
        }
    }
}

/// <summary>An auto-scaling group serving a load balancer that replaces instances only when EC2 says they are broken.</summary>
public sealed class AwsScalingGroupEc2HealthCheck : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-006";
    /// <inheritdoc />
    public override string Title => "Auto-scaling group behind a load balancer with EC2 health checks";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "With EC2 health checks an instance whose application hangs or runs out of memory under the peak stays in the group: the load balancer stops sending it traffic, but it is never replaced, and the group serves with fewer instances than it counts.";
    /// <inheritdoc />
    public override string Remediation => "Set health_check_type = \"ELB\" and a health_check_grace_period that covers the application's start on the aws_autoscaling_group.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var attached = context.OfTypes("aws_autoscaling_attachment", "aws_autoscaling_traffic_source_attachment")
            .Select(a => context.Target(a["autoscaling_group_name"])?.Address).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var r in context.OfType("aws_autoscaling_group"))
        {
            var groups = r["target_group_arns"];
            var balancers = r["load_balancers"];
            var serves = groups?.Items.Count > 0 || balancers?.Items.Count > 0 || r["traffic_source"]?.Items.Count > 0 || attached.Contains(r.Address);
            var type = r["health_check_type"];
            if (type?.AsString is "ELB" or "VPC_LATTICE") continue;
            if (IsUnknown(type)) { if (serves) yield return Unverified(r, "health_check_type is unknown here", type); continue; }
            if (!serves)
            {
                if (IsUnknown(groups) || IsUnknown(balancers)) yield return Unverified(r, "its target groups are unknown here: cannot tell whether it serves a load balancer", groups ?? balancers);
                continue;
            }
            yield return Fail(r, $"health_check_type is {type?.AsString ?? "not set (EC2)"} while the group serves a load balancer: instances failing its health check are not replaced", type);
        }
    }
}

/// <summary>A target group whose health check is off, or takes long to take a failing target out.</summary>
public sealed class AwsTargetGroupSlowHealthCheck : AwsRule
{
    /// <summary>The longest a failing target may keep receiving requests, in seconds.</summary>
    public const int LongestDetection = 30;

    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-007";
    /// <inheritdoc />
    public override string Title => "Target group health check disabled or slow";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "A failing target keeps receiving its share of requests for interval × unhealthy_threshold seconds (90 s with the Terraform provider's defaults of 30 s and 3); at the peak that is thousands of errors per instance, and with the check off it never leaves the rotation.";
    /// <inheritdoc />
    public override string Remediation => "Keep health_check { enabled = true } and set interval and unhealthy_threshold so that their product is at most 30 s, e.g. interval = 10, unhealthy_threshold = 3.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(TargetGroupTypes))
        {
            if (r["target_type"]?.AsString == "lambda") continue;
            var check = Block(r, "health_check");
            var enabled = check?["enabled"];
            if (IsUnknown(enabled)) { yield return Unverified(r, "health_check.enabled is unknown here", enabled); continue; }
            if (BoolOf(enabled) == false) { yield return Fail(r, "health_check.enabled is false: failing targets stay in rotation", enabled); continue; }
            var interval = check?["interval"];
            var threshold = check?["unhealthy_threshold"];
            if (IsUnknown(interval) || IsUnknown(threshold)) { yield return Unverified(r, "the health check's interval or unhealthy_threshold is unknown here", IsUnknown(interval) ? interval : threshold); continue; }
            var seconds = NumberOf(interval) ?? 30;
            var times = NumberOf(threshold) ?? 3;
            if (seconds * times > LongestDetection)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"interval {seconds} s × unhealthy_threshold {times} = {seconds * times} s before a failing target is taken out (at most {LongestDetection} s wanted)"), interval ?? threshold);
        }
    }
}

/// <summary>An auto-scaling group that may run a single instance.</summary>
public sealed class AwsScalingGroupSingleInstance : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-008";
    /// <inheritdoc />
    public override string Title => "Auto-scaling group allowed to shrink below two instances";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "A group whose min_size is below 2 can scale in to one instance (or none) before the peak: that instance's failure or replacement takes the tier down, and the ramp-up starts from almost nothing.";
    /// <inheritdoc />
    public override string Remediation => "Set min_size = 2 or more (one per zone at least), and raise it to the expected peak's baseline shortly before the event.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_autoscaling_group"))
        {
            var min = r["min_size"];
            if (IsUnknown(min)) yield return Unverified(r, "min_size is unknown here", min);
            else if (NumberOf(min) is { } size && size < 2) yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"min_size is {size}: the group may run fewer than two instances"), min);
        }
    }
}

/// <summary>An auto-scaling group that nothing scales: no scaling policy and no scheduled action.</summary>
public sealed class AwsScalingGroupWithoutPolicy : AwsRule
{
    private static readonly string[] Scalers = ["aws_autoscaling_policy", "aws_autoscaling_schedule"];

    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-009";
    /// <inheritdoc />
    public override string Title => "Auto-scaling group without a scaling policy or schedule";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "Without a scaling policy or a scheduled action the group stays at its desired capacity whatever the load: the peak meets the everyday fleet, and instances are added only if someone changes the group by hand during the event.";
    /// <inheritdoc />
    public override string Remediation => "Add an aws_autoscaling_policy with policy_type = \"TargetTrackingScaling\" (e.g. ASGAverageCPUUtilization at 50) for the group, and an aws_autoscaling_schedule that raises min_size before the event starts.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html", "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var names = context.OfTypes(Scalers).Select(p => p["autoscaling_group_name"]).OfType<Value>().ToList();
        foreach (var r in context.OfType("aws_autoscaling_group"))
        {
            var name = r["name"]?.AsString;
            if (names.Any(n => ReferenceEquals(context.Target(n), r) || name is not null && n.AsString == name)) continue;
            if (names.Any(n => IsUnknown(n) && context.Target(n) is null))
                yield return Unverified(r, "a scaling policy's or schedule's autoscaling_group_name is unknown here: cannot tell whether one scales this group");
            else
                yield return Fail(r, $"no aws_autoscaling_policy or aws_autoscaling_schedule names {r.Address}: it stays at desired_capacity {r["desired_capacity"]?.ToString() ?? "(not set)"} whatever the load");
        }
    }
}

/// <summary>A network load balancer that keeps each zone's traffic on that zone's targets.</summary>
public sealed class AwsNetworkLoadBalancerNotCrossZone : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-AVL-010";
    /// <inheritdoc />
    public override string Title => "Network load balancer without cross-zone balancing";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Rationale => "A network load balancer balances only within each zone unless cross-zone balancing is on; clients' DNS caching skews traffic between zones, and a zone with fewer healthy targets at the peak overloads them while the other zones idle.";
    /// <inheritdoc />
    public override string Remediation => "Set enable_cross_zone_load_balancing = true on the aws_lb of load_balancer_type = \"network\" (inter-zone data transfer is then billed).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(LoadBalancerTypes))
        {
            var type = r["load_balancer_type"];
            var crossZone = r["enable_cross_zone_load_balancing"];
            if (BoolOf(crossZone) == true || type?.AsString is { Length: > 0 } and not "network" || type is null) continue;
            if (IsUnknown(type) || IsUnknown(crossZone)) { yield return Unverified(r, "load_balancer_type or enable_cross_zone_load_balancing is unknown here", IsUnknown(crossZone) ? crossZone : type); continue; }
            yield return Fail(r, crossZone is null
                ? "enable_cross_zone_load_balancing is not set: a network load balancer defaults to false, each zone's nodes send only to that zone's targets"
                : "enable_cross_zone_load_balancing is false: each zone's nodes send only to that zone's targets", crossZone ?? type);
        }
    }
}
