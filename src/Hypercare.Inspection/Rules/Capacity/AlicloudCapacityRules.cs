using System.Globalization;
using Hypercare.Inspection.Catalog;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Capacity;

/// <summary>A Redis instance class's QPS reference is below the peak's cache operations.</summary>
public sealed class CacheQpsBelowPeak() : AlicloudRule("HC-ALI-CAP-006", "Redis QPS below the peak", Severity.High, Area.Capacity,
    "Nearly every request of an event touches the cache (sessions, carts, stock counters); past its QPS the instance queues commands, latencies climb for every page, and timeouts turn into database load.",
    "Move to an instance_class with a QPS reference above the peak's cache operations with headroom (a larger class, read/write splitting or a cluster with more shard_count); declare the operations per request in the tag hypercare:cache-ops-per-request when it is above 1.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/kvstore_instance")
{
    /// <summary>The tag that says how many cache operations a request makes.</summary>
    public const string OpsTag = "hypercare:cache-ops-per-request";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_kvstore_instance"))
        {
            var cls = r["instance_class"];
            if (IsUnknown(cls)) { yield return Unverified(r, "instance_class is unknown here", cls); continue; }
            if (cls?.AsString is not { Length: > 0 } name) continue;
            if (context.Targets.PeakRate is not { } peak) { yield return Unverified(r, $"{name}: the event's peak rate is not given", cls); continue; }
            if (SpecCatalog.Cache(name) is not { Qps: { } qps } limits) { yield return Unverified(r, $"the QPS of {name} is not in the catalog", cls); continue; }
            var tagged = NumberOf(r["tags"]?[OpsTag]);
            var ops = (double)(tagged ?? 1);
            var needed = peak * (1 + context.Targets.Headroom) * ops;
            if (qps < needed)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture,
                    $"{name} holds about {qps:N0} QPS ({limits.Source}, read {limits.Retrieved}); assuming {(tagged is null ? "at least one cache operation" : $"{ops:N0} cache operations")} per request, the peak of {peak:N0}/s with {context.Targets.Headroom * 100:0}% headroom needs {needed:N0}"), cls);
        }
    }
}

/// <summary>A Redis instance's bandwidth is below the peak egress.</summary>
public sealed class CacheBandwidthBelowEgress() : AlicloudRule("HC-ALI-CAP-007", "Redis bandwidth below the peak egress", Severity.High, Area.Capacity,
    "Cached pages, product lists and sessions leave the cache at close to the rate the site sends them out; a cache capped below the peak egress throttles, and every page that reads it slows down.",
    "Choose an instance_class (or set bandwidth) whose bandwidth covers the peak egress, or spread hot keys over a cluster with more shard_count.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/kvstore_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_kvstore_instance"))
        {
            var own = r["bandwidth"];
            var cls = r["instance_class"];
            if (IsUnknown(own) || own is null && IsUnknown(cls)) { yield return Unverified(r, "bandwidth and instance_class are unknown here", own ?? cls); continue; }
            decimal? mbps = NumberOf(own);
            var source = "bandwidth";
            if (mbps is null)
            {
                if (cls?.AsString is not { Length: > 0 } name) continue;
                if (SpecCatalog.Cache(name) is not { BandwidthMbps: { } b } limits) { yield return Unverified(r, $"the bandwidth of {name} is not in the catalog", cls); continue; }
                mbps = b;
                source = $"{name} ({limits.Source}, read {limits.Retrieved})";
            }
            if (context.Targets.PeakEgressMbps is not { } egress) { yield return Unverified(r, string.Create(CultureInfo.InvariantCulture, $"{mbps} Mbit/s; the event's peak egress is not given"), own ?? cls); continue; }
            if ((double)mbps < egress)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"{source}: {mbps} Mbit/s, below the peak egress of {egress:N0} Mbit/s"), own ?? cls);
        }
    }
}

