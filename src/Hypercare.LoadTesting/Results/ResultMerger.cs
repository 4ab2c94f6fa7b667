using HdrHistogram;
using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Metrics;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.LoadTesting.Results;

/// <summary>
/// Adds the results of the agents of a distributed run into one: histograms add losslessly, counters sum, and
/// every threshold is judged again on the merged numbers (a p99 cannot be averaged).
/// </summary>
public static class ResultMerger
{
    /// <summary>Merges results; they must come from the same plan and executor.</summary>
    public static StressResult Merge(IReadOnlyList<StressResult> results)
    {
        if (results.Count == 0) throw new BadInputException("no-results", "there is nothing to merge", "give the JSON results of every agent");
        var first = results[0];
        foreach (var r in results.Skip(1))
            if (r.Run.Executor != first.Run.Executor || r.Thresholds.Count != first.Thresholds.Count)
                throw new BadInputException("mismatched-results", $"the results come from different plans ({first.Run.Executor} and {r.Run.Executor})", "merge the results of one distributed run");

        var corrected = Add(results.Select(r => r.Histograms.Corrected));
        var service = Add(results.Select(r => r.Histograms.Service));
        var delay = Add(results.Select(r => r.Histograms.Delay));
        var stepKeys = results.SelectMany(r => r.Histograms.Steps.Keys).Distinct().ToList();
        var steps = stepKeys.ToDictionary(k => k, k => (Corrected: Add(results.Where(r => r.Histograms.Steps.ContainsKey(k)).Select(r => r.Histograms.Steps[k].Corrected)),
            Service: Add(results.Where(r => r.Histograms.Steps.ContainsKey(k)).Select(r => r.Histograms.Steps[k].Service))));

        var seconds = results.Max(r => Math.Min(r.Run.DurationSeconds, r.Run.PlannedSeconds > 0 ? r.Run.PlannedSeconds : r.Run.DurationSeconds));
        var total = results.Sum(r => r.Requests.Total);
        var failed = results.Sum(r => r.Requests.Failed);
        var errors = results.SelectMany(r => r.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        var checks = results.Sum(r => r.Checks.Total);
        var checkFailures = results.Sum(r => r.Checks.Failed);
        var intended = results.Sum(r => r.Starts.Intended);
        var dropped = results.Sum(r => r.Starts.Dropped);

        var scenarios = first.Scenarios.Select(sc => WithLatency(sc.Name, sc.Steps.Select(st =>
        {
            var key = $"{sc.Name}/{st.Name}";
            var all = results.SelectMany(r => r.Scenarios.Where(x => x.Name == sc.Name).SelectMany(x => x.Steps.Where(y => y.Name == st.Name))).ToList();
            return new StepResult(st.Name, all.Sum(s => s.Requests), all.Sum(s => s.Failed), all.Sum(s => s.Checks), all.Sum(s => s.CheckFailures),
                all.SelectMany(s => s.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)),
                ResultBuilder.Summarize(steps[key].Corrected), ResultBuilder.Summarize(steps[key].Service));
        }).ToList(), steps)).ToList();

        var thresholds = new List<Threshold>();
        foreach (var t in first.Thresholds)
        {
            if (!Threshold.TryParse(t.Expression, out var parsed, out var error)) throw new BadInputException("invalid-threshold", error!);
            var parts = t.Scope == "run" ? [] : t.Scope.Split('/');
            thresholds.Add(parsed! with { Scenario = parts.Length > 0 ? parts[0] : null, Step = parts.Length > 1 ? parts[1] : null, AbortOnFail = t.AbortOnFail });
        }
        var judged = ResultBuilder.Judge(thresholds, (scenario, step) =>
        {
            if (scenario is null) return new Measurements(corrected, service, total, failed, checks, checkFailures, intended, dropped, seconds);
            var keys = steps.Keys.Where(k => k.StartsWith(scenario + "/", StringComparison.Ordinal) && (step is null || k == $"{scenario}/{step}")).ToList();
            var c = Latency.NewHistogram();
            var s = Latency.NewHistogram();
            foreach (var k in keys) { c.Add(steps[k].Corrected); s.Add(steps[k].Service); }
            var stepResults = scenarios.Where(x => x.Name == scenario).SelectMany(x => x.Steps.Where(y => step is null || y.Name == step)).ToList();
            return new Measurements(c, s, stepResults.Sum(x => x.Requests), stepResults.Sum(x => x.Failed), stepResults.Sum(x => x.Checks), stepResults.Sum(x => x.CheckFailures), intended, dropped, seconds);
        });

        var series = results.SelectMany(r => r.Series).GroupBy(p => p.Second).OrderBy(g => g.Key).Select(g => new SecondPoint(g.Key, g.Sum(p => p.TargetRate), g.Sum(p => p.Requests), g.Sum(p => p.Failed),
            g.SelectMany(p => p.Errors).GroupBy(e => e.Key).ToDictionary(x => x.Key, x => x.Sum(e => e.Value)),
            g.Max(p => p.CorrectedP50Ms), g.Max(p => p.CorrectedP90Ms), g.Max(p => p.CorrectedP99Ms), g.Max(p => p.CorrectedMaxMs), g.Max(p => p.ServiceP50Ms), g.Max(p => p.ServiceP99Ms),
            g.Sum(p => p.Started), g.Sum(p => p.Late), g.Sum(p => p.Dropped), g.Sum(p => p.ActiveVus))).ToList();

        var aborted = results.Select(r => r.Run.Aborted).FirstOrDefault(a => a is not null);
        var target = results.All(r => r.Iterations.TargetPerSecond is not null) ? results.Sum(r => r.Iterations.TargetPerSecond!.Value) : (double?)null;
        return new StressResult
        {
            Run = first.Run with
            {
                StartedAt = results.Min(r => r.Run.StartedAt),
                EndedAt = results.Max(r => r.Run.EndedAt),
                DurationSeconds = results.Max(r => r.Run.DurationSeconds),
                Segment = string.Join(",", results.Select(r => r.Run.Segment)),
                Engine = string.Join(",", results.Select(r => r.Run.Engine).Distinct()),
                Aborted = aborted,
                Agents = results.Sum(r => r.Run.Agents),
            },
            Requests = new RequestSummary(total, Math.Round(total / seconds, 2), results.Sum(r => r.Requests.Ok), failed, total == 0 ? 0 : (double)failed / total,
                results.Sum(r => r.Requests.BytesReceived), results.SelectMany(r => r.Requests.StatusClasses).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value))),
            Iterations = new IterationSummary(results.Sum(r => r.Iterations.Started), results.Sum(r => r.Iterations.Completed), results.Sum(r => r.Iterations.Aborted), results.Sum(r => r.Iterations.DataExhausted),
                Math.Round(results.Sum(r => r.Iterations.Started) / seconds, 2), target is null ? null : Math.Round(target.Value, 2)),
            Latency = new LatencySummary("ms", ResultBuilder.Summarize(corrected), ResultBuilder.Summarize(service)),
            Starts = new StartSummary(intended, results.Sum(r => r.Starts.Started), results.Sum(r => r.Starts.Late), dropped, first.Starts.LateAfterMs, ResultBuilder.Summarize(delay), results.Sum(r => r.Starts.PeakVus)),
            Errors = errors,
            Checks = new CheckSummary(checks, checkFailures),
            Scenarios = scenarios,
            Stages = first.Stages.Select(st =>
            {
                var all = results.SelectMany(r => r.Stages.Where(s => s.Name == st.Name)).ToList();
                return st with { TargetRate = all.Sum(s => s.TargetRate), TargetVus = all.Sum(s => s.TargetVus), StartedRate = all.Sum(s => s.StartedRate), Requests = all.Sum(s => s.Requests), AchievedRate = all.Sum(s => s.AchievedRate),
                    Dropped = all.Sum(s => s.Dropped), CorrectedP50 = all.Max(s => s.CorrectedP50), CorrectedP99 = all.Max(s => s.CorrectedP99), ServiceP99 = all.Max(s => s.ServiceP99),
                    Passed = all.All(s => s.Passed is null) ? null : all.All(s => s.Passed != false) };
            }).ToList(),
            Knee = first.Knee,
            Thresholds = judged,
            Passed = aborted is null && judged.All(t => t.Passed),
            CoordinatedOmission = ResultBuilder.Omission(corrected, service, first.Iterations.TargetPerSecond is not null),
            Series = series,
            Histograms = new HistogramSet(HistogramCodec.Encode(corrected), HistogramCodec.Encode(service), HistogramCodec.Encode(delay),
                steps.ToDictionary(kv => kv.Key, kv => new StepHistograms(HistogramCodec.Encode(kv.Value.Corrected), HistogramCodec.Encode(kv.Value.Service)))),
            // Every agent samples the same target, so the first agent's samples stand for the run.
            Resources = results.FirstOrDefault(r => r.Resources.Count > 0)?.Resources ?? [],
        };
    }

    private static ScenarioResult WithLatency(string name, IReadOnlyList<StepResult> steps, Dictionary<string, (LongHistogram Corrected, LongHistogram Service)> histograms)
    {
        var corrected = Latency.NewHistogram();
        var service = Latency.NewHistogram();
        foreach (var (key, h) in histograms)
        {
            if (!key.StartsWith(name + "/", StringComparison.Ordinal)) continue;
            corrected.Add(h.Corrected);
            service.Add(h.Service);
        }
        return new ScenarioResult(name, steps, ResultBuilder.Summarize(corrected), ResultBuilder.Summarize(service));
    }

    private static LongHistogram Add(IEnumerable<string> encoded)
    {
        var sum = Latency.NewHistogram();
        foreach (var e in encoded) sum.Add(HistogramCodec.Decode(e));
        return sum;
    }
}
