using System.Globalization;
using Hypercare.Capacity.Bottlenecks;
using Hypercare.Capacity.Sampling;
using Hypercare.Capacity.Search;
using Hypercare.Core.Units;
using Hypercare.LoadTesting.Results;

namespace Hypercare.Capacity.Planning;

/// <summary>What the planner needs besides the search: the objectives, the declared tiers and which tier was measured.</summary>
/// <param name="Objectives">The engagement's objectives.</param>
/// <param name="Tiers">The declared tiers.</param>
/// <param name="MeasuredTier">The tier the search loaded (its instances served the steps).</param>
/// <param name="InstancesTested">How many of its instances served the search.</param>
/// <param name="Headroom">Planned headroom above the peak; 0.3 plans the peak at about 77% of capacity.</param>
/// <param name="ScaleTrigger">The utilization at which the autoscaler adds instances (target tracking).</param>
public sealed record PlanInput(PlanObjectives Objectives, IReadOnlyList<PlanTier> Tiers, string MeasuredTier, int InstancesTested = 1, double Headroom = 0.3, double ScaleTrigger = 0.7);

/// <summary>
/// Turns a capacity search into a plan: per-instance capacity at the objective, the instances the peak needs with
/// headroom (peak × (1 + headroom) / per-instance capacity, plus a spare), whether the declared instances and scaling
/// limits reach it, whether scaling out keeps up with the ramp (simulated second by second), whether the pools the
/// tiers declare fit together, and a verdict per objective with the changes that would make it fit.
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Plans.</summary>
    public static CapacityPlan Plan(SearchResult search, BottleneckReport? bottleneck, PlanInput input)
    {
        var o = input.Objectives;
        var tested = Math.Max(1, input.InstancesTested);
        var perInstance = search.CapacityAtSlo / tested;
        var atLeast = search.CapacityIsLowerBound ? "at least " : "";
        var measured = input.Tiers.FirstOrDefault(t => string.Equals(t.Name, input.MeasuredTier, StringComparison.OrdinalIgnoreCase))
            ?? new PlanTier(input.MeasuredTier, "service", tested, null, null, null, new Dictionary<string, long>());
        var target = o.PeakRate * (1 + input.Headroom);
        int? needed = perInstance > 0 ? Math.Max(1, (int)Math.Ceiling(target / perInstance - 1e-9)) : null;
        var planned = Math.Max(measured.Instances, needed ?? measured.Instances);
        var verdicts = new List<ObjectiveVerdict>();
        var assumptions = new List<string>
        {
            $"per-instance capacity is the throughput of the highest load that met the objective ({search.Slo}), divided by the {tested} instance(s) that served the search",
            $"the peak is planned with {input.Headroom * 100:0}% headroom (the peak at {100 / (1 + input.Headroom):0}% of capacity) and one spare instance (N+1)",
        };
        var elasticity = o.Ramp is null || perInstance <= 0 ? null : Simulate(o, measured, perInstance, input, assumptions);

        // The peak.
        var capacityNow = measured.Instances * perInstance;
        var peakTarget = Fmt($"{o.PeakRate:0.#}/s with {input.Headroom * 100:0}% headroom = {target:0.#}/s");
        if (needed is null)
        {
            var first = search.ByLoad is [var lowest, ..] ? lowest : null;
            verdicts.Add(new ObjectiveVerdict("peak rate", peakTarget,
                first is null ? "nothing was measured" : $"the objective broke already at the lowest load ({CapacitySearch.Describe(search.Model, first.Load)}: {string.Join("; ", first.Failures)})",
                Verdict.DoesNotFit, [.. BottleneckChanges(bottleneck), "more instances add throughput, not speed: make a single request meet the objective first, then search again"]));
        }
        else if (measured.Instances >= needed)
        {
            verdicts.Add(new ObjectiveVerdict("peak rate", peakTarget,
                Fmt($"{measured.Instances} × {atLeast}{perInstance:0.#}/s = {capacityNow:0.#}/s at the objective; the peak uses {o.PeakRate / capacityNow * 100:0}% of it ({needed} instances needed, {needed + 1} with a spare)"),
                Verdict.Fits, measured.Instances < needed + 1 ? [Fmt($"run {needed + 1} instances to keep a spare (N+1) through the key phases")] : []));
        }
        else
        {
            var changes = new List<string>();
            var max = measured.Max ?? measured.Instances;
            if (max < needed + 1) changes.Add(Fmt($"raise {measured.Name}'s scaling maximum from {max} to at least {needed + 1} ({needed} for the peak with headroom, one spare)"));
            changes.Add(elasticity is { KeepsUp: true }
                ? Fmt($"let autoscaling reach {needed} instances (it keeps up with the ramp), or pre-scale to {needed} before the key phases")
                : Fmt($"pre-scale {measured.Name} to {needed + 1} instances before the key phases (set the scaling minimum to {needed + 1} for the event)"));
            changes.AddRange(BottleneckChanges(bottleneck).Select(c => "or raise the per-instance capacity: " + c));
            verdicts.Add(new ObjectiveVerdict("peak rate", peakTarget,
                Fmt($"{measured.Instances} × {atLeast}{perInstance:0.#}/s = {capacityNow:0.#}/s at the objective, {capacityNow / o.PeakRate * 100:0}% of the peak; the peak with headroom needs {needed} instances"),
                Verdict.FitsWithChanges, changes));
        }

        // Latency and errors at the load each instance would carry.
        var steps = search.Steps.Where(s => s.Throughput > 0).OrderBy(s => s.Throughput).ToList();
        double LoadPer(int instances) => o.PeakRate * tested / Math.Max(1, instances);
        foreach (var slo in o.Latency)
        {
            var (pick, label) = Percentile(slo.Percentile);
            var name = Fmt($"p{slo.Percentile:0.##} latency");
            var targetText = Fmt($"< {slo.Milliseconds:0.##} ms") + (label == Fmt($"p{slo.Percentile:0.##}") ? "" : $" (judged on the measured {label})");
            if (steps.Count == 0) { verdicts.Add(new ObjectiveVerdict(name, targetText, "nothing was measured", Verdict.NotMeasured, [])); continue; }
            var now = Interpolate(steps, LoadPer(measured.Instances), s => pick(s.Latency));
            var then = Interpolate(steps, LoadPer(planned), s => pick(s.Latency));
            var lowest = pick(steps[0].Latency);
            if (lowest >= slo.Milliseconds)
                verdicts.Add(new ObjectiveVerdict(name, targetText, Fmt($"{label} was {lowest:0.#} ms already at the lowest load ({steps[0].Throughput:0.#} req/s)"), Verdict.DoesNotFit,
                    [.. BottleneckChanges(bottleneck), "make the slowest path faster; more instances do not shorten a request"]));
            else if (now is { } n && n < slo.Milliseconds)
                verdicts.Add(new ObjectiveVerdict(name, targetText, Fmt($"{label} {n:0.#} ms at {LoadPer(measured.Instances):0.#} req/s per tested system ({measured.Instances} instances)"), Verdict.Fits, []));
            else if (then is { } t && t < slo.Milliseconds)
                verdicts.Add(new ObjectiveVerdict(name, targetText,
                    Fmt($"{label} {(now is { } v ? $"{v:0.#} ms" : "beyond what was measured")} with {measured.Instances} instances; {t:0.#} ms with {planned}"), Verdict.FitsWithChanges,
                    [Fmt($"run {planned} instances of {measured.Name} at the peak")]));
            else
                verdicts.Add(new ObjectiveVerdict(name, targetText, Fmt($"{label} is not below {slo.Milliseconds:0.##} ms at the load {planned} instances would carry"), Verdict.FitsWithChanges,
                    [Fmt($"search again with more instances tested or a finer step; plan more than {planned} instances")]));
        }
        if (o.ErrorBudget is { } budget)
        {
            var targetText = Fmt($"≤ {budget * 100:0.###}% of requests failing");
            if (steps.Count == 0) verdicts.Add(new ObjectiveVerdict("error budget", targetText, "nothing was measured", Verdict.NotMeasured, []));
            else
            {
                var now = steps.Where(s => s.Throughput <= LoadPer(measured.Instances) * 1.0001).Select(s => s.ErrorRate).DefaultIfEmpty(steps[0].ErrorRate).Max();
                var then = steps.Where(s => s.Throughput <= LoadPer(planned) * 1.0001).Select(s => s.ErrorRate).DefaultIfEmpty(steps[0].ErrorRate).Max();
                var beyond = LoadPer(measured.Instances) > steps[^1].Throughput;
                verdicts.Add(!beyond && now <= budget
                    ? new ObjectiveVerdict("error budget", targetText, Fmt($"at most {now * 100:0.###}% failed at loads up to what {measured.Instances} instances would carry"), Verdict.Fits, [])
                    : then <= budget
                        ? new ObjectiveVerdict("error budget", targetText, Fmt($"at most {then * 100:0.###}% failed at loads up to what {planned} instances would carry"), Verdict.FitsWithChanges, [Fmt($"run {planned} instances of {measured.Name} at the peak")])
                        : new ObjectiveVerdict("error budget", targetText, Fmt($"{then * 100:0.###}% failed even at the load {planned} instances would carry"), Verdict.DoesNotFit, ["find what fails at low load (see the errors of the lowest steps) before adding capacity"]));
            }
        }

        // The ramp.
        if (o.Ramp is { } ramp)
        {
            var targetText = Fmt($"{ramp.Factor:0.#}× within {DurationText.Format(ramp.Within)}, from {o.PeakRate / ramp.Factor:0.#}/s to {o.PeakRate:0.#}/s");
            if (elasticity is null)
                verdicts.Add(new ObjectiveVerdict("traffic ramp", targetText, "no per-instance capacity was measured", Verdict.NotMeasured, []));
            else if (elasticity.ExceededAfter is null)
                verdicts.Add(new ObjectiveVerdict("traffic ramp", targetText, Fmt($"the {measured.Instances} declared instances hold the peak ({elasticity.CapacityNow:0.#}/s) without scaling"), Verdict.Fits, []));
            else if (elasticity.KeepsUp)
                verdicts.Add(new ObjectiveVerdict("traffic ramp", targetText,
                    Fmt($"autoscaling starts {DurationText.Format(elasticity.TriggeredAfter!.Value)} into the ramp and new instances serve {DurationText.Format(elasticity.ScaleOutTime!.Value)} later, before the declared instances are exceeded ({DurationText.Format(elasticity.ExceededAfter.Value)})"),
                    Verdict.Fits, []));
            else
                verdicts.Add(new ObjectiveVerdict("traffic ramp", targetText, ElasticityFinding(elasticity, measured), Verdict.FitsWithChanges,
                    [Fmt($"pre-scale {measured.Name} to {(needed ?? planned) + 1} instances before the ramp starts"), .. measured.ScaleOutTime is null ? new[] { $"declare {measured.Name}'s scale_out_time (how long a new instance takes to serve)" } : []]));
        }

        // Pools across tiers.
        var tierPlans = new List<TierPlan>();
        var poolVerdict = Pools(input.Tiers, measured, planned);
        if (poolVerdict is not null) verdicts.Add(poolVerdict);
        foreach (var tier in input.Tiers.Count > 0 ? input.Tiers : [measured])
        {
            var notes = new List<string>();
            if (ReferenceEquals(tier, measured) || tier.Name.Equals(measured.Name, StringComparison.OrdinalIgnoreCase))
            {
                if (search.CapacityIsLowerBound) notes.Add("the objective held at every load tested: per-instance capacity is a lower bound");
                if (bottleneck?.Bottleneck is { } b) notes.Add($"bottleneck: {b.Series} ({b.Kind})");
                if (tier.Pools.TryGetValue("http_threads", out var threads) && steps.Count > 0 && Interpolate(steps, LoadPer(planned), s => s.Latency.Mean) is { } meanMs)
                {
                    var inFlight = o.PeakRate / planned * meanMs / 1000;
                    notes.Add(Fmt($"in flight per instance at the peak (Little's law): {o.PeakRate / planned:0.#}/s × {meanMs:0.#} ms = {inFlight:0.#} of {threads} http_threads"));
                }
                tierPlans.Add(new TierPlan(tier.Name, tier.Role, tier.Instances, tier.Min, tier.Max, perInstance > 0 ? perInstance : null, needed, needed + 1,
                    capacityNow > 0 ? o.PeakRate / capacityNow : null, elasticity, notes));
            }
            else
            {
                notes.Add("not measured by this search: search it on its own, or read its published limits in the inspection");
                tierPlans.Add(new TierPlan(tier.Name, tier.Role, tier.Instances, tier.Min, tier.Max, null, null, null, null, null, notes));
            }
        }
        var judged = verdicts.Where(v => v.Verdict != Verdict.NotMeasured).Select(v => v.Verdict).ToList();
        var overall = judged.Count == 0 ? Verdict.NotMeasured : judged.Max();
        return new CapacityPlan(measured.Name, tested, input.Headroom, tierPlans, verdicts, overall, assumptions);
    }

    /// <summary>
    /// Simulates the ramp second by second: traffic climbs linearly from peak / factor to the peak; an autoscaler
    /// tracking <see cref="PlanInput.ScaleTrigger"/> of capacity asks for instances, which serve after the scale-out time.
    /// </summary>
    private static Elasticity Simulate(PlanObjectives o, PlanTier tier, double perInstance, PlanInput input, List<string> assumptions)
    {
        var ramp = o.Ramp!;
        var baseRate = o.PeakRate / ramp.Factor;
        var capacityNow = tier.Instances * perInstance;
        assumptions.Add(Fmt($"traffic climbs linearly from {baseRate:0.#}/s to {o.PeakRate:0.#}/s over {DurationText.Format(ramp.Within)}; the autoscaler adds instances when load passes {input.ScaleTrigger * 100:0}% of capacity"));
        if (capacityNow >= o.PeakRate) return new Elasticity(baseRate, capacityNow, null, null, tier.ScaleOutTime, true);
        var within = ramp.Within.TotalSeconds;
        double Load(double t) => t >= within ? o.PeakRate : baseRate + (o.PeakRate - baseRate) * t / within;
        var exceeded = capacityNow <= baseRate ? 0 : (capacityNow - baseRate) / (o.PeakRate - baseRate) * within;
        if (tier.Max is null || tier.ScaleOutTime is null)
            return new Elasticity(baseRate, capacityNow, TimeSpan.FromSeconds(exceeded), null, tier.ScaleOutTime, false);
        var scaleOut = tier.ScaleOutTime.Value.TotalSeconds;
        var serving = tier.Instances;
        var pending = new List<double>();
        double? triggered = null;
        var keepsUp = true;
        for (var t = 0.0; t <= within + scaleOut + 1; t += 1)
        {
            serving += pending.RemoveAll(ready => ready <= t);
            var load = Load(t);
            if (load > serving * perInstance) keepsUp = false;
            var desired = Math.Min(tier.Max.Value, (int)Math.Ceiling(load / (perInstance * input.ScaleTrigger)));
            if (desired > serving + pending.Count)
            {
                triggered ??= t;
                for (var i = serving + pending.Count; i < desired; i++) pending.Add(t + scaleOut);
            }
        }
        return new Elasticity(baseRate, capacityNow, TimeSpan.FromSeconds(exceeded), triggered is null ? null : TimeSpan.FromSeconds(triggered.Value), tier.ScaleOutTime, keepsUp);
    }

    private static string ElasticityFinding(Elasticity e, PlanTier tier)
    {
        var exceeded = DurationText.Format(e.ExceededAfter!.Value);
        if (e.ExceededAfter == TimeSpan.Zero) return Fmt($"the {tier.Instances} declared instances ({e.CapacityNow:0.#}/s) do not hold even the traffic before the ramp ({e.BaseRate:0.#}/s)");
        if (tier.Max is null) return Fmt($"{tier.Name} does not scale, and its {tier.Instances} instances are exceeded {exceeded} into the ramp");
        if (e.ScaleOutTime is null) return Fmt($"the declared instances are exceeded {exceeded} into the ramp, and how long scaling out takes is not declared");
        return Fmt($"the declared instances are exceeded {exceeded} into the ramp; autoscaling starts {(e.TriggeredAfter is { } t ? DurationText.Format(t) : "late")} in, but a new instance takes {DurationText.Format(e.ScaleOutTime.Value)} to serve, so load outruns capacity");
    }

    private static ObjectiveVerdict? Pools(IReadOnlyList<PlanTier> tiers, PlanTier measured, int planned)
    {
        var databases = tiers.Where(t => t.Role == "database" && t.Pools.ContainsKey("max_connections")).ToList();
        if (databases.Count == 0 || !measured.Pools.TryGetValue("db_connections", out var perInstance)) return null;
        var accepts = databases.Sum(d => d.Pools["max_connections"] * Math.Max(1, d.Instances));
        var names = string.Join(", ", databases.Select(d => d.Name));
        var atMax = measured.Max ?? measured.Instances;
        var most = Math.Max(atMax, planned);
        var opens = most * perInstance;
        var target = Fmt($"{measured.Name}'s pools ({perInstance} per instance) within {names}'s max_connections ({accepts})");
        if (opens <= accepts)
            return new ObjectiveVerdict("database connections", target, Fmt($"{most} instances open at most {opens} connections of {accepts}"), Verdict.Fits, []);
        var cap = accepts / Math.Max(1, most);
        return new ObjectiveVerdict("database connections", target,
            Fmt($"at {most} instances the pools open up to {opens} connections, but {names} accepts {accepts}: new instances would fail to connect at the peak"),
            Verdict.FitsWithChanges,
            [Fmt($"cap db_connections at {cap} per instance, or raise {names}'s max_connections to at least {opens}, or put a connection pooler (pgbouncer, ProxySQL) in front")]);
    }

    private static IEnumerable<string> BottleneckChanges(BottleneckReport? report) => report?.Bottleneck?.Kind switch
    {
        ResourceKind.ConnectionPool => [$"the connection pool saturated first ({report.Bottleneck.Series}): enlarge it if the database has room, or shorten the queries that hold it"],
        ResourceKind.Cpu => ["CPU saturated first: use larger instances or cut CPU per request (profile the hottest endpoint)"],
        ResourceKind.Memory => ["memory saturated first: use larger instances or reduce memory per request"],
        ResourceKind.Disk => ["the disk saturated first: faster storage, or fewer synchronous writes per request"],
        ResourceKind.Network => ["the network link saturated first: larger instances (more bandwidth) or smaller responses (compression, CDN)"],
        ResourceKind.ThreadPool => ["the thread pool queued first: remove blocking calls from request handling or raise its minimum threads"],
        ResourceKind.GarbageCollection => ["garbage collection paused the process first: allocate less per request, or use server GC with more memory"],
        ResourceKind.Dependency => [$"a dependency slowed down first ({report.Bottleneck.Series}): scale or tune it before the service"],
        _ => [],
    };

    private static (Func<Percentiles, double> Pick, string Label) Percentile(double p) => p switch
    {
        <= 50 => (x => x.P50, "p50"),
        <= 90 => (x => x.P90, "p90"),
        <= 95 => (x => x.P95, "p95"),
        <= 99 => (x => x.P99, "p99"),
        _ => (x => x.P999, "p99.9"),
    };

    /// <summary>A step measure at a throughput, linear between the surrounding steps; null above the highest measured.</summary>
    private static double? Interpolate(IReadOnlyList<SearchStep> byThroughput, double throughput, Func<SearchStep, double> measure)
    {
        if (throughput <= byThroughput[0].Throughput) return measure(byThroughput[0]);
        for (var i = 1; i < byThroughput.Count; i++)
        {
            var (a, b) = (byThroughput[i - 1], byThroughput[i]);
            if (throughput > b.Throughput) continue;
            var share = b.Throughput == a.Throughput ? 1 : (throughput - a.Throughput) / (b.Throughput - a.Throughput);
            return measure(a) + (measure(b) - measure(a)) * share;
        }
        return null;
    }

    private static string Fmt(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
