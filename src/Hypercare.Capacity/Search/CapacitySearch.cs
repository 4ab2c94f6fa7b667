using Hypercare.Capacity.Sampling;
using Hypercare.Capacity.Usl;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.LoadTesting;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Results;
using Hypercare.LoadTesting.Running;
using Hypercare.LoadTesting.Safety;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.Capacity.Search;

/// <summary>How a capacity search offers load.</summary>
public enum LoadModel
{
    /// <summary>Arrival rates (requests or iterations per second), whatever the target does: how an event offers load.</summary>
    Open,
    /// <summary>Virtual users sending back to back: the concurrency the Universal Scalability Law speaks of.</summary>
    Closed,
}

/// <summary>The settings of a capacity search.</summary>
public sealed class CapacitySearchOptions
{
    /// <summary>The conditions every step must meet; at least one.</summary>
    public required IReadOnlyList<Threshold> Slo { get; init; }

    /// <summary>Open (arrival rate, the default) or closed (virtual users).</summary>
    public LoadModel Model { get; init; } = LoadModel.Open;

    /// <summary>The first load: iterations per second (open) or virtual users (closed).</summary>
    public double Start { get; init; } = 10;

    /// <summary>The most load to offer; the search stops there even when the objective still holds.</summary>
    public double Max { get; init; } = 100_000;

    /// <summary>Each step multiplies the load by this until a step breaks the objective.</summary>
    public double Factor { get; init; } = 2;

    /// <summary>Bisection steps between the last passing and the first failing load.</summary>
    public int Refinements { get; init; } = 3;

    /// <summary>How long each step lasts.</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A run at the first load before measuring, so the target's caches and compiled code are warm. Zero skips it.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The share of scheduled starts that may be dropped (open model) before a step counts as failed.</summary>
    public double MaxDroppedShare { get; init; } = 0.01;

    /// <summary>What the steps may touch.</summary>
    public TargetScope Scope { get; init; } = TargetScope.ExplicitTargets();

    /// <summary>The HTTP engine, or the plan's choice when null.</summary>
    public EngineChoice? Engine { get; init; }

    /// <summary>The clock of step boundaries; the same clock as the sampler's so samples line up with steps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Samples resources while the steps run, if given.</summary>
    public ResourceSampler? Sampler { get; init; }

    /// <summary>Called before each step starts (with its load) and after it ends (with its outcome).</summary>
    public Action<SearchProgress>? OnProgress { get; init; }
}

/// <summary>A moment of the search: a step about to start, or one just measured.</summary>
public sealed record SearchProgress(int Step, string Phase, double Load, SearchStep? Measured);

/// <summary>One measured step.</summary>
/// <param name="Index">1-based, in the order run.</param>
/// <param name="Phase">growth (multiplying the load) or refinement (bisecting towards the knee).</param>
/// <param name="Load">The load offered: iterations per second (open) or virtual users (closed).</param>
/// <param name="StartSeconds">When the step's load started, on the search's clock (the sampler's, when sampling).</param>
/// <param name="EndSeconds">When its load ended (before the graceful stop).</param>
/// <param name="Throughput">Requests per second achieved.</param>
/// <param name="Concurrency">Virtual users (closed) or, by Little's law, requests per second times mean latency (open).</param>
/// <param name="Latency">Corrected latency percentiles, in milliseconds.</param>
/// <param name="ServiceP99Ms">The 99th percentile of service time (from send), in milliseconds.</param>
/// <param name="ErrorRate">Failed requests as a share of all.</param>
/// <param name="DroppedShare">Scheduled starts dropped because every virtual user was busy, as a share.</param>
/// <param name="Requests">Requests sent.</param>
/// <param name="Passed">Whether every condition of the objective held.</param>
/// <param name="Failures">The conditions that did not hold, with the measured value.</param>
public sealed record SearchStep(int Index, string Phase, double Load, double StartSeconds, double EndSeconds, double Throughput, double Concurrency,
    Percentiles Latency, double ServiceP99Ms, double ErrorRate, double DroppedShare, long Requests, bool Passed, IReadOnlyList<string> Failures);

/// <summary>What a capacity search found.</summary>
/// <param name="Model">Open or closed.</param>
/// <param name="Slo">The objective, as written.</param>
/// <param name="Steps">Every step in the order run.</param>
/// <param name="Knee">The highest load that met the objective below the lowest load that did not; null when even the first step failed.</param>
/// <param name="FirstFailure">The lowest load that broke the objective; null when none did.</param>
/// <param name="Stop">Why the search stopped.</param>
/// <param name="Usl">The Universal Scalability Law fitted to the steps, when it could be.</param>
/// <param name="UslProblem">Why it could not be, otherwise.</param>
public sealed record SearchResult(LoadModel Model, string Slo, IReadOnlyList<SearchStep> Steps, SearchStep? Knee, SearchStep? FirstFailure, string Stop, UslFit? Usl, string? UslProblem)
{
    /// <summary>The steps in order of load, lowest first.</summary>
    public IReadOnlyList<SearchStep> ByLoad => [.. Steps.OrderBy(s => s.Load).ThenBy(s => s.Index)];

