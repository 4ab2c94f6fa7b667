using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Availability;

/// <summary>An RDS instance whose standby is in the primary's zone.</summary>
public sealed class DatabaseStandbySameZone() : AlicloudRule("HC-ALI-AVL-006", "Database standby in the primary's zone", Severity.High, Area.Availability,
    "A standby in the same zone as the primary protects against a host failure but not a zone failure: if that zone has trouble during the peak, both nodes go with it.",
    "Set zone_id_slave_a to a zone other than zone_id (with a vswitch of that zone in vswitch_id).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var primary = r["zone_id"];
            var standby = r["zone_id_slave_a"];
            if (standby is null || primary is null || r["category"]?.AsString == "Basic") continue;
            if (IsUnknown(primary) || IsUnknown(standby)) yield return Unverified(r, "zone_id or zone_id_slave_a is unknown here", IsUnknown(standby) ? standby : primary);
            else if (standby.AsString == primary.AsString) yield return Fail(r, $"zone_id_slave_a is {standby.AsString}, the primary's zone", standby);
        }
    }
}

/// <summary>An ALB server group does not check its backends.</summary>
public sealed class AlbServerGroupWithoutHealthCheck() : AlicloudRule("HC-ALI-AVL-007", "ALB server group without health checks", Severity.High, Area.Availability,
    "Without health checks the ALB keeps routing a share of the peak to backends that have hung, crashed or are still warming up.",
    "Set health_check_config { health_check_enabled = true } with a cheap path, healthy/unhealthy thresholds of 2-3 and an interval of 2-5 s.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/alb_server_group")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_alb_server_group"))
        {
            var config = r["health_check_config"];
            var block = config?.Kind == ValueKind.List ? (config.Items.Count > 0 ? config.Items[0] : null) : config;
            var enabled = block?["health_check_enabled"];
            if (IsUnknown(config) || IsUnknown(enabled)) yield return Unverified(r, "health_check_enabled is unknown here", enabled ?? config);
            else if (BoolOf(enabled) != true)
                yield return Fail(r, enabled is null ? "health_check_config does not enable health checks" : "health_check_enabled is false", enabled ?? config);
        }
    }
}

/// <summary>A scaling group may run a single instance.</summary>
public sealed class ScalingGroupMinOne() : AlicloudRule("HC-ALI-AVL-008", "Scaling group that may shrink to one instance", Severity.High, Area.Availability,
    "With min_size below 2 a quiet hour before the peak can leave one instance serving: its failure is an outage, and the first minutes of the rush hit a tier that has to scale from almost nothing.",
    "Set min_size to at least 2 (and before the event, to the count the opening of the peak needs).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_scaling_group")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var min = r["min_size"];
            if (IsUnknown(min)) yield return Unverified(r, "min_size is unknown here", min);
            else if (NumberOf(min) is { } n && n < 2) yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"min_size is {n}: the group may run a single instance"), min);
        }
    }
}

/// <summary>A scaling group's instances are not added to any load balancer.</summary>
public sealed class ScalingGroupWithoutLoadBalancer() : AlicloudRule("HC-ALI-AVL-009", "Scaling group not attached to a load balancer", Severity.High, Area.Availability,
    "Instances the group launches during the peak take no traffic unless they join a load balancer; scale-out then adds cost but no capacity, and failed instances are not drained.",
    "Set loadbalancer_ids (CLB) or an alb_server_group block (ALB), or attach the group with alicloud_ess_server_group_attachment / alicloud_ess_alb_server_group_attachment.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_scaling_group")
{
    private static readonly string[] Attachments = ["alicloud_ess_server_group_attachment", "alicloud_ess_alb_server_group_attachment", "alicloud_ess_scalinggroup_vserver_groups", "alicloud_ess_attachment"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var lbs = r["loadbalancer_ids"];
            var alb = r["alb_server_group"];
            if (lbs is { Kind: ValueKind.List, Items.Count: > 0 } || alb is { Kind: ValueKind.List, Items.Count: > 0 } or { Kind: ValueKind.Map }) continue;
            if (IsUnknown(lbs) || IsUnknown(alb)) { yield return Unverified(r, "loadbalancer_ids is unknown here", lbs ?? alb); continue; }
            var link = ReferencedBy(context, r, Attachments, "scaling_group_id");
            if (link == Link.Unsure) yield return Unverified(r, "an attachment's scaling_group_id is unknown here", lbs);
            else if (link == Link.None) yield return Fail(r, "no loadbalancer_ids, ALB server group or attachment: launched instances take no traffic", lbs);
        }
    }
}

