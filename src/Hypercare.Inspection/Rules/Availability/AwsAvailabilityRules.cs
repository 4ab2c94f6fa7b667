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