    /// <summary>The throughput the target sustained while meeting the objective (the knee's), or zero.</summary>
    public double CapacityAtSlo => Knee?.Throughput ?? 0;

    /// <summary>Whether the capacity is only a lower bound because no step broke the objective.</summary>
    public bool CapacityIsLowerBound => FirstFailure is null && Knee is not null;
}

/// <summary>
/// Finds how much load a target holds while an objective holds: load grows geometrically until a step breaks the
/// objective, then bisection narrows the knee; every step is a real run of the stress engine, and the Universal
/// Scalability Law is fitted to the measured throughput.
/// </summary>
public static class CapacitySearch
{
    private const int MaxSteps = 40;

    /// <summary>Searches with the plan's scenarios (its executor is replaced by each step's).</summary>
    public static Task<SearchResult> RunAsync(LoadPlan plan, CapacitySearchOptions options, CancellationToken cancellationToken) =>
        RunAsync(plan, options, (p, onSecond, ct) => StressTest.RunAsync(p, new StressRunOptions { Time = options.Time, Scope = options.Scope, Engine = options.Engine, OnSecond = onSecond }, ct), cancellationToken);

    internal static async Task<SearchResult> RunAsync(LoadPlan plan, CapacitySearchOptions options, Func<LoadPlan, Action<LiveStatus>?, CancellationToken, Task<StressResult>> run, CancellationToken cancellationToken)
    {
        Validate(options);
        var clockStart = options.Sampler is null ? options.Time.GetTimestamp() : 0;
        double Now() => options.Sampler?.Now ?? options.Time.GetElapsedTime(clockStart).TotalSeconds;
        var steps = new List<SearchStep>();
        var latencyCeiling = options.Slo.Where(t => t.Metric is ThresholdMetric.CorrectedPercentile or ThresholdMetric.ServicePercentile or ThresholdMetric.Mean or ThresholdMetric.Max)
            .Select(t => t.Limit).DefaultIfEmpty(1000).Max();

        if (options.Warmup > TimeSpan.Zero)
            await run(StepPlan(plan, options, options.Start, options.Warmup, latencyCeiling), null, cancellationToken);

        async Task<SearchStep> Measure(string phase, double load)
        {
            options.OnProgress?.Invoke(new SearchProgress(steps.Count + 1, phase, load, null));
            // The load's own window on the search's clock, from the engine's once-a-second reports: the vetting of
            // targets, opening connections and the graceful stop stay outside it.
            double? loadStart = null, loadEnd = null;
            var planned = options.StepDuration.TotalSeconds;
            void OnSecond(LiveStatus status)
            {
                var now = Now();
                loadStart ??= now - status.Elapsed.TotalSeconds;
                if (status.Elapsed.TotalSeconds <= planned + 0.5) loadEnd = now;
            }
            var before = Now();
            var result = await run(StepPlan(plan, options, load, options.StepDuration, latencyCeiling), OnSecond, cancellationToken);
            var after = Now();
            var step = FromResult(steps.Count + 1, phase, load, loadStart ?? before, loadEnd ?? after, result, options);
            steps.Add(step);
            options.OnProgress?.Invoke(new SearchProgress(step.Index, phase, load, step));
            return step;
        }

        string stop;
        var load = options.Start;
        double? passing = null, failing = null;
        while (true)
        {
            var step = await Measure("growth", load);
            if (step.Passed) passing = load;
            else { failing = load; stop = $"{Describe(options.Model, load)} broke the objective ({string.Join("; ", step.Failures)})"; break; }
            if (load >= options.Max) { stop = $"the maximum load ({Describe(options.Model, options.Max)}) met the objective; the capacity is at least that"; break; }
            if (steps.Count >= MaxSteps) { stop = $"{MaxSteps} steps were run without breaking the objective"; break; }
            load = Math.Min(options.Max, NextLoad(load, options));
        }

        if (passing is { } low && failing is { } high)
        {
            for (var i = 0; i < options.Refinements && steps.Count < MaxSteps; i++)
            {
                var mid = options.Model == LoadModel.Closed ? Math.Floor((low + high) / 2) : Round((low + high) / 2);
                if (mid <= low || mid >= high) break;
                var step = await Measure("refinement", mid);
                if (step.Passed) low = mid; else high = mid;
            }
            stop += $"; refined to between {Describe(options.Model, low)} (met) and {Describe(options.Model, high)} (broken)";
        }
        else if (passing is null)
        {
            stop = $"the first step ({Describe(options.Model, options.Start)}) already broke the objective; start lower, or the target fails the objective at any load";
        }
        return Conclude(options.Model, Slo.Describe(options.Slo), steps, stop);
    }