/// <summary>A NAT gateway's connection limit is below the peak's concurrent connections.</summary>
public sealed class NatBelowPeakConcurrency() : AlicloudRule("HC-ALI-CAP-008", "NAT gateway connection limit below the peak", Severity.High, Area.Capacity,
    "Calls to payment, SMS and other outside services leave through the NAT gateway; past its connection limit new outbound connections fail, and checkout breaks while the storefront still loads.",
    "Use an enhanced NAT gateway (nat_type = \"Enhanced\") or a larger specification (Middle, Large), and keep outbound calls on pooled keep-alive connections.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/nat_gateway")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_nat_gateway"))
        {
            var spec = r["specification"];
            var type = r["nat_type"];
            if (IsUnknown(spec) || spec is null && IsUnknown(type)) { yield return Unverified(r, "specification is unknown here", spec ?? type); continue; }
            if (spec?.AsString is not { Length: > 0 } name)
            {
                yield return Unverified(r, $"nat_type {type?.AsString ?? "not set"} and no specification: the connection limit is not in the catalog", type ?? r["vpc_id"]);
                continue;
            }
            if (SpecCatalog.NatGateway(name) is not { MaxConnections: { } max } limits) { yield return Unverified(r, $"specification {name} is not in the catalog", spec); continue; }
            if (context.Targets.PeakConcurrency is not { } users) { yield return Unverified(r, $"{name}: the event's peak concurrency is not given", spec); continue; }
            var needed = users * (1 + context.Targets.Headroom);
            if (max < needed)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture,
                    $"specification {name} allows {max:N0} connections ({limits.Source}, read {limits.Retrieved}); if each of the {users:N0} concurrent users holds one outbound connection, the peak with {context.Targets.Headroom * 100:0}% headroom needs {needed:N0}"), spec);
        }
    }
}

/// <summary>A CLB specification's connection limits are below the peak.</summary>
public sealed class LoadBalancerConnectionsBelowPeak() : AlicloudRule("HC-ALI-CAP-009", "Load balancer connection limits below the peak", Severity.High, Area.Capacity,
    "A CLB throttles at the first of its limits it reaches: past its maximum connections or new connections per second it drops connections, however low its QPS is.",
    "Choose a load_balancer_spec whose max connections exceed the peak concurrency and whose new connections per second exceed the peak rate, with headroom (or PayByCLCU).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_load_balancer")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_slb_load_balancer"))
        {
            var spec = r["load_balancer_spec"];
            if (IsUnknown(spec)) { yield return Unverified(r, "load_balancer_spec is unknown here", spec); continue; }
            if (spec?.AsString is not { Length: > 0 } name) continue;
            if (SpecCatalog.LoadBalancer(name) is not { } limits) { yield return Unverified(r, $"{name} is not in the specification catalog", spec); continue; }
            var headroom = 1 + context.Targets.Headroom;
            var over = new List<string>();
            var missing = new List<string>();
            if (context.Targets.PeakConcurrency is not { } users) missing.Add("the peak concurrency");
            else if (limits.MaxConnections is { } max && max < users * headroom)
                over.Add(string.Create(CultureInfo.InvariantCulture, $"{max:N0} max connections against {users * headroom:N0} concurrent connections"));
            if (context.Targets.PeakRate is not { } rate) missing.Add("the peak rate");
            else if (limits.NewConnectionsPerSecond is { } cps && cps < rate * headroom)
                over.Add(string.Create(CultureInfo.InvariantCulture, $"{cps:N0} new connections/s against {rate * headroom:N0} (one per request)"));
            if (over.Count > 0)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"{name} allows {string.Join(" and ", over)} at the peak with {context.Targets.Headroom * 100:0}% headroom ({limits.Source}, read {limits.Retrieved})"), spec);
            else if (missing.Count > 0)
                yield return Unverified(r, $"{name}: {string.Join(" and ", missing)} of the event {(missing.Count > 1 ? "are" : "is")} not given", spec);
        }
    }
}