/// <summary>A multi-zone scaling group fills zones by priority, not evenly.</summary>
public sealed class ScalingGroupNotBalanced() : AlicloudRule("HC-ALI-AVL-010", "Multi-zone scaling group without balanced distribution", Severity.Medium, Area.Availability,
    "With the default PRIORITY policy a group fills its first vswitch's zone before the others, so most of the peak's instances end up in one zone and go down together with it.",
    "Set multi_az_policy = \"BALANCE\" (or COST_OPTIMIZED with on-demand base capacity spread) on groups with vswitches in several zones.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_scaling_group")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var ids = r["vswitch_ids"];
            var policy = r["multi_az_policy"];
            if (IsUnknown(ids) && policy?.AsString is not ("BALANCE" or "COMPOSABLE")) { yield return Unverified(r, "vswitch_ids is unknown here: cannot tell whether the group spans several zones", ids); continue; }
            if (ids is not { Kind: ValueKind.List } || ids.Items.Count < 2) continue;
            if (IsUnknown(policy)) yield return Unverified(r, "multi_az_policy is unknown here", policy);
            else if (policy?.AsString is not ("BALANCE" or "COMPOSABLE"))
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"{ids.Items.Count} vswitches and multi_az_policy {(policy?.AsString is { } p ? $"\"{p}\"" : "not set (PRIORITY)")}: instances are not spread evenly"), policy ?? ids);
        }
    }
}

/// <summary>A listener's health check takes too long to take a failed backend out.</summary>
public sealed class SlowHealthCheck() : AlicloudRule("HC-ALI-AVL-011", "Health check too slow to detect a failure", Severity.Medium, Area.Availability,
    "interval × unhealthy_threshold is how long a dead backend keeps receiving its share of the peak; past about 30 s that is thousands of failed requests per backend at event rates.",
    "Lower health_check_interval (2-5 s) and unhealthy_threshold (2-3) so that their product stays under 30 s.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_listener")
{
    /// <summary>The longest detection time accepted, in seconds.</summary>
    public const int MaxSeconds = 30;

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_slb_listener"))
        {
            if (r["health_check"]?.AsString == "off") continue;   // HC-ALI-AVL-001's
            var interval = r["health_check_interval"];
            var threshold = r["unhealthy_threshold"];
            if (IsUnknown(interval) || IsUnknown(threshold)) { yield return Unverified(r, "health_check_interval or unhealthy_threshold is unknown here", IsUnknown(interval) ? interval : threshold); continue; }
            var seconds = (NumberOf(interval) ?? 2) * (NumberOf(threshold) ?? 3);
            if (seconds > MaxSeconds)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"health_check_interval {NumberOf(interval) ?? 2} s × unhealthy_threshold {NumberOf(threshold) ?? 3} = {seconds} s to detect a failed backend, above {MaxSeconds} s"), interval ?? threshold);
        }
    }
}

