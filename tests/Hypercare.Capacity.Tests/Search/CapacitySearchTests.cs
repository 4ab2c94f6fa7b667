using Hypercare.Capacity.Bottlenecks;
using Hypercare.Capacity.Sampling;
using Hypercare.Capacity.Search;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Templates;

namespace Hypercare.Capacity.Tests.Search;

public sealed class CapacitySearchTests
{
    private static LoadPlan Plan(Uri baseUrl, string path) => new()
    {
        BaseUrl = baseUrl,
        Scenarios = [new Scenario("order", 1, [new ScenarioStep { Name = "order", Method = "GET", Path = Template.Literal(path) }], null, null)],
        Executor = new ConstantVus(1, TimeSpan.FromSeconds(1)),
        Cookies = false,
        Timeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task ASmallConnectionPool_IsFoundAsTheBottleneck_AndTheKneeSitsBelowItsCapacity()
    {
        // Two connections held 20 ms each: at most 100 orders per second. Past that the queue grows without bound.
        await using var target = new PoolTarget(poolSize: 2, hold: TimeSpan.FromMilliseconds(20));
        await target.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await using var sampler = new ResourceSampler([target.Metrics], null, http, TimeProvider.System);
        var progress = new List<SearchProgress>();
        var options = new CapacitySearchOptions
        {
            Slo = Slo.Parse("p99<150ms, error_rate<1%", "--slo"),
            Start = 10,
            Max = 1000,
            StepDuration = TimeSpan.FromSeconds(3),
            Warmup = TimeSpan.FromSeconds(1),
            Refinements = 2,
            Sampler = sampler,
            OnProgress = progress.Add,
        };

        sampler.Start();
        SearchResult search;
        try { search = await CapacitySearch.RunAsync(Plan(target.BaseUrl, "/order"), options, CancellationToken.None); }
        finally { await sampler.StopAsync(); }

        var steps = string.Join("\n", search.ByLoad.Select(s => $"{s.Load}/s: {s.Throughput:0.#} req/s p99 {s.Latency.P99:0.#} ms {(s.Passed ? "met" : string.Join("; ", s.Failures))}"));
        Assert.NotNull(search.Knee);
        Assert.NotNull(search.FirstFailure);
        // Growth 10, 20, 40, 80 met; 160 broke; bisection between 80 and 160.
        Assert.InRange(search.Knee!.Load, 80, target.Capacity);
        Assert.InRange(search.FirstFailure!.Load, search.Knee.Load, 160);
        Assert.True(search.Knee.Throughput <= target.Capacity * 1.02, steps);
        Assert.Contains(search.Steps, s => s.Phase == "refinement");
        Assert.Equal(search.Steps.Count * 2, progress.Count);
        Assert.NotNull(search.Usl);

        var report = BottleneckAnalysis.Analyze(search, sampler.Timeline, sampler.Warnings);
        Assert.True(report.Bottleneck is not null, $"{report.Verdict}\n{steps}");
        Assert.Equal(ResourceKind.ConnectionPool, report.Bottleneck!.Kind);
        Assert.StartsWith("app_db_pool_", report.Bottleneck.Series, StringComparison.Ordinal);
        Assert.True(report.Bottleneck.Load <= search.FirstFailure.Load);
        Assert.Contains("the connection pool saturated first", report.Verdict, StringComparison.Ordinal);
        Assert.Contains(target.Metrics.ToString(), report.Bottleneck.Describe(search.Model), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedModelSearch_StepsVirtualUsers_AndFitsTheirThroughput()
    {
        await using var target = new PoolTarget(poolSize: 4, hold: TimeSpan.FromMilliseconds(10));
        await target.StartAsync();
        var options = new CapacitySearchOptions
        {
            Slo = Slo.Parse("p99<60ms", "--slo"),
            Model = LoadModel.Closed,
            Start = 1,
            Max = 64,
            StepDuration = TimeSpan.FromSeconds(2),
            Warmup = TimeSpan.Zero,
            Refinements = 1,
        };

        var search = await CapacitySearch.RunAsync(Plan(target.BaseUrl, "/order"), options, CancellationToken.None);

        // Each VU waits for a connection; with 4 connections of 10 ms, N VUs see about N / 4 × 10 ms: the objective
        // breaks near 32 VUs on a quiet machine, earlier when other work shares the CPUs, never before 8 (20 ms).
        var growth = search.Steps.Where(s => s.Phase == "growth").Select(s => s.Load).ToList();
        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 32, 64 }.Take(growth.Count), growth);
        Assert.True(growth.Count >= 4, $"the objective broke at {growth[^1]} VUs already");
        Assert.All(search.Steps, s => Assert.Equal(s.Load, s.Concurrency));
        Assert.NotNull(search.Knee);
        Assert.InRange(search.Knee!.Throughput, 0, target.Capacity * 1.05);
        Assert.NotNull(search.Usl);
        Assert.InRange(search.Usl!.PeakThroughput, target.Capacity * 0.5, target.Capacity * 2);
    }

    [Fact]
    public async Task BadSettings_AreRefusedWithTheirOption()
    {
        var plan = Plan(new Uri("http://127.0.0.1:1"), "/");
        var e = await Assert.ThrowsAsync<Core.Problems.BadInputException>(() => CapacitySearch.RunAsync(plan,
            new CapacitySearchOptions { Slo = [], Start = 0, Factor = 1, StepDuration = TimeSpan.FromMilliseconds(100) }, CancellationToken.None));
        Assert.Equal(["--slo", "--start", "--factor", "--step"], e.Problems.Select(p => p.Location!.Path));
    }

    [Fact]
    public async Task ATargetOutOfScope_IsRefusedBeforeAnyLoad()
    {
        var plan = Plan(new Uri("http://10.0.0.1:8080"), "/");
        await Assert.ThrowsAsync<Core.Problems.SafetyRefusalException>(() => CapacitySearch.RunAsync(plan,
            new CapacitySearchOptions { Slo = Slo.Parse("p99<1s", "--slo"), Warmup = TimeSpan.Zero, StepDuration = TimeSpan.FromSeconds(1) }, CancellationToken.None));
    }
}