/// <summary>An RDS instance has no read-only instance to take reads.</summary>
public sealed class DatabaseWithoutReadReplica() : AlicloudRule("HC-ALI-CAP-010", "Database without a read-only instance", Severity.Medium, Area.Capacity,
    "Reads dominate event traffic (product pages, stock, order status); with no read-only instance every one of them competes with the checkout's writes on the primary.",
    "Add an alicloud_db_readonly_instance with master_db_instance_id = the primary's id, and send read-only queries to it (a read/write splitting endpoint).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_readonly_instance")
{
    private static readonly string[] Readers = ["alicloud_db_readonly_instance"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var link = ReferencedBy(context, r, Readers, "master_db_instance_id");
            if (link == Link.Unsure) yield return Unverified(r, "a read-only instance's master_db_instance_id is unknown here");
            else if (link == Link.None) yield return Fail(r, $"no alicloud_db_readonly_instance has {r.Address} as its master_db_instance_id: every read goes to the primary");
        }
    }
}

/// <summary>A scaling group's size cannot change.</summary>
public sealed class ScalingGroupFixedSize() : AlicloudRule("HC-ALI-CAP-011", "Scaling group without elasticity", Severity.High, Area.Capacity,
    "max_size equal to min_size means the group can replace instances but never add any: a peak above the plan has nowhere to go.",
    "Raise max_size above min_size, to what the peak needs with headroom (see HC-ALI-CAP-003).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_scaling_group")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var min = r["min_size"];
            var max = r["max_size"];
            if (IsUnknown(min) || IsUnknown(max)) { yield return Unverified(r, "min_size or max_size is unknown here", IsUnknown(max) ? max : min); continue; }
            if (NumberOf(min) is { } a && NumberOf(max) is { } b && a == b)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"min_size and max_size are both {a}: the group cannot grow"), max);
        }
    }
}

/// <summary>Nothing makes a scaling group scale.</summary>
public sealed class ScalingGroupWithoutTrigger() : AlicloudRule("HC-ALI-CAP-012", "Scaling group that nothing scales", Severity.High, Area.Capacity,
    "A simple scaling rule does nothing until an alarm or a schedule runs it; without one the group stays at its size through the peak however busy it gets.",
    "Add an alicloud_ess_alarm on CPU or load (alarm_actions = the scaling rule's ari) or a target-tracking alicloud_ess_scaling_rule, plus an alicloud_ess_scheduled_task that scales out before the event starts.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_alarm")
{
    private static readonly string[] Triggers = ["alicloud_ess_alarm", "alicloud_ess_scheduled_task"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var rules = Referrers(context, r, "alicloud_ess_scaling_rule", "scaling_group_id").ToList();
            if (rules.Any(x => x["scaling_rule_type"]?.AsString is "TargetTrackingScalingRule" or "PredictiveScalingRule")) continue;
            var link = ReferencedBy(context, r, Triggers, "scaling_group_id");
            if (link == Link.Found) continue;
            if (link == Link.Unsure || rules.Any(x => IsUnknown(x["scaling_rule_type"])))
                yield return Unverified(r, "an alarm's, task's or rule's link to the group is unknown here");
            else
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"{rules.Count} simple scaling rule(s) and no alicloud_ess_alarm, scheduled task or target-tracking rule: the group never scales by itself"));
        }
    }
}

/// <summary>An ECS instance's public bandwidth is below the peak egress.</summary>
public sealed class InstanceBandwidthBelowEgress() : AlicloudRule("HC-ALI-CAP-013", "ECS public bandwidth below the peak egress", Severity.Medium, Area.Capacity,
    "internet_max_bandwidth_out caps what the instance sends to the internet; if it serves the event directly, responses above the cap are dropped and pages stall.",
    "Raise internet_max_bandwidth_out to the instance's share of the peak egress, or serve the internet through a load balancer or EIP with enough bandwidth and set it to 0.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/instance")
{
    private static readonly string[] Types = ["alicloud_instance", "alicloud_ess_scaling_configuration"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            if (InspectionContext.IsManagementHost(r)) continue;   // a bastion's bandwidth is for its operators, not the event's users
            var bandwidth = r["internet_max_bandwidth_out"];
            if (IsUnknown(bandwidth)) { yield return Unverified(r, "internet_max_bandwidth_out is unknown here", bandwidth); continue; }
            if (NumberOf(bandwidth) is not { } mbps || mbps <= 0) continue;
            if (context.Targets.PeakEgressMbps is not { } egress) { yield return Unverified(r, string.Create(CultureInfo.InvariantCulture, $"internet_max_bandwidth_out {mbps} Mbit/s; the event's peak egress is not given"), bandwidth); continue; }
            if ((double)mbps < egress)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"internet_max_bandwidth_out is {mbps} Mbit/s, below the peak egress of {egress:N0} Mbit/s"), bandwidth);
        }
    }
}

