using System.Globalization;
using Hypercare.Capacity.Sampling;
using Hypercare.Capacity.Search;

namespace Hypercare.Capacity.Bottlenecks;

/// <summary>The evidence that a resource saturated: which series, during which step, its value against its baseline and the rule it crossed.</summary>
/// <param name="Kind">The resource.</param>
/// <param name="Series">The series key, e.g. <c>shop_db_pool_waiting</c>.</param>
/// <param name="Source">Where it was read.</param>
/// <param name="Measure">What the value means.</param>
/// <param name="Step">The step (1-based, in run order) during which it first crossed the rule.</param>
/// <param name="Load">That step's load.</param>
/// <param name="FromSeconds">The step's start on the sampling clock.</param>
/// <param name="ToSeconds">The step's end.</param>
/// <param name="Value">The series' mean over the step.</param>
/// <param name="Baseline">Its mean over the lowest-load step.</param>
/// <param name="Unit">ratio, items, seconds, bytes.</param>
/// <param name="Rule">The saturation rule it crossed, e.g. "at least 85% busy".</param>
/// <param name="Peak">The highest step mean of the series over the whole search.</param>
public sealed record Saturation(ResourceKind Kind, string Series, string Source, string Measure, int Step, double Load, double FromSeconds, double ToSeconds,
    double Value, double Baseline, string Unit, string Rule, double Peak)
{
    /// <summary>One sentence a person can check against the series.</summary>
    public string Describe(LoadModel model) => string.Create(CultureInfo.InvariantCulture,
        $"{Series} ({Source}) averaged {Format(Value, Unit)} during the {CapacitySearch.Describe(model, Load)} step (t = {FromSeconds:0}–{ToSeconds:0} s), against {Format(Baseline, Unit)} at the lowest load; rule: {Rule}");

    /// <summary>A value with its unit, e.g. "93%" or "12.5 ms".</summary>
    public static string Format(double value, string unit) => unit switch
    {
        "ratio" => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.#}%"),
        "seconds" => string.Create(CultureInfo.InvariantCulture, $"{value * 1000:0.##} ms"),
        "bytes" => string.Create(CultureInfo.InvariantCulture, $"{value / 1048576:0.#} MiB"),
        "bytes/s" => string.Create(CultureInfo.InvariantCulture, $"{value / 1048576:0.##} MiB/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {unit}"),
    };
}

/// <summary>Which resource limited the target, and how sure that is.</summary>
/// <param name="Bottleneck">The resource that saturated first (at the lowest load), or null when none of the sampled ones did.</param>
/// <param name="Others">Other resources that saturated, in the order they did.</param>
/// <param name="LatencyEvidence">How latency moved from the lowest load to the knee and past it.</param>
/// <param name="Verdict">The conclusion in one sentence.</param>
/// <param name="Notes">What limits the conclusion (nothing sampled, the load generator shares the host, ...).</param>
public sealed record BottleneckReport(Saturation? Bottleneck, IReadOnlyList<Saturation> Others, string LatencyEvidence, string Verdict, IReadOnlyList<string> Notes);

/// <summary>
/// Names the resource that saturated first. Each sampled series is averaged over each step; a series saturates at the
/// lowest load where its step mean crosses its kind's rule (utilization near full, requests queueing for a pool,
/// a growing thread-pool queue, a tenth of the time in garbage collection, a dependency at least twice as slow as
/// at the lowest load). Only saturations at or below the first load that broke the objective can explain it; when
/// several saturate at the same load, the more fundamental resource (CPU, memory, disk, network before the queues
/// they cause) is named and the others are listed.
/// </summary>
public static class BottleneckAnalysis
{
    private static readonly ResourceKind[] Precedence =
        [ResourceKind.Cpu, ResourceKind.Memory, ResourceKind.Disk, ResourceKind.Network, ResourceKind.ConnectionPool, ResourceKind.Dependency, ResourceKind.GarbageCollection, ResourceKind.ThreadPool];