/// <summary>The instances of a tier (same name, numbered) all run in one zone.</summary>
public sealed class InstanceTierInOneZone() : AlicloudRule("HC-ALI-AVL-012", "ECS instances of a tier in a single zone", Severity.High, Area.Availability,
    "Instances that serve the same role (web-1, web-2, or one resource with count) in one zone fail together with it; the redundancy the count suggests is not there during the peak.",
    "Spread the tier over at least two zones: give the instances vswitch_id values of vswitches in different zones, or run the tier in a multi-zone scaling group.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var tiers = context.OfType("alicloud_instance").GroupBy(r => (string.Join('.', r.ModulePath), r.Name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').TrimEnd('-', '_')));
        foreach (var tier in tiers)
        {
            var members = tier.ToList();
            if (members.Count < 2) continue;
            var zones = members.Select(m => ZoneOf(context, m)).ToList();
            if (zones.Any(z => z is null)) continue;   // the cloud places them
            if (zones.Any(z => z!.Kind != ValueKind.Text))
            {
                yield return Unverified(members[0], string.Create(CultureInfo.InvariantCulture, $"the zones of the {members.Count} instances named {tier.Key.Item2}* are unknown here"), zones.First(z => z!.Kind != ValueKind.Text));
                continue;
            }
            var distinct = zones.Select(z => z!.AsString).Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count == 1)
                yield return Fail(members[0], string.Create(CultureInfo.InvariantCulture, $"all {members.Count} instances named {tier.Key.Item2}* are in {distinct[0]}"), zones[0]);
        }
    }
}

/// <summary>A PolarDB cluster with a single node.</summary>
public sealed class PolarDbSingleNode() : AlicloudRule("HC-ALI-AVL-013", "PolarDB cluster with fewer than two nodes", Severity.High, Area.Availability,
    "A one-node PolarDB cluster has no read-only node to fail over to: a node failure or a restart during the peak stops the database until it recovers.",
    "Set db_node_count to at least 2 (a primary and a read-only node, ideally in another zone).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/polardb_cluster")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_polardb_cluster"))
        {
            var nodes = r["db_node_count"];
            if (IsUnknown(nodes)) yield return Unverified(r, "db_node_count is unknown here", nodes);
            else if (NumberOf(nodes) is { } n && n < 2) yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"db_node_count is {n}: no node to fail over to"), nodes);
        }
    }
}

/// <summary>A Redis instance with a single node and no replica.</summary>
public sealed class CacheSingleNode() : AlicloudRule("HC-ALI-AVL-014", "Redis instance without a replica", Severity.High, Area.Availability,
    "A single-node cache loses its data and its service when the node fails; at the peak every miss then lands on the database, which is rarely sized for that.",
    "Use a master-replica (standard) or cluster instance: node_type = \"MASTER_SLAVE\" (or a non-single instance_class).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/kvstore_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_kvstore_instance"))
        {
            var node = r["node_type"];
            if (IsUnknown(node)) yield return Unverified(r, "node_type is unknown here", node);
            else if (node?.AsString is "STAND_ALONE" or "single") yield return Fail(r, $"node_type is \"{node.AsString}\": one node, no replica", node);
            else if (r["instance_class"]?.AsString is { } c && c.Contains("singlenode", StringComparison.OrdinalIgnoreCase))
                yield return Fail(r, $"instance_class {c} is a single-node class: no replica", r["instance_class"]);
            else if (node is null && IsUnknown(r["instance_class"])) yield return Unverified(r, "node_type is not set and instance_class is unknown here", r["instance_class"]);
        }
    }
}

/// <summary>A scaling group does not replace unhealthy instances.</summary>
public sealed class ScalingGroupWithoutHealthCheck() : AlicloudRule("HC-ALI-AVL-015", "Scaling group that does not replace unhealthy instances", Severity.Medium, Area.Availability,
    "With health_check_type NONE the group keeps stopped or broken instances in service; the tier silently runs below the capacity planned for the peak.",
    "Set health_check_type = \"ECS\" (or LOAD_BALANCER, so instances the load balancer finds unhealthy are replaced).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_scaling_group")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var type = r["health_check_type"];
            if (IsUnknown(type)) yield return Unverified(r, "health_check_type is unknown here", type);
            else if (type?.AsString == "NONE") yield return Fail(r, "health_check_type is \"NONE\": unhealthy instances are not replaced", type);
        }
    }
}
