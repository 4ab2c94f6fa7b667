using System.Globalization;
using Hypercare.Core.Problems;
using Hypercare.Inspection.Catalog;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Assessment;

/// <summary>What a tier does in the estate; resources are grouped into tiers by their type.</summary>
public enum TierKind
{
    /// <summary>Load balancers in front of the service.</summary>
    LoadBalancer,
    /// <summary>The instances that serve requests.</summary>
    Service,
    /// <summary>Relational databases.</summary>
    Database,
    /// <summary>Caches (Redis and the like).</summary>
    Cache,
    /// <summary>Outbound and public addresses: EIPs and NAT gateways.</summary>
    Egress,
}

/// <summary>A tier's name as the engagement's topology calls it.</summary>
/// <param name="Name">The tier's name, e.g. <c>web</c>.</param>
/// <param name="Kind">What it does.</param>
public sealed record TierName(string Name, TierKind Kind);

/// <summary>One deployed resource of a tier.</summary>
/// <param name="Address">The resource's address.</param>
/// <param name="Type">The resource type.</param>
/// <param name="Count">How many instances or nodes it stands for (a scaling group: min-max), as text.</param>
/// <param name="Zones">The zones it runs in, as far as known.</param>
/// <param name="Spec">Its specification (instance type, class, spec), if known.</param>
/// <param name="Location">Where it is declared.</param>
public sealed record DeployedResource(string Address, string Type, string Count, IReadOnlyList<string> Zones, string? Spec, SourceLocation? Location);

/// <summary>
/// One published limit set against what the event needs. Headroom is how much more the limit holds than needed:
/// (limit − needed) / needed; negative means the limit is below the need.
/// </summary>
/// <param name="Resource">The resource whose limit it is.</param>
/// <param name="Limit">What is limited, e.g. "QPS".</param>
/// <param name="Published">The limit, or null when it is not known.</param>
/// <param name="Needed">What the event needs, or null when the engagement does not say.</param>
/// <param name="Unit">The unit of both numbers.</param>
/// <param name="Basis">How the need was worked out.</param>
/// <param name="Source">Where the limit comes from, with the date it was read.</param>
public sealed record LimitCheck(string Resource, string Limit, double? Published, double? Needed, string Unit, string Basis, string? Source)
{
    /// <summary>Headroom as a fraction (0.25 = 25% more than needed), when both numbers are known.</summary>
    public double? Headroom => Published is { } p && Needed is { } n && n > 0 ? (p - n) / n : null;

    /// <summary>"ok", "tight" (under 20% headroom), "short", or "not measured".</summary>
    public string Verdict => Headroom switch
    {
        null => "not measured",
        < 0 => "short",
        < 0.2 => "tight",
        _ => "ok",
    };
}

/// <summary>
/// What the configuration implies for recovery: how data is backed up, what survives a zone, and the recovery point
/// and time objectives that follow (RPO: how much data can be lost; RTO: how long until it serves again).
/// </summary>
/// <param name="Resource">The resource.</param>
/// <param name="Backups">How data is backed up (or "none: stateless").</param>
/// <param name="ZoneFailure">What happens when a zone fails.</param>
/// <param name="Rpo">The recovery point the configuration implies.</param>
/// <param name="Rto">The recovery time the configuration implies.</param>
/// <param name="Gaps">What keeps it from surviving a zone or a bad change.</param>
public sealed record Recovery(string Resource, string Backups, string ZoneFailure, string Rpo, string Rto, IReadOnlyList<string> Gaps);

/// <summary>A tier: what is deployed, its limits against the objectives, and its recovery.</summary>
public sealed record TierAssessment(string Name, TierKind Kind, IReadOnlyList<DeployedResource> Deployed, IReadOnlyList<LimitCheck> Limits, IReadOnlyList<Recovery> Recovery);