/// <summary>Instances of an old generation of families.</summary>
public sealed class OldGenerationInstances() : AlicloudRule("HC-ALI-CAP-014", "Old-generation instance family", Severity.Medium, Area.Capacity,
    "Old families (n1, n4, sn1, xn4, e4, s6...) give less per vCPU than current ones, and their stock is thin: the scale-out the peak needs may find none left in the zone.",
    "Move instance_type to a current family of the same shape, e.g. ecs.g7 / ecs.c7 / ecs.r7 (or g8i, c8i), and test it before the event.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/instance")
{
    private static readonly string[] Types = ["alicloud_instance", "alicloud_ess_scaling_configuration", "alicloud_ecs_launch_template"];
    private static readonly HashSet<string> Old = new(StringComparer.Ordinal) { "t1", "s1", "s2", "s3", "m1", "m2", "c1", "c2", "n1", "n2", "n4", "mn4", "xn4", "e3", "e4", "sn1", "sn2", "se1", "s6" };

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            var type = r["instance_type"];
            if (IsUnknown(type)) { yield return Unverified(r, "instance_type is unknown here", type); continue; }
            var parts = type?.AsString?.Split('.');
            if (parts is { Length: >= 3 } && parts[0] == "ecs" && Old.Contains(parts[1]))
                yield return Fail(r, $"instance_type {type!.AsString} is of the old ecs.{parts[1]} family", type);
        }
    }
}

/// <summary>Basic (magnetic) cloud disks on instances.</summary>
public sealed class BasicCloudDisk() : AlicloudRule("HC-ALI-CAP-015", "Basic cloud disk on the peak path", Severity.Medium, Area.Capacity,
    "The basic \"cloud\" category offers a few hundred IOPS with high latency; logs, caches and temp files written during the peak saturate it and stall the instance.",
    "Set the disk category (system_disk_category, data_disks.category, category) to cloud_essd (or cloud_auto / cloud_essd_entry).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/instance")
{
    private static readonly string[] Types = ["alicloud_instance", "alicloud_ess_scaling_configuration", "alicloud_ecs_disk", "alicloud_disk", "alicloud_ecs_launch_template"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            var categories = new List<(string Where, Value? Value)> { ("system_disk_category", r["system_disk_category"]), ("category", r["category"]) };
            foreach (var disk in r["data_disks"]?.Items ?? []) categories.Add(("data_disks.category", disk["category"]));
            var basic = categories.FirstOrDefault(c => c.Value?.AsString == "cloud");
            if (basic.Value is not null) yield return Fail(r, $"{basic.Where} is \"cloud\", the basic disk category", basic.Value);
            else if (categories.FirstOrDefault(c => IsUnknown(c.Value)) is { Value: not null } unknown) yield return Unverified(r, $"{unknown.Where} is unknown here", unknown.Value);
        }
    }
}

