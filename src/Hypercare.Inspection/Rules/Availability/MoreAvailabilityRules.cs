using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Availability;

/// <summary>A Redis (Tair) instance without a secondary zone.</summary>
public sealed class CacheInOneZone : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-AVL-004";
    /// <inheritdoc />
    public override string Title => "Redis instance in a single zone";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "Sessions and hot data in a cache confined to one zone disappear with that zone; during a peak the database then takes every read the cache was absorbing.";
    /// <inheritdoc />
    public override string Remediation => "Set secondary_zone_id to another zone so the replica runs there (a dual-zone deployment).";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_kvstore_instance"))
        {
            var secondary = r["secondary_zone_id"];
            if (secondary?.Kind == ValueKind.Unknown) yield return Unverified(r, "secondary_zone_id is unknown here", secondary);
            else if (secondary?.AsString is not { Length: > 0 } || secondary.AsString == r["zone_id"]?.AsString)
                yield return Fail(r, $"no secondary zone: primary and replica both in {r["zone_id"]?.AsString ?? "one zone"}", secondary ?? r["zone_id"]);
        }
    }
}

/// <summary>A Classic Load Balancer without a standby zone.</summary>
public sealed class LoadBalancerInOneZone : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-AVL-005";
    /// <inheritdoc />
    public override string Title => "Load balancer without a standby zone";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "The entry point of the peak is a single point of failure when the load balancer has no standby zone to fail over to.";
    /// <inheritdoc />
    public override string Remediation => "Set slave_zone_id to a zone other than master_zone_id (or use an ALB with zone mappings in two zones).";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_slb_load_balancer"))
        {
            var master = r["master_zone_id"];
            var slave = r["slave_zone_id"];
            if (master is null) continue;   // the cloud picks both zones
            if (slave?.Kind == ValueKind.Unknown || master.Kind == ValueKind.Unknown) yield return Unverified(r, "its zones are unknown here", slave ?? master);
            else if (slave?.AsString is not { Length: > 0 } s || s == master.AsString)
                yield return Fail(r, $"master_zone_id is {master.AsString} and there is no other slave_zone_id", master);
        }
        foreach (var r in context.OfType("alicloud_alb_load_balancer"))
        {
            var mappings = r["zone_mappings"];
            if (mappings?.Kind == ValueKind.Unknown) yield return Unverified(r, "zone_mappings is unknown here", mappings);
            else if (mappings is { Kind: ValueKind.List } && mappings.Items.Select(m => m["zone_id"]?.AsString).Distinct().Count() < 2)
                yield return Fail(r, $"zone_mappings name {mappings.Items.Count} zone(s); an ALB needs two", mappings);
        }
    }
}

/// <summary>A database whose storage cannot grow on its own.</summary>
public sealed class DatabaseStorageFixed : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-CAP-005";
    /// <inheritdoc />
    public override string Title => "Database storage without auto-scaling";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "Orders, logs and binlogs grow fastest during the event; an instance that runs out of storage is locked read-only at the peak.";
    /// <inheritdoc />
    public override string Remediation => "Set storage_auto_scale = \"Enable\" with a storage_threshold and storage_upper_bound, or provision storage for the event's growth with margin.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var scale = r["storage_auto_scale"];
            if (scale?.Kind == ValueKind.Unknown) yield return Unverified(r, "storage_auto_scale is unknown here", scale);
            else if (scale?.AsString != "Enable")
                yield return Fail(r, $"storage_auto_scale is {(scale?.AsString is { } s ? $"\"{s}\"" : "not set (disabled)")} with {r["instance_storage"]?.ToString() ?? "?"} GB", scale ?? r["instance_storage"]);
        }
    }
}
