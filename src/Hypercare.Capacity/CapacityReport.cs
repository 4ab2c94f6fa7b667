using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Capacity.Bottlenecks;
using Hypercare.Capacity.Planning;
using Hypercare.Capacity.Sampling;
using Hypercare.Capacity.Search;
using Hypercare.Capacity.Usl;
using Hypercare.Core;

namespace Hypercare.Capacity;

/// <summary>Everything a capacity search produced: the steps, the fit, the bottleneck, the plan and the samples behind them.</summary>
/// <param name="Target">The URL or plan searched.</param>
/// <param name="Search">The steps, knee and USL fit.</param>
/// <param name="Bottleneck">Which resource limited the target.</param>
/// <param name="Plan">The capacity plan, when objectives were given.</param>
/// <param name="Samples">The resource time series.</param>
/// <param name="Endpoints">The metrics endpoints sampled.</param>
/// <param name="Pid">The local process read from /proc.</param>
public sealed record CapacityReport(string Target, SearchResult Search, BottleneckReport Bottleneck, CapacityPlan? Plan, ResourceTimeline Samples, IReadOnlyList<Uri> Endpoints, int? Pid);

/// <summary>The JSON form of a capacity report (schema <c>hypercare.capacity.search/v1</c>).</summary>
public static class CapacityReportJson
{
    /// <summary>The schema identifier.</summary>
    public const string SchemaId = "hypercare.capacity.search/v1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A fit as the JSON object both <c>capacity fit</c> and the search write.</summary>
    public static object Usl(UslFit f) => new
    {
        lambda = f.Lambda,
        sigma = f.Sigma,
        kappa = f.Kappa,
        peak_concurrency = double.IsFinite(f.PeakConcurrency) ? f.PeakConcurrency : (double?)null,
        peak_throughput = double.IsFinite(f.PeakThroughput) ? f.PeakThroughput : (double?)null,
        dominant = f.Dominant.ToString().ToLowerInvariant(),
        points = f.Points,
        r_squared = f.RSquared,
        rmse = f.RootMeanSquareError,
        warnings = f.Warnings,
    };

    /// <summary>Writes a report as indented JSON.</summary>
    public static string Write(CapacityReport r)
    {
        var s = r.Search;
        object Step(SearchStep x) => new
        {
            index = x.Index,
            phase = x.Phase,
            load = x.Load,
            start_seconds = x.StartSeconds,
            end_seconds = x.EndSeconds,
            throughput = x.Throughput,
            concurrency = x.Concurrency,
            latency_ms = new { mean = x.Latency.Mean, p50 = x.Latency.P50, p90 = x.Latency.P90, p95 = x.Latency.P95, p99 = x.Latency.P99, p99_9 = x.Latency.P999, max = x.Latency.Max },
            service_p99_ms = x.ServiceP99Ms,
            error_rate = x.ErrorRate,
            dropped_share = x.DroppedShare,
            requests = x.Requests,
            passed = x.Passed,
            failures = x.Failures,
        };
        object? Saturation(Saturation? x) => x is null ? null : new
        {
            kind = KebabCase.Of(x.Kind),
            series = x.Series,
            source = x.Source,
            measure = x.Measure,
            step = x.Step,
            load = x.Load,
            from_seconds = x.FromSeconds,
            to_seconds = x.ToSeconds,
            value = x.Value,
            baseline = x.Baseline,
            peak = x.Peak,
            unit = x.Unit,
            rule = x.Rule,
            evidence = x.Describe(s.Model),
        };
        var plan = r.Plan;
        var document = new
        {
            schema = SchemaId,
            target = r.Target,
            model = s.Model.ToString().ToLowerInvariant(),
            slo = s.Slo,
            stop = s.Stop,
            steps = s.Steps.Select(Step),
            knee = s.Knee is null ? null : Step(s.Knee),
            first_failure = s.FirstFailure is null ? null : Step(s.FirstFailure),
            capacity_at_slo = s.CapacityAtSlo,
            capacity_is_lower_bound = s.CapacityIsLowerBound,
            usl = s.Usl is null ? null : Usl(s.Usl),
            usl_problem = s.UslProblem,
            bottleneck = new
            {
                verdict = r.Bottleneck.Verdict,
                resource = Saturation(r.Bottleneck.Bottleneck),
                others = r.Bottleneck.Others.Select(Saturation),
                latency = r.Bottleneck.LatencyEvidence,
                notes = r.Bottleneck.Notes,
            },
            plan = plan is null ? null : new
            {
                measured_tier = plan.MeasuredTier,
                instances_tested = plan.InstancesTested,
                headroom = plan.Headroom,
                overall = KebabCase.Of(plan.Overall),
                objectives = plan.Objectives.Select(o => new { objective = o.Objective, target = o.Target, finding = o.Finding, verdict = KebabCase.Of(o.Verdict), changes = o.Changes }),
                tiers = plan.Tiers.Select(t => new
                {
                    tier = t.Tier,
                    role = t.Role,
                    declared = t.Declared,
                    min = t.Min,
                    max = t.Max,
                    per_instance_rate = t.PerInstanceRate,
                    needed = t.Needed,
                    needed_with_spare = t.NeededWithSpare,
                    utilization = t.Utilization,
                    elasticity = t.Elasticity is not { } e ? null : new
                    {
                        base_rate = e.BaseRate,
                        capacity_now = e.CapacityNow,
                        exceeded_after_seconds = e.ExceededAfter?.TotalSeconds,
                        triggered_after_seconds = e.TriggeredAfter?.TotalSeconds,
                        scale_out_seconds = e.ScaleOutTime?.TotalSeconds,
                        keeps_up = e.KeepsUp,
                    },
                    notes = t.Notes,
                }),
                assumptions = plan.Assumptions,
            },
            sampling = new
            {
                endpoints = r.Endpoints.Select(e => e.ToString()),
                pid = r.Pid,
                series = r.Samples.Series.Select(x => new
                {
                    key = x.Info.Key,
                    kind = KebabCase.Of(x.Info.Kind),
                    measure = x.Info.Measure,
                    unit = x.Info.Unit,
                    source = x.Info.Source,
                    points = x.Points.Select(p => new[] { Math.Round(p.Seconds, 3), p.Value }),
                }),
            },
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