/// <summary>
/// The cloud resource assessment: per tier, what is deployed (type, count, zones, spec), its published limits from the
/// specification catalog against the event's objectives (headroom per limit), and a disaster-recovery assessment.
/// </summary>
public static class ResourceAssessment
{
    private static readonly Dictionary<string, TierKind> Kinds = new(StringComparer.Ordinal)
    {
        ["alicloud_slb_load_balancer"] = TierKind.LoadBalancer, ["alicloud_alb_load_balancer"] = TierKind.LoadBalancer,
        ["aws_lb"] = TierKind.LoadBalancer, ["aws_alb"] = TierKind.LoadBalancer, ["aws_elb"] = TierKind.LoadBalancer,
        ["alicloud_ess_scaling_group"] = TierKind.Service, ["alicloud_instance"] = TierKind.Service,
        ["aws_autoscaling_group"] = TierKind.Service, ["aws_instance"] = TierKind.Service,
        ["alicloud_db_instance"] = TierKind.Database, ["alicloud_polardb_cluster"] = TierKind.Database,
        ["aws_db_instance"] = TierKind.Database, ["aws_rds_cluster"] = TierKind.Database,
        ["alicloud_kvstore_instance"] = TierKind.Cache, ["aws_elasticache_replication_group"] = TierKind.Cache, ["aws_elasticache_cluster"] = TierKind.Cache,
        ["alicloud_eip_address"] = TierKind.Egress, ["alicloud_nat_gateway"] = TierKind.Egress, ["aws_nat_gateway"] = TierKind.Egress,
    };

    /// <summary>
    /// Assesses the estate. Tier names come from the engagement's topology when given (every resource of a kind goes to
    /// the topology's tiers of that role, named together); otherwise tiers are named by their kind.
    /// </summary>
    public static IReadOnlyList<TierAssessment> Assess(InspectionContext context, IReadOnlyList<TierName>? names = null)
    {
        var result = new List<TierAssessment>();
        var byKind = context.Graph.Resources
            .Where(r => r.Mode == "managed" && Kinds.ContainsKey(r.Type) && !IsManagement(r))
            .GroupBy(r => Kinds[r.Type]);
        foreach (var group in byKind.OrderBy(g => g.Key))
        {
            var resources = group.ToList();
            var name = names?.Where(n => n.Kind == group.Key).Select(n => n.Name).ToList() is { Count: > 0 } named ? string.Join(", ", named) : KebabName(group.Key);
            var deployed = resources.Select(r => Describe(context, r)).ToList();
            var limits = resources.SelectMany(r => Limits(context, r)).ToList();
            var recovery = group.Key is TierKind.Egress ? [] : resources.Zip(deployed).Select(p => RecoveryOf(context, p.First, p.Second)).ToList();
            result.Add(new TierAssessment(name, group.Key, deployed, limits, recovery));
        }
        return result;
    }

    private static bool IsManagement(Resource r) => r.Type is "alicloud_instance" or "aws_instance" && InspectionContext.IsManagementHost(r);

