using System.Globalization;
using Hypercare.Inspection.Catalog;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Capacity;

/// <summary>Burstable instance types carry the peak: their CPU is a credit that runs out.</summary>
public sealed class BurstableOnPeakPath : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-CAP-001";
    /// <inheritdoc />
    public override string Title => "Burstable instances on the peak path";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "t5 and t6 instances run at a baseline share of a CPU and burst on credits; a sustained peak drains the credits and the instance is throttled to its baseline (or billed for unlimited mode) exactly when it is needed.";
    /// <inheritdoc />
    public override string Remediation => "Use a general-purpose or compute family (g7, c7, g8i...) for the tiers that serve the peak; keep burstable types for bastions and idle tools.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_configuration").Concat(context.OfType("alicloud_instance")))
        {
            var type = r["instance_type"];
            if (type?.AsString is { } t && (t.StartsWith("ecs.t5-", StringComparison.Ordinal) || t.StartsWith("ecs.t6-", StringComparison.Ordinal)))
                yield return Fail(r, $"instance_type {t} is burstable", type);
            else if (type?.Kind == ValueKind.Unknown) yield return Unverified(r, "instance_type is unknown here", type);
        }
    }
}

/// <summary>A Classic Load Balancer's specification holds fewer requests per second than the peak needs.</summary>
public sealed class LoadBalancerSpecBelowPeak : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-CAP-002";
    /// <inheritdoc />
    public override string Title => "Load balancer specification below the peak";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "A guaranteed-performance CLB throttles once the first of its limits (connections, new connections per second, QPS) is reached: past its QPS, requests are dropped at the front door whatever the servers behind it could take.";
    /// <inheritdoc />
    public override string Remediation => "Choose a specification whose QPS is at least the peak with headroom (see the catalog's limits), or move to pay-by-LCU (ALB) for elastic capacity.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_slb_load_balancer"))
        {
            var spec = r["load_balancer_spec"];
            if (spec?.Kind == ValueKind.Unknown) { yield return Unverified(r, "load_balancer_spec is unknown here", spec); continue; }
            if (spec?.AsString is not { Length: > 0 } name) continue;
            if (context.Targets.PeakRate is not { } peak) { yield return Unverified(r, $"{name}: the event's peak is not given (pass the engagement)", spec); continue; }
            if (SpecCatalog.LoadBalancer(name) is not { } limits) { yield return Unverified(r, $"{name} is not in the specification catalog", spec); continue; }
            var needed = peak * (1 + context.Targets.Headroom);
            if (limits.Qps is { } qps && qps < needed)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture,
                    $"{name} holds {qps:N0} QPS ({limits.Source}, read {limits.Retrieved}); the peak of {peak:N0}/s with {context.Targets.Headroom * 100:0}% headroom needs {needed:N0}"), spec);
        }
    }
}

/// <summary>The scaling group's largest size cannot hold the peak at the capacity one instance showed.</summary>
public sealed class ScalingCeilingBelowPeak : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-CAP-003";
    /// <inheritdoc />
    public override string Title => "Scaling ceiling below the peak";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "max_size × what one instance holds at the objective is the most the tier can ever serve; below the peak with headroom, autoscaling runs into the ceiling during the event.";
    /// <inheritdoc />
    public override string Remediation => "Raise max_size to at least peak × (1 + headroom) / per-instance capacity plus a spare, and check the account's quotas for that many instances.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_ess_scaling_group"))
        {
            var max = r["max_size"];
            if (max?.AsNumber is not { } size) { if (max?.Kind == ValueKind.Unknown) yield return Unverified(r, "max_size is unknown here", max); continue; }
            if (context.Targets.PeakRate is not { } peak || context.Targets.PerInstanceRate is not { } each)
            {
                yield return Unverified(r, $"max_size is {size}; what one instance holds at the objective is not known (run hypercare capacity search)", max);
                continue;
            }
            var needed = peak * (1 + context.Targets.Headroom);
            if ((double)size * each < needed)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"max_size {size} × {each:N0}/s = {(double)size * each:N0}/s, below the {needed:N0}/s the peak needs with headroom"), max);
        }
    }
}

/// <summary>An EIP's bandwidth is below the event's outbound traffic.</summary>
public sealed class BandwidthBelowEgress : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-CAP-004";
    /// <inheritdoc />
    public override string Title => "EIP bandwidth below the peak egress";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "An EIP billed by bandwidth is capped at its bandwidth: outbound traffic above it is dropped, which users see as slow pages and timeouts.";
    /// <inheritdoc />
    public override string Remediation => "Raise the EIP's bandwidth to the peak egress with headroom for the event (it can be changed and lowered afterwards), or attach it to an Internet Shared Bandwidth package.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_eip_address"))
        {
            var bandwidth = r["bandwidth"];
            if (bandwidth?.Kind == ValueKind.Unknown) { yield return Unverified(r, "bandwidth is unknown here", bandwidth); continue; }
            if (NumberOf(bandwidth) is not { } mbps) continue;
            if (context.Targets.PeakEgressMbps is not { } egress) { yield return Unverified(r, $"bandwidth {mbps} Mbit/s; the event's peak egress is not given", bandwidth); continue; }
            if ((double)mbps < egress)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"bandwidth {mbps} Mbit/s is below the peak egress of {egress:N0} Mbit/s"), bandwidth);
        }
    }
}
