using HdrHistogram;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Metrics;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Running;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.LoadTesting.Results;

/// <summary>Turns a run's measurements into its <see cref="StressResult"/>, judging every threshold at the end.</summary>
internal static class ResultBuilder
{
    public static StressResult Build(LoadPlan plan, RunOutcome outcome, string segment, double rateShare, IReadOnlyList<ResourceSeriesResult>? resources = null)
    {
        var stats = outcome.Stats;
        var seconds = Math.Max(outcome.Seconds, 1e-6);
        // Rates are over the planned time: the graceful stop after it only drains requests already started.
        var measuredSeconds = plan.Executor.Duration > TimeSpan.Zero ? Math.Min(seconds, plan.Executor.Duration.TotalSeconds) : seconds;
        var errors = Enum.GetValues<ErrorKind>().ToDictionary(ErrorName, stats.ErrorsOf);
        var statusClasses = new Dictionary<string, long>();
        for (var c = 1; c <= 5; c++) statusClasses[$"{c}xx"] = stats.Steps.Sum(s => s.StatusClasses[c]);
        var total = stats.TotalRequests();
        var failed = stats.TotalFailed();

        var steps = stats.Steps.ToDictionary(s => $"{s.Scenario}/{s.Step}", s => new StepHistograms(HistogramCodec.Encode(s.CorrectedTotal), HistogramCodec.Encode(s.ServiceTotal)));
        var histograms = new HistogramSet(HistogramCodec.Encode(stats.CorrectedTotal), HistogramCodec.Encode(stats.ServiceTotal), HistogramCodec.Encode(stats.JitterTotal), steps);

        var stageResults = Stages(plan, stats, outcome.FailedStage);
        var thresholds = Judge(plan.Thresholds, (scenario, step) => Measurements.For(stats, scenario, step, measuredSeconds));
        var target = plan.Executor is ArrivalRateExecutor open ? open.Profile.ExpectedArrivals / open.Duration.TotalSeconds * rateShare : (double?)null;

        return new StressResult
        {
            Run = new RunInfo(plan.Source, plan.Executor.Kind, plan.Executor.Describe(), outcome.Engine, segment, outcome.StartedAt, outcome.EndedAt,
                Math.Round(seconds, 3), plan.Executor.Duration.TotalSeconds, outcome.AbortReason, 1),
            Requests = new RequestSummary(total, Math.Round(total / measuredSeconds, 2), stats.Steps.Sum(s => s.Ok), failed,
                total == 0 ? 0 : (double)failed / total, stats.Steps.Sum(s => s.BytesReceived), statusClasses),
            Iterations = new IterationSummary(stats.Started, stats.IterationsCompleted, stats.IterationsAborted, stats.DataExhausted,
                Math.Round(stats.Started / measuredSeconds, 2), target is null ? null : Math.Round(target.Value, 2)),
            Latency = new LatencySummary("ms", Summarize(stats.CorrectedTotal), Summarize(stats.ServiceTotal)),
            Starts = new StartSummary(stats.Intended, stats.Started, stats.Late, stats.Dropped, 10, Summarize(stats.JitterTotal), stats.PeakVus),
            Errors = errors,
            Checks = new CheckSummary(stats.TotalChecks(), stats.TotalCheckFailures()),
            Scenarios = plan.Scenarios.Select(sc =>
            {
                var scenario = Measurements.For(stats, sc.Name, null, measuredSeconds);
                return new ScenarioResult(sc.Name, stats.Steps.Where(s => s.Scenario == sc.Name).Select(s =>
                    new StepResult(s.Step, s.Requests, s.FailedRequests(), s.Checks, s.Errors[(int)ErrorKind.CheckFailed],
                        Enum.GetValues<ErrorKind>().Where(k => s.Errors[(int)k] > 0).ToDictionary(ErrorName, k => s.Errors[(int)k]),
                        Summarize(s.CorrectedTotal), Summarize(s.ServiceTotal))).ToList(),
                    Summarize(scenario.Corrected), Summarize(scenario.Service));
            }).ToList(),
            Stages = stageResults,
            Knee = plan.Executor is StepLoad ? Knee(stageResults) : null,
            Thresholds = thresholds,
            Passed = outcome.AbortReason is null && thresholds.All(t => t.Passed),
            CoordinatedOmission = Omission(stats.CorrectedTotal, stats.ServiceTotal, plan.Executor is ArrivalRateExecutor),
            Series = stats.Series,
            Resources = resources ?? [],
            Histograms = histograms,
        };
    }