    /// <summary>Attributes the search's knee to a resource.</summary>
    public static BottleneckReport Analyze(SearchResult search, ResourceTimeline timeline, IReadOnlyList<string>? samplerNotes = null)
    {
        var steps = search.ByLoad;
        var notes = new List<string>(samplerNotes ?? []);
        var latency = LatencyEvidence(search);
        if (steps.Count == 0) return new BottleneckReport(null, [], latency, "no step was measured", notes);
        var saturations = new List<Saturation>();
        foreach (var series in timeline.Series)
        {
            // A sample at t covers the second before it: the step's first second of ramp-in is left out.
            var means = steps.Select(s => (Step: s, Mean: series.MeanBetween(s.StartSeconds + 1, s.EndSeconds + 0.5))).Where(x => x.Mean is not null).Select(x => (x.Step, Mean: x.Mean!.Value)).ToList();
            if (means.Count == 0) continue;
            var baseline = means[0].Mean;
            var peak = means.Max(m => m.Mean);
            foreach (var (step, mean) in means)
            {
                if (Rule(series.Info, mean, baseline) is not { } rule) continue;
                saturations.Add(new Saturation(series.Info.Kind, series.Info.Key, series.Info.Source, series.Info.Measure, step.Index, step.Load, step.StartSeconds, step.EndSeconds, mean, baseline, series.Info.Unit, rule, peak));
                break;
            }
        }
        var ordered = saturations.OrderBy(s => s.Load).ThenBy(s => Array.IndexOf(Precedence, s.Kind)).ThenBy(s => s.Series, StringComparer.Ordinal).ToList();
        if (timeline.Series.Count == 0)
            notes.Add("no resource was sampled: give the target's metrics endpoints (the engagement's topology, or --metrics) so the bottleneck can be named");
        if (timeline.Series.Any(s => s.Info.Key == "node_cpu_busy"))
            notes.Add("node CPU is the whole host's; when the load generator runs on the same host, part of that CPU is the generator's");

        var limit = search.FirstFailure?.Load;
        var explaining = limit is null ? ordered : ordered.Where(s => s.Load <= limit.Value).ToList();
        var bottleneck = explaining.FirstOrDefault();
        string verdict;
        if (bottleneck is not null)
        {
            verdict = search.FirstFailure is null
                ? $"{Name(bottleneck.Kind)} saturated first, although the objective still held at the highest load tested"
                : $"{Name(bottleneck.Kind)} saturated first: {bottleneck.Series} crossed its limit at {CapacitySearch.Describe(search.Model, bottleneck.Load)}, " +
                  (bottleneck.Load < search.FirstFailure.Load ? "before" : "at") + $" the first load that broke the objective ({CapacitySearch.Describe(search.Model, search.FirstFailure.Load)})";
        }
        else if (search.FirstFailure is null)
        {
            verdict = "nothing saturated and the objective held at every load tested: raise the maximum load to find the limit";
        }
        else
        {
            verdict = ordered.Count > 0
                ? $"no sampled resource saturated at or below {CapacitySearch.Describe(search.Model, search.FirstFailure.Load)}, where the objective broke; {ordered[0].Series} saturated only later, so it is a consequence: the limit lies in something not sampled"
                : $"no sampled resource saturated; the limit at {CapacitySearch.Describe(search.Model, search.FirstFailure.Load)} lies in something not sampled (a lock, an external call without metrics, the load generator)";
        }
        var others = ordered.Where(s => !ReferenceEquals(s, bottleneck)).ToList();
        return new BottleneckReport(bottleneck, others, latency, verdict, notes);
    }

    /// <summary>The saturation rule a step mean crosses, or null.</summary>
    private static string? Rule(SeriesInfo info, double mean, double baseline) => (info.Kind, info.Unit) switch
    {
        (ResourceKind.Cpu, "ratio") when mean >= 0.85 => "at least 85% of the CPUs busy",
        (ResourceKind.Memory, "ratio") when mean >= 0.90 => "at least 90% of memory in use",
        (ResourceKind.Disk, "ratio") when mean >= 0.80 => "the disk busy at least 80% of the time",
        (ResourceKind.Network, "ratio") when mean >= 0.80 => "at least 80% of the link's speed",
        (ResourceKind.ConnectionPool, "items") when mean >= 1 => "on average at least one request waiting for a connection",
        (ResourceKind.ConnectionPool, "ratio") when mean >= 0.95 => "at least 95% of the pool in use",
        (ResourceKind.ConnectionPool, "seconds") when mean >= 0.005 && mean >= 2 * baseline => "a mean wait of at least 5 ms for a connection, twice the lowest load's",
        (ResourceKind.ThreadPool, "items") when mean >= 10 => "on average at least 10 work items queued for the thread pool",
        (ResourceKind.GarbageCollection, "ratio") when mean >= 0.10 => "at least 10% of the time paused for garbage collection",
        (ResourceKind.Dependency, "seconds") when mean >= 2 * baseline && mean - baseline >= 0.002 => "at least twice the lowest load's latency and 2 ms slower",
        _ => null,
    };

    private static string Name(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpu => "CPU",
        ResourceKind.Memory => "memory",
        ResourceKind.Disk => "disk",
        ResourceKind.Network => "network",
        ResourceKind.ConnectionPool => "the connection pool",
        ResourceKind.ThreadPool => "the thread pool",
        ResourceKind.GarbageCollection => "garbage collection",
        _ => "a dependency's latency",
    };

    private static string LatencyEvidence(SearchResult search)
    {
        var steps = search.ByLoad;
        if (steps.Count == 0) return "";
        var first = steps[0];
        string Point(SearchStep s) => string.Create(CultureInfo.InvariantCulture, $"p99 {s.Latency.P99:0.#} ms at {CapacitySearch.Describe(search.Model, s.Load)} ({s.Throughput:0.#} req/s)");
        var parts = new List<string> { Point(first) };
        if (search.Knee is { } knee && knee != first) parts.Add(Point(knee) + " (the knee)");
        if (search.FirstFailure is { } fail) parts.Add(Point(fail) + " (broke the objective)");
        return "corrected " + string.Join(" → ", parts);
    }
}
