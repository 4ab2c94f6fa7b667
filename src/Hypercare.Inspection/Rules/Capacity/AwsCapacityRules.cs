using System.Globalization;
using System.Text.RegularExpressions;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Capacity;

/// <summary>Burstable EC2 or RDS classes carry the peak.</summary>
public sealed partial class AwsBurstableOnPeakPath : AwsRule
{
    [GeneratedRegex(@"^(db\.)?t[0-9][a-z]*\.", RegexOptions.CultureInvariant)]
    private static partial Regex Burstable();

    /// <inheritdoc />
    public override string Id => "HC-AWS-CAP-001";
    /// <inheritdoc />
    public override string Title => "Burstable instances on the peak path (AWS)";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Rationale => "T2, T3, T3a and T4g instances (and db.t classes) run at a baseline fraction of a vCPU and burst on CPU credits; hours of peak load drain the credits, then the instance is throttled to its baseline or, in unlimited mode, billed for surplus credits.";
    /// <inheritdoc />
    public override string Remediation => "Use a fixed-performance family for the tiers that serve the peak, e.g. instance_type = \"m7g.large\" or \"c7i.large\" in the launch template, instance_class = \"db.m7g.large\" for the database.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("aws_launch_template", "aws_launch_configuration", "aws_instance", "aws_db_instance", "aws_rds_cluster_instance"))
        {
            var attribute = r.Type is "aws_db_instance" or "aws_rds_cluster_instance" ? "instance_class" : "instance_type";
            var type = r[attribute];
            if (IsUnknown(type)) yield return Unverified(r, $"{attribute} is unknown here", type);
            else if (type?.AsString is { } name && Burstable().IsMatch(name)) yield return Fail(r, $"{attribute} {name} is burstable: its CPU runs on credits that a sustained peak drains", type);
        }
    }
}

/// <summary>The auto-scaling group's largest size cannot hold the peak at the capacity one instance showed.</summary>
public sealed class AwsScalingCeilingBelowPeak : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-CAP-002";
    /// <inheritdoc />
    public override string Title => "Auto-scaling ceiling below the peak";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Rationale => "max_size × what one instance holds at the objective is the most the group can ever serve; below the peak with headroom, scaling policies hit the ceiling during the event and the extra traffic queues or fails.";
    /// <inheritdoc />
    public override string Remediation => "Raise max_size on the aws_autoscaling_group to at least peak × (1 + headroom) / per-instance capacity plus a spare, and check the account's EC2 vCPU quota for that many instances.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html", "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-resource-limits.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_autoscaling_group"))
        {
            var max = r["max_size"];
            if (IsUnknown(max)) { yield return Unverified(r, "max_size is unknown here", max); continue; }
            if (NumberOf(max) is not { } size) continue;
            if (context.Targets.PeakRate is not { } peak) { yield return Unverified(r, string.Create(CultureInfo.InvariantCulture, $"max_size is {size}; the event's peak rate is not given"), max); continue; }
            if (context.Targets.PerInstanceRate is not { } each)
            {
                yield return Unverified(r, string.Create(CultureInfo.InvariantCulture, $"max_size is {size}; the per-instance rate (what one instance holds at the objective) is not given (run hypercare capacity search)"), max);
                continue;
            }
            var needed = peak * (1 + context.Targets.Headroom);
            if ((double)size * each < needed)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"max_size {size} × {each:N0}/s = {(double)size * each:N0}/s, below the {needed:N0}/s the peak of {peak:N0}/s needs with {context.Targets.Headroom * 100:0}% headroom"), max);
        }
    }
}

/// <summary>An auto-scaling group whose largest size is its smallest.</summary>
public sealed class AwsScalingGroupCannotGrow : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-CAP-003";
    /// <inheritdoc />
    public override string Title => "Auto-scaling group that cannot scale out";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Rationale => "With max_size equal to min_size the group is a fixed fleet: if the peak is larger than forecast, or an instance slows down, no policy can add capacity, and raising the limit mid-event takes a change and a deploy.";
    /// <inheritdoc />
    public override string Remediation => "Set max_size above min_size on the aws_autoscaling_group (e.g. twice the expected peak fleet) and attach a target-tracking scaling policy.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_autoscaling_group"))
        {
            var min = r["min_size"];
            var max = r["max_size"];
            if (IsUnknown(min) || IsUnknown(max)) { yield return Unverified(r, "min_size or max_size is unknown here", IsUnknown(max) ? max : min); continue; }
            if (NumberOf(min) is { } low && NumberOf(max) is { } high && high <= low)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"max_size {high} is not above min_size {low}: the group cannot add instances when the load rises"), max);
        }
    }
}

/// <summary>An RDS instance whose storage cannot grow on its own.</summary>
public sealed class AwsDatabaseStorageFixed : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-CAP-004";
    /// <inheritdoc />
    public override string Title => "RDS storage without auto-scaling";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Rationale => "Orders, logs and temporary tables grow fastest during the peak; a database whose storage fills up stops accepting writes, and growing it by hand then is slow and risky.";
    /// <inheritdoc />
    public override string Remediation => "Set max_allocated_storage above allocated_storage on the aws_db_instance (e.g. twice it) to turn on storage auto-scaling.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_db_instance").Where(r => !IsAurora(r)))
        {
            var max = r["max_allocated_storage"];
            var allocated = r["allocated_storage"];
            if (IsUnknown(max) || IsUnknown(allocated) && NumberOf(max) is > 0) { yield return Unverified(r, "max_allocated_storage or allocated_storage is unknown here", IsUnknown(max) ? max : allocated); continue; }
            var size = NumberOf(allocated) is { } gb ? string.Create(CultureInfo.InvariantCulture, $"{gb} GiB") : "its allocated_storage";
            if (NumberOf(max) is not { } limit || limit == 0)
                yield return Fail(r, $"max_allocated_storage is {(max is null ? "not set" : "0")}: storage stays at {size}", max);
            else if (NumberOf(allocated) is { } current && limit <= current)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"max_allocated_storage {limit} is not above allocated_storage {current}: storage cannot grow"), max);
        }
    }
}