    public static string ErrorName(ErrorKind kind) => kind switch
    {
        ErrorKind.Status4xx => "status_4xx",
        ErrorKind.Status5xx => "status_5xx",
        ErrorKind.CheckFailed => "check_failed",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static Percentiles Summarize(HistogramBase h) => h.TotalCount == 0
        ? new Percentiles(0, 0, 0, 0, 0, 0, 0, 0, 0)
        : new Percentiles(Round(h.GetValueAtPercentile(0) / 1000.0), Round(Latency.MeanMs(h)), Round(Latency.PercentileMs(h, 50)), Round(Latency.PercentileMs(h, 90)),
            Round(Latency.PercentileMs(h, 95)), Round(Latency.PercentileMs(h, 99)), Round(Latency.PercentileMs(h, 99.9)), Round(Latency.MaxMs(h)), h.TotalCount);

    public static IReadOnlyList<ThresholdResult> Judge(IReadOnlyList<Threshold> thresholds, Func<string?, string?, IMeasurement> measure) =>
        thresholds.Select(t =>
        {
            var value = t.Measure(measure(t.Scenario, t.Step));
            return new ThresholdResult(t.Expression, t.ScopeText, Math.Round(value, 6), t.Format(value), t.Holds(value), t.AbortOnFail);
        }).ToList();

    public static OmissionNote Omission(HistogramBase corrected, HistogramBase service, bool openModel)
    {
        var c = Round(Latency.PercentileMs(corrected, 99));
        var s = Round(Latency.PercentileMs(service, 99));
        var ratio = s <= 0 ? 1 : Math.Round(c / s, 2);
        var note = !openModel
            ? "closed model: each request was sent when the previous one finished, so corrected latency equals service time; use an arrival-rate executor to see what queueing would add"
            : ratio >= 2
                ? $"requests waited for the system: the corrected p99 ({c} ms, from each request's intended start) is {ratio}x the service-time p99 ({s} ms). A closed-loop tool would have reported about {s} ms and hidden the stall"
                : $"corrected p99 ({c} ms) and service-time p99 ({s} ms) agree: no stall delayed the schedule";
        return new OmissionNote(c, s, ratio, note);
    }

    private static List<StageResult> Stages(LoadPlan plan, RunStats stats, int? failedStage)
    {
        var isSearch = plan.Executor is StepLoad;
        return stats.Stages.Where(s => s.MeasuredSeconds > 0).Select(s =>
        {
            bool? passed = null;
            if (isSearch)
            {
                var m = new StageMeasurement(s);
                passed = plan.Thresholds.Where(t => t.Scenario is null).All(t => t.Holds(t.Measure(m)));
            }
            return new StageResult(s.Name, s.StartSeconds, s.EndSeconds, Math.Round(s.TargetRate, 2), s.TargetVus, Math.Round((s.Intended - s.Dropped) / s.MeasuredSeconds, 2),
                s.Requests, Math.Round(s.Requests / s.MeasuredSeconds, 2),
                s.Requests == 0 ? 0 : (double)s.Failed / s.Requests, s.Dropped, Round(Latency.PercentileMs(s.Corrected, 50)), Round(Latency.PercentileMs(s.Corrected, 99)),
                Round(Latency.PercentileMs(s.Service, 99)), failedStage is not null && s.Index > failedStage ? false : passed, Round(Latency.MeanMs(s.Corrected)));
        }).ToList();
    }

    private static KneeResult Knee(IReadOnlyList<StageResult> stages)
    {
        var last = stages.TakeWhile(s => s.Passed == true).LastOrDefault();
        var firstFail = stages.FirstOrDefault(s => s.Passed == false);
        if (last is null)
            return new KneeResult(null, null, null, null, firstFail is null ? "no step completed" : $"even the first step ({firstFail.TargetRate}/s) broke a threshold: the knee is below it");
        var verdict = firstFail is null
            ? $"every step passed up to {last.TargetRate}/s: the knee is at or above it; raise max_rate to find it"
            : $"the knee is {last.TargetRate}/s (started {last.StartedRate}/s, corrected p99 {last.CorrectedP99} ms); {firstFail.TargetRate}/s broke a threshold";
        return new KneeResult(last.Name, last.TargetRate, last.StartedRate, last.CorrectedP99, verdict);
    }

    private static double Round(double v) => Math.Round(v, 3);
}
