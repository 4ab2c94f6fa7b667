using Hypercare.Capacity.Bottlenecks;
using Hypercare.Capacity.Sampling;
using static Hypercare.Capacity.Tests.Steps;

namespace Hypercare.Capacity.Tests.Bottlenecks;

public sealed class BottleneckAnalysisTests
{
    // Steps 1..4 at 100, 200, 400, 800/s; the objective breaks at 800/s. Step i runs from 10i to 10i + 10 s.
    private static readonly Capacity.Search.SearchResult Searched = Result(
        Step(1, 100, 100, 20, true), Step(2, 200, 200, 25, true), Step(3, 400, 400, 60, true), Step(4, 800, 610, 900, false));

    private static ResourceTimeline Timeline(params (string Key, ResourceKind Kind, string Unit, double[] PerStep)[] series)
    {
        var timeline = new ResourceTimeline();
        foreach (var (key, kind, unit, perStep) in series)
            for (var step = 0; step < perStep.Length; step++)
                for (var second = 1; second <= 10; second++)
                    timeline.Add(new SeriesInfo(key, kind, key, unit, "http://127.0.0.1:8080/metrics"), (step + 1) * 10 + second, perStep[step]);
        return timeline;
    }

    [Fact]
    public void TheResourceThatSaturatesAtTheLowestLoad_IsNamed_WithItsEvidence()
    {
        var report = BottleneckAnalysis.Analyze(Searched, Timeline(
            ("node_cpu_busy", ResourceKind.Cpu, "ratio", [0.2, 0.4, 0.7, 0.97]),
            ("shop_db_pool_waiting", ResourceKind.ConnectionPool, "items", [0, 0, 3, 40])));

        var b = report.Bottleneck!;
        Assert.Equal(ResourceKind.ConnectionPool, b.Kind);
        Assert.Equal((3, 400d, 3d, 0d, 40d), (b.Step, b.Load, b.Value, b.Baseline, b.Peak));
        Assert.Equal("shop_db_pool_waiting (http://127.0.0.1:8080/metrics) averaged 3 items during the 400/s step (t = 30–40 s), against 0 items at the lowest load; rule: on average at least one request waiting for a connection",
            b.Describe(Searched.Model));
        Assert.Equal("the connection pool saturated first: shop_db_pool_waiting crossed its limit at 400/s, before the first load that broke the objective (800/s)", report.Verdict);
        Assert.Equal("node_cpu_busy", Assert.Single(report.Others).Series);
        Assert.Equal("corrected p99 20 ms at 100/s (100 req/s) → p99 60 ms at 400/s (400 req/s) (the knee) → p99 900 ms at 800/s (610 req/s) (broke the objective)", report.LatencyEvidence);
    }

    [Fact]
    public void AtTheSameLoad_TheMoreFundamentalResourceIsNamed()
    {
        var report = BottleneckAnalysis.Analyze(Searched, Timeline(
            ("dotnet_threadpool_queue_length", ResourceKind.ThreadPool, "items", [0, 0, 50, 400]),
            ("node_cpu_busy", ResourceKind.Cpu, "ratio", [0.2, 0.4, 0.9, 0.99])));
        Assert.Equal(ResourceKind.Cpu, report.Bottleneck!.Kind);
        Assert.Contains("CPU saturated first", report.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void ADependencyTwiceAsSlowAsAtLowLoad_Saturates()
    {
        var report = BottleneckAnalysis.Analyze(Searched, Timeline(
            ("payment_client_duration_seconds_mean", ResourceKind.Dependency, "seconds", [0.010, 0.011, 0.030, 0.2]),
            ("gc_pause", ResourceKind.GarbageCollection, "ratio", [0.01, 0.01, 0.02, 0.03])));
        Assert.Equal(ResourceKind.Dependency, report.Bottleneck!.Kind);
        Assert.Equal(400, report.Bottleneck.Load);
        Assert.Empty(report.Others);
    }

    [Fact]
    public void ASaturationOnlyAfterTheObjectiveBroke_IsAConsequence_NotTheCause()
    {
        var late = Result(Step(1, 100, 100, 20, true), Step(2, 200, 190, 800, false), Step(3, 400, 200, 3000, false));
        var report = BottleneckAnalysis.Analyze(late, Timeline(("shop_db_pool_waiting", ResourceKind.ConnectionPool, "items", [0, 0, 30])));
        Assert.Null(report.Bottleneck);
        Assert.StartsWith("no sampled resource saturated at or below 200/s, where the objective broke; shop_db_pool_waiting saturated only later", report.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingSampled_SaysSo()
    {
        var report = BottleneckAnalysis.Analyze(Searched, new ResourceTimeline());
        Assert.Null(report.Bottleneck);
        Assert.Contains(report.Notes, n => n.StartsWith("no resource was sampled", StringComparison.Ordinal));
        Assert.Contains("lies in something not sampled", report.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBreakAndNoSaturation_AsksForMoreLoad()
    {
        var held = Result(Step(1, 100, 100, 20, true), Step(2, 200, 200, 21, true));
        var report = BottleneckAnalysis.Analyze(held, Timeline(("node_cpu_busy", ResourceKind.Cpu, "ratio", [0.1, 0.2])));
        Assert.Null(report.Bottleneck);
        Assert.Equal("nothing saturated and the objective held at every load tested: raise the maximum load to find the limit", report.Verdict);
    }
}