/// <summary>A shared-performance CLB.</summary>
public sealed class SharedPerformanceLoadBalancer() : AlicloudRule("HC-ALI-CAP-016", "Shared-performance load balancer", Severity.High, Area.Capacity,
    "A CLB without a specification (pay-by-spec) is a shared-performance instance with no guaranteed connections or QPS: its limits depend on its neighbours, exactly what a peak cannot rely on.",
    "Set load_balancer_spec to a guaranteed-performance specification sized for the peak (slb.s2.small and above), or instance_charge_type = \"PayByCLCU\".",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_load_balancer")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_slb_load_balancer"))
        {
            var spec = r["load_balancer_spec"];
            var charge = r["instance_charge_type"];
            if (spec?.AsString is { Length: > 0 }) continue;
            if (IsUnknown(spec) || IsUnknown(charge)) { yield return Unverified(r, "load_balancer_spec or instance_charge_type is unknown here", IsUnknown(spec) ? spec : charge); continue; }
            if (charge?.AsString != "PayByCLCU")
                yield return Fail(r, $"no load_balancer_spec with instance_charge_type {(charge?.AsString is { } c ? $"\"{c}\"" : "not set (PayBySpec)")}: a shared-performance instance", charge);
        }
    }
}

/// <summary>A scaling configuration offers a single instance type.</summary>
public sealed class SingleInstanceType() : AlicloudRule("HC-ALI-CAP-017", "Scaling configuration with a single instance type", Severity.Medium, Area.Capacity,
    "During a regional peak many customers scale out at once; a configuration that accepts one instance type fails to launch when that type runs out of stock in the group's zones.",
    "List several equivalent types in instance_types (e.g. [\"ecs.g7.large\", \"ecs.g8i.large\", \"ecs.g6.large\"]) so scale-out can fall back.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_scaling_configuration")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_configuration"))
        {
            var types = r["instance_types"];
            if (IsUnknown(types)) { yield return Unverified(r, "instance_types is unknown here", types); continue; }
            if (types is { Kind: ValueKind.List, Items.Count: > 1 }) continue;
            var only = (types is { Items.Count: 1 } ? types.Items[0] : r["instance_type"]);
            yield return Fail(r, $"a single instance type ({(only?.AsString is { } t ? t : "unknown here")}): no fallback when it is out of stock", only ?? types);
        }
    }
}

/// <summary>A load balancer or listener whose bandwidth cap is below the peak egress.</summary>
public sealed class LoadBalancerBandwidthBelowEgress() : AlicloudRule("HC-ALI-CAP-018", "Load balancer bandwidth cap below the peak egress", Severity.High, Area.Capacity,
    "An internet CLB billed by bandwidth, or a listener with a bandwidth cap, drops what it would send above the cap: at the peak the responses queue in the load balancer and pages stall while the servers behind it are idle.",
    "Raise the load balancer's bandwidth (internet_charge_type PayByBandwidth) or the listener's bandwidth to the peak egress with headroom for the event, or bill by traffic and set the listener's bandwidth to -1 (no cap).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_listener")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("alicloud_slb_load_balancer", "alicloud_slb_listener"))
        {
            if (r.Type == "alicloud_slb_load_balancer" && (r["address_type"]?.AsString == "intranet" || !string.Equals(r["internet_charge_type"]?.AsString, "PayByBandwidth", StringComparison.OrdinalIgnoreCase)))
                continue;
            var bandwidth = r["bandwidth"];
            if (IsUnknown(bandwidth)) { yield return Unverified(r, "bandwidth is unknown here", bandwidth); continue; }
            if (NumberOf(bandwidth) is not { } mbps || mbps <= 0) continue;   // -1: no cap
            if (context.Targets.PeakEgressMbps is not { } egress) { yield return Unverified(r, string.Create(CultureInfo.InvariantCulture, $"bandwidth {mbps} Mbit/s; the event's peak egress is not given"), bandwidth); continue; }
            if ((double)mbps < egress)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"{(r.Type == "alicloud_slb_listener" ? $"the listener of port {r["frontend_port"]?.AsNumber?.ToString(CultureInfo.InvariantCulture) ?? "?"} caps" : "the load balancer, billed by bandwidth, caps")} bandwidth at {mbps} Mbit/s, below the peak egress of {egress:N0} Mbit/s"), bandwidth);
        }
    }
}
