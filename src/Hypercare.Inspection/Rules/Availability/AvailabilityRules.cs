using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Availability;

/// <summary>A load balancer listener forwards to backends without checking their health.</summary>
public sealed class ListenerWithoutHealthCheck : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-AVL-001";
    /// <inheritdoc />
    public override string Title => "Load balancer listener without health checks";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "Without health checks the load balancer keeps sending a share of the peak to an instance that has hung or is still starting, and those users see errors until someone notices.";
    /// <inheritdoc />
    public override string Remediation => "Set health_check = \"on\" with an HTTP check of a cheap readiness endpoint (health_check_uri), healthy_threshold and unhealthy_threshold of 2-3 and an interval of 2-5 s.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_slb_listener"))
        {
            var check = r["health_check"];
            if (check?.AsString == "off") yield return Fail(r, $"health_check is \"off\" on the {r["protocol"]?.AsString ?? "?"} listener of port {r["frontend_port"]}", check);
            else if (check?.Kind == ValueKind.Unknown) yield return Unverified(r, "health_check is unknown here", check);
        }
    }
}

/// <summary>An auto-scaling group launches instances in one zone only.</summary>
public sealed class ScalingGroupInOneZone : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-AVL-002";
    /// <inheritdoc />
    public override string Title => "Scaling group in a single zone";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "A tier whose instances all live in one zone goes down with that zone, and scale-out during the peak competes for that zone's stock of the instance type alone.";
    /// <inheritdoc />
    public override string Remediation => "List vswitches of at least two zones in vswitch_ids and set multi_az_policy to BALANCE.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var ids = r["vswitch_ids"];
            if (ids is null) continue;
            if (ids.Kind == ValueKind.Unknown) { yield return Unverified(r, "vswitch_ids is unknown here", ids); continue; }
            var zones = new HashSet<string>(StringComparer.Ordinal);
            var unresolved = 0;
            foreach (var id in ids.Items)
            {
                if (context.Target(id)?["zone_id"]?.AsString is { } zone) zones.Add(zone);
                else unresolved++;
            }
            if (zones.Count >= 2) continue;
            if (unresolved > 0) yield return Unverified(r, $"the zones of {unresolved} of its {ids.Items.Count} vswitch(es) are unknown here", ids);
            else if (zones.Count == 1) yield return Fail(r, $"all {ids.Items.Count} vswitch(es) are in {zones.Single()}", ids);
        }
    }
}

/// <summary>An RDS instance of the Basic category: one node, no standby.</summary>
public sealed class DatabaseWithoutStandby : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-AVL-003";
    /// <inheritdoc />
    public override string Title => "Database without a standby (Basic category)";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "A Basic RDS instance is a single node: a host failure or a forced restart during the peak takes the database away for as long as the recovery takes, with no failover.";
    /// <inheritdoc />
    public override string Remediation => "Use the HighAvailability (or cluster) category with the standby in another zone (zone_id_slave_a), and add read-only instances for read-heavy paths.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var category = r["category"];
            if (category?.AsString == "Basic") yield return Fail(r, "category is \"Basic\": a single node with no standby", category);
            else if (category?.Kind == ValueKind.Unknown) yield return Unverified(r, "category is unknown here", category);
        }
    }
}