    /// <summary>Knee, first failure and the USL fit from measured steps.</summary>
    public static SearchResult Conclude(LoadModel model, string slo, IReadOnlyList<SearchStep> steps, string stop)
    {
        var firstFailure = steps.Where(s => !s.Passed).OrderBy(s => s.Load).FirstOrDefault();
        var knee = steps.Where(s => s.Passed && (firstFailure is null || s.Load < firstFailure.Load)).OrderByDescending(s => s.Load).FirstOrDefault();
        UslFit? usl = null;
        string? problem = null;
        var points = steps.Where(s => s.Throughput > 0 && s.Concurrency > 0).Select(s => new LoadPoint(s.Concurrency, s.Throughput)).ToList();
        try { usl = UslModel.Fit(points, "the search's steps"); }
        catch (BadInputException e) { problem = e.Problems[0].Message; }
        return new SearchResult(model, slo, steps, knee, firstFailure, stop, usl, problem);
    }

    private static SearchStep FromResult(int index, string phase, double load, double start, double end, StressResult r, CapacitySearchOptions options)
    {
        var failures = r.Thresholds.Where(t => !t.Passed).Select(t => $"{t.Expression}: {t.Value}").ToList();
        var dropped = r.Starts.Intended == 0 ? 0 : (double)r.Starts.Dropped / r.Starts.Intended;
        if (options.Model == LoadModel.Open && dropped > options.MaxDroppedShare)
            failures.Add($"{dropped * 100:0.#}% of scheduled starts dropped: every virtual user was busy");
        if (r.Requests.Total == 0) failures.Add("no request completed");
        var throughput = r.Requests.PerSecond;
        var concurrency = options.Model == LoadModel.Closed ? load : throughput * r.Latency.Corrected.Mean / 1000;
        return new SearchStep(index, phase, load, start, end, throughput, concurrency, r.Latency.Corrected, r.Latency.Service.P99, r.Requests.ErrorRate, dropped, r.Requests.Total, failures.Count == 0, failures);
    }

    private static LoadPlan StepPlan(LoadPlan plan, CapacitySearchOptions options, double load, TimeSpan duration, double latencyCeilingMs)
    {
        ExecutorDefinition executor;
        if (options.Model == LoadModel.Closed)
        {
            executor = new ConstantVus((int)load, duration) { GracefulStop = TimeSpan.FromMilliseconds(Math.Max(1000, latencyCeilingMs * 2)) };
        }
        else
        {
            // Enough virtual users for Little's law at twice the latency ceiling, so a step fails on latency before it
            // runs out of users; past that, starts are dropped and counted.
            var vus = (int)Math.Clamp(Math.Ceiling(load * latencyCeilingMs / 1000 * 2) + 10, 10, 20_000);
            executor = new ConstantArrivalRate(new Rate(load), duration)
            {
                PreAllocatedVus = Math.Min(vus, Math.Max(10, vus / 4)),
                MaxVus = vus,
                GracefulStop = TimeSpan.FromMilliseconds(Math.Max(1000, latencyCeilingMs * 2)),
            };
        }
        return plan with { Executor = executor, Thresholds = options.Slo };
    }

    private static double NextLoad(double load, CapacitySearchOptions options)
    {
        var next = load * options.Factor;
        return options.Model == LoadModel.Closed ? Math.Max(load + 1, Math.Round(next)) : Round(next);
    }

    /// <summary>Rounds a rate to two significant figures (at least 1/s), so steps read like a person chose them.</summary>
    private static double Round(double rate)
    {
        if (rate < 10) return Math.Max(1, Math.Round(rate));
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rate)) - 1);
        return Math.Round(rate / magnitude) * magnitude;
    }

    /// <summary>A load as people read it: "400/s" or "64 VUs".</summary>
    public static string Describe(LoadModel model, double load) =>
        model == LoadModel.Closed ? $"{load:0} VUs" : $"{load:0.#}/s";

    private static void Validate(CapacitySearchOptions o)
    {
        var problems = new List<Problem>();
        if (o.Slo.Count == 0) problems.Add(new Problem("missing-slo", "a capacity search needs an objective", SourceLocation.ForField("--slo"), "e.g. --slo \"p99<300ms, error_rate<0.1%\""));
        if (!(o.Start > 0)) problems.Add(new Problem("invalid-value", $"the first load must be above 0, not {o.Start}", SourceLocation.ForField("--start")));
        if (!(o.Max >= o.Start)) problems.Add(new Problem("invalid-value", $"the maximum load ({o.Max}) is below the first ({o.Start})", SourceLocation.ForField("--max")));
        if (!(o.Factor > 1)) problems.Add(new Problem("invalid-value", $"the growth factor must be above 1, not {o.Factor}", SourceLocation.ForField("--factor")));
        if (o.Refinements < 0) problems.Add(new Problem("invalid-value", "refinements cannot be negative", SourceLocation.ForField("--refine")));
        if (o.StepDuration < TimeSpan.FromSeconds(1)) problems.Add(new Problem("invalid-value", "a step must last at least 1s so it has samples", SourceLocation.ForField("--step")));
        if (problems.Count > 0) throw new BadInputException(problems);
    }
}