/// <summary>A DynamoDB table with provisioned throughput and nothing to scale it.</summary>
public sealed class AwsDynamoProvisionedWithoutScaling : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-CAP-005";
    /// <inheritdoc />
    public override string Title => "DynamoDB provisioned capacity without auto-scaling";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Rationale => "A provisioned table serves its read and write capacity units and throttles the rest once burst capacity is spent; a peak that multiplies the traffic turns into ProvisionedThroughputExceeded errors unless capacity follows the load.";
    /// <inheritdoc />
    public override string Remediation => "Set billing_mode = \"PAY_PER_REQUEST\", or add aws_appautoscaling_target and aws_appautoscaling_policy resources for the table's read and write capacity with max_capacity sized for the peak.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html", "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadWriteCapacityMode.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var targets = context.OfType("aws_appautoscaling_target").Where(t => t["service_namespace"]?.AsString is "dynamodb" || IsUnknown(t["service_namespace"])).ToList();
        foreach (var r in context.OfType("aws_dynamodb_table"))
        {
            var mode = r["billing_mode"];
            if (IsUnknown(mode)) { yield return Unverified(r, "billing_mode is unknown here", mode); continue; }
            if (mode?.AsString is { Length: > 0 } m && m != "PROVISIONED") continue;
            var name = r["name"]?.AsString;
            var scaled = targets.Any(t => t["resource_id"] is { } id && (id.AsString is { } text && name is not null && text == $"table/{name}"
                || id.Reference?.StartsWith(r.Address + ".", StringComparison.Ordinal) == true));
            if (scaled) continue;
            if (name is null || targets.Any(t => IsUnknown(t["resource_id"]) || IsUnknown(t["service_namespace"])))
            {
                yield return Unverified(r, "the table's name or an auto-scaling target's resource_id is unknown here: cannot tell whether its capacity is scaled", mode ?? r["name"]);
                continue;
            }
            yield return Fail(r, $"billing_mode {(mode?.AsString is { Length: > 0 } shown ? shown : "not set (PROVISIONED)")} with read_capacity {r["read_capacity"]?.ToString() ?? "(not set)"} and write_capacity {r["write_capacity"]?.ToString() ?? "(not set)"}, and no aws_appautoscaling_target for table/{name}: requests beyond them are throttled", mode);
        }
    }
}

/// <summary>A gp2 volume whose baseline IOPS, set by its size, is low.</summary>
public sealed class AwsGp2LowBaseline : AwsRule
{
    /// <summary>The baseline gp3 gives at any size.</summary>
    public const int Gp3Baseline = 3000;

    /// <inheritdoc />
    public override string Id => "HC-AWS-CAP-006";
    /// <inheritdoc />
    public override string Title => "gp2 volume with a low IOPS baseline";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Rationale => "A gp2 volume's baseline is 3 IOPS per GiB (at least 100); below 1 TiB it bursts to 3,000 IOPS on a credit balance that a sustained peak drains, after which disk-bound work slows to the baseline.";
    /// <inheritdoc />
    public override string Remediation => "Change volume_type (or storage_type for RDS) to \"gp3\", which gives 3,000 IOPS and 125 MiB/s at any size, and set iops and throughput above that if the peak needs them.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("aws_ebs_volume", "aws_instance", "aws_launch_template", "aws_db_instance"))
        {
            foreach (var (type, size) in Volumes(r))
            {
                if (IsUnknown(type)) { yield return Unverified(r, "the volume type is unknown here", type); continue; }
                if (type?.AsString != "gp2") continue;
                if (IsUnknown(size)) { yield return Unverified(r, "the gp2 volume's size is unknown here", size); continue; }
                if (NumberOf(size) is not { } gib) continue;
                var baseline = Math.Min(16000, Math.Max(100, 3 * gib));
                if (baseline < Gp3Baseline)
                    yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"gp2 volume of {gib} GiB: a baseline of {baseline:N0} IOPS, above which it runs on burst credits (gp3 gives {Gp3Baseline:N0} at any size)"), type);
            }
        }
    }

    private static IEnumerable<(Value? Type, Value? Size)> Volumes(Resource r)
    {
        switch (r.Type)
        {
            case "aws_ebs_volume":
                yield return (r["type"], r["size"]);
                break;
            case "aws_db_instance":
                yield return (r["storage_type"], r["allocated_storage"]);
                break;
            case "aws_instance":
                foreach (var d in (r["root_block_device"]?.Items ?? []).Concat(r["ebs_block_device"]?.Items ?? [])) yield return (d["volume_type"], d["volume_size"]);
                break;
            default:
                foreach (var m in r["block_device_mappings"]?.Items ?? [])
                    foreach (var e in m["ebs"]?.Items ?? []) yield return (e["volume_type"], e["volume_size"]);
                break;
        }
    }
}
