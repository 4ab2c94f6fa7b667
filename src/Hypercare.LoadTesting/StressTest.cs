using HdrHistogram;
using Hypercare.LoadTesting.Http;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Results;
using Hypercare.LoadTesting.Running;
using Hypercare.LoadTesting.Safety;
using Hypercare.LoadTesting.Segments;

namespace Hypercare.LoadTesting;

/// <summary>Settings of one run that are not part of the plan.</summary>
public sealed class StressRunOptions
{
    /// <summary>The clock; tests may pass a fake one for everything but the load itself.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>What the run may touch.</summary>
    public TargetScope Scope { get; init; } = TargetScope.ExplicitTargets();

    /// <summary>This agent's execution segment; the whole plan when null.</summary>
    public SegmentShare? Share { get; init; }

    /// <summary>Overrides the plan's engine choice.</summary>
    public EngineChoice? Engine { get; init; }

    /// <summary>Called once a second with the live numbers.</summary>
    public Action<LiveStatus>? OnSecond { get; init; }

    /// <summary>Where to write the HdrHistogram interval log, if anywhere.</summary>
    public Stream? IntervalLog { get; init; }

    /// <summary>Resources to sample while the load runs; their series go into the result.</summary>
    public IResourceSampling? Resources { get; init; }
}

/// <summary>
/// The stress-testing module's entry point: vets the targets, runs the plan with the chosen engine and returns
/// the result with every threshold judged.
/// </summary>
public static class StressTest
{
    /// <summary>Runs a plan. Refuses (exit 3) before any load request when a target is not in scope or not verified.</summary>
    public static Task<StressResult> RunAsync(LoadPlan plan, StressRunOptions options, CancellationToken cancellationToken) =>
        RunAsync(plan, options, new TargetGuard(), cancellationToken);

    internal static async Task<StressResult> RunAsync(LoadPlan plan, StressRunOptions options, TargetGuard guard, CancellationToken cancellationToken)
    {
        var vetted = await guard.VetAsync(TargetsOf(plan), options.Scope, plan.Insecure, cancellationToken);
        var share = options.Share ?? new SegmentShare(ExecutionSegment.Whole);
        var choice = options.Engine ?? plan.Engine;
        var allHttp = TargetsOf(plan).All(u => u.Scheme == "http");
        var maxConnections = (int)Math.Max(1, share.Scale(plan.Executor switch
        {
            Executors.ArrivalRateExecutor a => a.MaxVus,
            Executors.VirtualUserExecutor v => v.MaxVus,
            _ => 100,
        }));
        if (choice == EngineChoice.Fast && !allHttp)
            throw new Core.Problems.BadInputException("engine-unsupported", "the fast engine speaks plain HTTP/1.1 only, and the plan has https targets", "use --engine httpclient (or auto) for TLS and HTTP/2");
        await using IHttpEngine engine = choice == EngineChoice.Fast || choice == EngineChoice.Auto && allHttp
            ? new FastEngine(vetted, plan.Timeout, options.Time)
            : new HttpClientEngine(vetted, maxConnections, plan.Timeout, options.Time, http2: !allHttp, plan.Insecure);

        using var log = options.IntervalLog is { } stream ? new IntervalLog(stream, options.Time.GetUtcNow()) : null;
        var runner = new LoadRunner(plan, engine, options.Time, share)
        {
            OnSecond = options.OnSecond,
            OnInterval = log is null ? null : (Action<HistogramBase, HistogramBase>)log.Append,
        };
        options.Resources?.Start();
        RunOutcome outcome;
        try { outcome = await runner.RunAsync(cancellationToken); }
        catch
        {
            if (options.Resources is not null) await options.Resources.StopAsync();
            throw;
        }
        var resources = options.Resources is null ? [] : await options.Resources.StopAsync();
        return ResultBuilder.Build(plan, outcome, share.IsWhole ? "0:1" : $"{share.Segment.From}:{share.Segment.To}", share.ScaleRate(1), resources);
    }

    /// <summary>The origins a plan sends requests to: its base URL and any absolute step URLs.</summary>
    public static IReadOnlyList<Uri> TargetsOf(LoadPlan plan)
    {
        var list = new List<Uri> { plan.BaseUrl };
        foreach (var step in plan.Scenarios.SelectMany(s => s.Steps))
            if (step.Path.IsConstant && Uri.TryCreate(step.Path.Text, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") list.Add(u);
        return list;
    }
}