    private static string KebabName(TierKind kind) => kind switch
    {
        TierKind.LoadBalancer => "load-balancer",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string? Text(Value? v) => v?.AsString ?? v?.AsNumber?.ToString(CultureInfo.InvariantCulture);

    private static double? Number(Value? v) => (double?)v?.AsNumberOrText;

    private static DeployedResource Describe(InspectionContext context, Resource r)
    {
        var zones = Zones(context, r);
        var (count, spec) = r.Type switch
        {
            "alicloud_ess_scaling_group" or "aws_autoscaling_group" => ($"{Text(r["min_size"]) ?? "?"}-{Text(r["max_size"]) ?? "?"}",
                ScalingConfiguration(context, r)?["instance_type"] is { } t ? Text(t) ?? "unknown" : r["launch_template"] is not null ? "launch template" : null),
            "alicloud_slb_load_balancer" => ("1", Text(r["load_balancer_spec"]) ?? "shared (no spec)"),
            "alicloud_db_instance" => (r["category"]?.AsString is "Basic" ? "1" : "2 (primary + standby)", $"{Text(r["engine"])} {Text(r["engine_version"])} {Text(r["instance_type"])}, {Text(r["category"]) ?? "category unknown"}, {Text(r["instance_storage"]) ?? "?"} GB".Trim()),
            "aws_db_instance" => (r["multi_az"]?.AsBoolOrText == true ? "2 (primary + standby)" : "1", $"{Text(r["engine"])} {Text(r["instance_class"])}".Trim()),
            "alicloud_kvstore_instance" => ("1", Text(r["instance_class"])),
            "aws_elasticache_replication_group" => (Text(r["num_cache_clusters"]) ?? "?", Text(r["node_type"])),
            "alicloud_eip_address" => ("1", Text(r["bandwidth"]) is { } b ? $"{b} Mbit/s, {Text(r["internet_charge_type"]) ?? "charge type unknown"}" : null),
            "alicloud_nat_gateway" => ("1", Text(r["specification"]) ?? Text(r["nat_type"])),
            _ => (Text(r["count"]) ?? "1", Text(r["instance_type"]) ?? Text(r["instance_class"])),
        };
        return new DeployedResource(r.Address, r.Type, count, zones, spec, r.Location);
    }

    private static Resource? ScalingConfiguration(InspectionContext context, Resource group) =>
        context.ReferringTo(group, "alicloud_ess_scaling_configuration", "scaling_group_id").FirstOrDefault();

    /// <summary>The zones a resource runs in: its own zone attributes, or those of the vswitches/subnets it names.</summary>
    private static List<string> Zones(InspectionContext context, Resource r)
    {
        var zones = new List<string>();
        void Add(string? z) { if (z is { Length: > 0 } && !zones.Contains(z)) zones.Add(z); }
        foreach (var key in (string[])["zone_id", "master_zone_id", "availability_zone", "zone_id_slave_a", "zone_id_slave_b", "slave_zone_id", "secondary_zone_id"])
            Add(r[key]?.AsString);
        foreach (var key in (string[])["vswitch_ids", "vpc_zone_identifier", "subnets"])
            foreach (var id in r[key]?.Items ?? [])
                Add(context.Target(id)?["zone_id"]?.AsString ?? context.Target(id)?["availability_zone"]?.AsString);
        if (r["vswitch_id"] is { } vsw) Add(context.Target(vsw)?["zone_id"]?.AsString);
        foreach (var mapping in r["zone_mappings"]?.Items ?? []) Add(mapping["zone_id"]?.AsString);
        return zones;
    }

    private static IEnumerable<LimitCheck> Limits(InspectionContext context, Resource r)
    {
        var t = context.Targets;
        var h = 1 + t.Headroom;
        var pct = string.Create(CultureInfo.InvariantCulture, $"{t.Headroom * 100:0}%");
        switch (r.Type)
        {
            case "alicloud_slb_load_balancer" when r["load_balancer_spec"]?.AsString is { Length: > 0 } spec:
                var clb = SpecCatalog.LoadBalancer(spec);
                var source = clb is null ? $"{spec} is not in the catalog" : $"{clb.Source}, read {clb.Retrieved}";
                yield return new LimitCheck(r.Address, "QPS", clb?.Qps, t.PeakRate * h, "req/s", $"peak rate + {pct}", source);
                yield return new LimitCheck(r.Address, "concurrent connections", clb?.MaxConnections, t.PeakConcurrency * h, "connections", $"peak concurrent users + {pct}", source);
                yield return new LimitCheck(r.Address, "new connections per second", clb?.NewConnectionsPerSecond, t.PeakRate * h, "conn/s", $"peak rate + {pct}, as if no connection were reused", source);
                break;
            case "alicloud_ess_scaling_group" or "aws_autoscaling_group":
                var max = Number(r["max_size"]);
                yield return new LimitCheck(r.Address, "throughput at max_size", max * t.PerInstanceRate, t.PeakRate * h, "req/s",
                    t.PerInstanceRate is null ? "needs one instance's capacity from hypercare capacity search (--per-instance)" : string.Create(CultureInfo.InvariantCulture, $"max_size {max} × {t.PerInstanceRate:0.#}/s per instance, against the peak + {pct}"),
                    t.PerInstanceRate is null ? null : "capacity search");
                break;
            case "alicloud_kvstore_instance" when r["instance_class"]?.AsString is { Length: > 0 } cls:
                var cache = SpecCatalog.Cache(cls);
                var cacheSource = cache is null ? $"{cls} is not in the catalog" : $"{cache.Source}, read {cache.Retrieved}";
                var ops = Number(r["tags"]?[Rules.Capacity.CacheQpsBelowPeak.OpsTag]) is { } n && n > 0 ? n : 1;
                yield return new LimitCheck(r.Address, "QPS", cache?.Qps, t.PeakRate * ops * h, "ops/s",
                    string.Create(CultureInfo.InvariantCulture, $"peak rate × {ops:0.##} cache operation(s) per request + {pct}"), cacheSource);
                yield return new LimitCheck(r.Address, "bandwidth", cache?.BandwidthMbps, t.PeakEgressMbps * h, "Mbit/s", $"peak egress + {pct}, as if every page came from the cache", cacheSource);
                break;
            case "alicloud_nat_gateway" when r["specification"]?.AsString is { Length: > 0 } natSpec:
                var nat = SpecCatalog.NatGateway(natSpec);
                yield return new LimitCheck(r.Address, "concurrent connections", nat?.MaxConnections, t.PeakConcurrency * h, "connections", $"peak concurrent users + {pct}, one outbound connection each",
                    nat is null ? $"{natSpec} is not in the catalog" : $"{nat.Source}, read {nat.Retrieved}");
                break;
            case "alicloud_eip_address":
                yield return new LimitCheck(r.Address, "bandwidth", Number(r["bandwidth"]), t.PeakEgressMbps * h, "Mbit/s", $"peak egress + {pct}", "the resource's own bandwidth");
                break;
        }
    }

    private static Recovery RecoveryOf(InspectionContext context, Resource r, DeployedResource deployed)
    {
        var gaps = new List<string>();
        var zones = deployed.Zones;
        switch (r.Type)
        {
            case "alicloud_db_instance":
            {
                var policy = context.ReferringTo(r, "alicloud_db_backup_policy", "instance_id").FirstOrDefault();
                var retention = Number(policy?["backup_retention_period"]) ?? Number(policy?["retention_period"]);
                var days = policy?["preferred_backup_period"]?.Items.Select(d => d.AsString).OfType<string>().ToList() ?? [];
                var log = policy?["enable_backup_log"]?.AsBoolOrText;
                var gapDays = LongestGap(days);
                var backups = policy is null
                    ? "no backup policy declared: the service's default applies, unseen here"
                    : string.Create(CultureInfo.InvariantCulture, $"full backups on {(days.Count > 0 ? string.Join(", ", days) : "the default days")}, kept {retention?.ToString(CultureInfo.InvariantCulture) ?? "the default"} days, log backup {(log == false ? "off" : log == true ? "on" : "default")}");
                if (policy is null) gaps.Add("declare an alicloud_db_backup_policy so the retention and log backup are reviewed, not assumed");
                if (retention is < 7) gaps.Add(string.Create(CultureInfo.InvariantCulture, $"retention of {retention} days: a bad change found a week later cannot be undone"));
                var rpo = log == false
                    ? gapDays is { } g ? $"up to {g} days (the longest gap between full backups; no log backup)" : "up to the gap between full backups (no log backup)"
                    : log == true ? "minutes: point-in-time restore from log backups" : "minutes, if the default log backup is on: point-in-time restore from log backups";
                if (log == false) gaps.Add("turn on log backup (enable_backup_log) for point-in-time recovery");
                var basic = r["category"]?.AsString == "Basic";
                var standbyZone = r["zone_id_slave_a"]?.AsString;
                var primaryZone = r["zone_id"]?.AsString;
                string zoneFailure, rto;
                if (basic)
                {
                    zoneFailure = "a single node: a host or zone failure stops the database";
                    rto = "hours: a new instance restored from backup, longer with more data";
                    gaps.Add("no standby: use the HighAvailability category with the standby in a second zone");
                }
                else if (standbyZone is { Length: > 0 } && standbyZone != primaryZone && !standbyZone.Equals("auto", StringComparison.OrdinalIgnoreCase))
                {
                    zoneFailure = $"automatic failover to the standby in {standbyZone}";
                    rto = "about a minute: the switchover to the standby; connections must be re-opened";
                }
                else
                {
                    zoneFailure = "a standby in the same zone (or the zone is not declared): a host failure fails over, a zone failure stops it";
                    rto = "minutes for a host failure; hours (restore) for a zone failure";
                    gaps.Add("place the standby in another zone (zone_id_slave_a)");
                }
                return new Recovery(r.Address, backups, zoneFailure, basic ? rpo : $"none for a host or zone failure (replicated standby); {rpo} for data damage", rto, gaps);
            }
            case "aws_db_instance":
            {
                var retention = Number(r["backup_retention_period"]);
                var multiAz = r["multi_az"]?.AsBoolOrText == true;
                if (retention is 0) gaps.Add("automated backups are off (backup_retention_period = 0)");
                if (!multiAz) gaps.Add("no Multi-AZ standby: set multi_az = true");
                return new Recovery(r.Address, 
                    retention is 0 ? "none: automated backups are off" : string.Create(CultureInfo.InvariantCulture, $"automated backups kept {retention?.ToString(CultureInfo.InvariantCulture) ?? "the default (1)"} days, point-in-time restore"),
                    multiAz ? "automatic failover to the Multi-AZ standby" : "a single instance: a zone failure stops the database",
                    retention is 0 ? "everything since the last manual snapshot" : "about 5 minutes (point-in-time restore)",
                    multiAz ? "one to two minutes: the Multi-AZ failover" : "hours: a restore into a new instance", gaps);
            }
            case "alicloud_kvstore_instance":
            {
                var secondary = r["secondary_zone_id"]?.AsString;
                var period = r["backup_period"]?.Items.Select(d => d.AsString).OfType<string>().ToList() ?? [];
                if (secondary is not { Length: > 0 }) gaps.Add("no secondary zone: set secondary_zone_id to another zone");
                return new Recovery(r.Address, 
                    period.Count > 0 ? $"backups on {string.Join(", ", period)}" : "the default daily backup (backup_period not declared)",
                    secondary is { Length: > 0 } ? $"automatic failover to the replica in {secondary}" : "primary and replica in one zone: a zone failure stops the cache",
                    "what was written since the last backup; a cache that holds only copies is rebuilt from the database",
                    secondary is { Length: > 0 } ? "under a minute: the failover to the replica" : "the zone's recovery, or a restore into a new instance (tens of minutes); meanwhile every read goes to the database",
                    gaps);
            }
            case "alicloud_slb_load_balancer" or "alicloud_alb_load_balancer" or "aws_lb" or "aws_alb" or "aws_elb":
                if (zones.Count < 2) gaps.Add("one zone only: add a standby zone (slave_zone_id) or zone mappings in two zones");
                return new Recovery(r.Address, "none needed: configuration only", zones.Count >= 2 ? $"served from {string.Join(" or ", zones)}" : "the load balancer's zone is a single point of failure", "none (no data)",
                    zones.Count >= 2 ? "seconds: the switch to the standby zone" : "the zone's recovery", gaps);
            default:
                if (zones.Count < 2) gaps.Add(zones.Count == 1 ? $"every instance in {zones[0]}: spread the tier over two zones" : "the zones are not known here: check that the tier spans two zones");
                var scaleOut = r.Type is "alicloud_ess_scaling_group" or "aws_autoscaling_group" ? "the scale-out time in the remaining zone" : "rebuilding the instance elsewhere";
                return new Recovery(r.Address, "none needed: stateless (keep state in the database or cache)",
                    zones.Count >= 2 ? $"the other zones ({string.Join(", ", zones)}) carry the load" : "the tier stops with its zone",
                    "none (stateless)", zones.Count >= 2 ? $"minutes: {scaleOut}" : "hours: a redeployment in another zone", gaps);
        }
    }

    private static readonly string[] Week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>The longest run of days between two weekly backup days, e.g. Monday and Thursday → 4.</summary>
    internal static int? LongestGap(IReadOnlyList<string> days)
    {
        var idx = days.Select(d => Array.FindIndex(Week, w => w.Equals(d, StringComparison.OrdinalIgnoreCase))).Where(i => i >= 0).Distinct().Order().ToList();
        if (idx.Count == 0) return null;
        var longest = 0;
        for (var i = 0; i < idx.Count; i++)
            longest = Math.Max(longest, ((i + 1 < idx.Count ? idx[i + 1] : idx[0] + 7) - idx[i]));
        return longest;
    }
}
