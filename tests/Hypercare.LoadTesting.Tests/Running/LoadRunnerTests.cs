using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Segments;

namespace Hypercare.LoadTesting.Tests.Running;

[Collection("load")]
public class LoadRunnerTests : IAsyncLifetime
{
    private readonly TestTarget _target = new();

    public Task InitializeAsync() => _target.InitializeAsync();
    public Task DisposeAsync() => _target.DisposeAsync();

    private LoadPlan Plan(string body) => TestPlans.Parse($"base_url: {_target.BaseUrl}\n{body}");

    [Theory]
    [InlineData("fast")]
    [InlineData("httpclient")]
    public async Task ConstantArrivalRate_StartsExactlyTheScheduledIterations(string engine)
    {
        var plan = Plan($$"""
            engine: {{engine}}
            scenarios:
              - name: ok
                steps:
                  - path: /ok
                    check: { status: 200 }
            executor: { type: constant-arrival-rate, rate: 200/s, duration: 2s, pre_allocated_vus: 4, max_vus: 20 }
            thresholds: [ "error_rate < 1%" ]
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        Assert.Equal(400, result.Starts.Intended);
        Assert.Equal(400, result.Requests.Total);
        Assert.Equal(0, result.Requests.Failed);
        Assert.Equal(0, result.Checks.Failed);
        Assert.Equal(engine, result.Run.Engine);
        Assert.True(result.Passed);
        Assert.InRange(result.Requests.PerSecond, 150, 250);
        Assert.True(result.Latency.Corrected.P50 >= result.Latency.Service.P50 * 0.9);
    }

    [Fact]
    public async Task Correlation_CarriesTokenAndCookieFromLoginToCart()
    {
        var plan = Plan("""
            scenarios:
              - name: shop
                steps:
                  - name: login
                    method: POST
                    path: /login
                    json: { user: "u${vu}" }
                    extract:
                      token: { json: $.token }
                      who: { json: $.user.name }
                  - name: cart
                    path: /cart
                    headers: { Authorization: "Bearer ${token}" }
                    check: { status: 200, body_contains: '"owner":"${who}"' }
            executor: { type: constant-vus, vus: 3, duration: 1s }
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        var cart = result.Scenarios.Single().Steps.Single(s => s.Name == "cart");
        Assert.True(cart.Requests > 3);
        Assert.Equal(0, cart.Failed);
        Assert.Equal(0, cart.CheckFailures);
        Assert.Equal(0, result.Iterations.Aborted);
    }

    [Fact]
    public async Task RefusedConnections_AreCountedNotThrown()
    {
        var plan = TestPlans.Parse("""
            base_url: http://127.0.0.1:9
            scenarios: [ { name: s, steps: [ { path: /ok } ] } ]
            executor: { type: constant-arrival-rate, rate: 50/s, duration: 1s }
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        Assert.Equal(50, result.Requests.Total);
        Assert.Equal(50, result.Errors["connect"]);
        Assert.Equal(1.0, result.Requests.ErrorRate);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("httpclient")]
    public async Task SlowResponses_CountAsTimeouts_AndTheUserGoesOn(string engine)
    {
        var plan = Plan($$"""
            engine: {{engine}}
            timeout: 200ms
            scenarios: [ { name: s, steps: [ { path: /sleep/1000 } ] } ]
            executor: { type: constant-arrival-rate, rate: 20/s, duration: 1s, pre_allocated_vus: 4, max_vus: 40 }
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        Assert.Equal(20, result.Requests.Total);
        Assert.Equal(20, result.Errors["timeout"]);
        Assert.Equal(0, result.Errors["reset"]);
        // Each timed-out request took about the timeout, not the server's second.
        Assert.InRange(result.Latency.Service.Max, 150, 700);
    }

    [Fact]
    public async Task StatusClasses_AndThresholds_AreJudged()
    {
        var plan = Plan("""
            scenarios: [ { name: s, steps: [ { path: /status/503 } ] } ]
            executor: { type: constant-arrival-rate, rate: 100/s, duration: 1s }
            thresholds:
              - error_rate < 1%
              - p(99) < 5s
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        Assert.Equal(100, result.Errors["status_5xx"]);
        Assert.False(result.Passed);
        Assert.False(result.Thresholds[0].Passed);
        Assert.True(result.Thresholds[1].Passed);
    }

    [Fact]
    public async Task AbortOnFail_StopsTheRunEarly()
    {
        var plan = Plan("""
            scenarios: [ { name: s, steps: [ { path: /status/500 } ] } ]
            executor: { type: constant-arrival-rate, rate: 50/s, duration: 20s }
            thresholds:
              - { expr: error_rate < 1%, abort: true, grace: 1s }
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        Assert.NotNull(result.Run.Aborted);
        Assert.True(result.Run.DurationSeconds < 10, $"ran {result.Run.DurationSeconds} s");
        Assert.False(result.Passed);
    }

    [Fact]
    public async Task AFreeze_ShowsInCorrectedLatency_NotInServiceTime()
    {
        var plan = Plan("""
            scenarios: [ { name: s, steps: [ { path: /ok } ] } ]
            executor: { type: constant-arrival-rate, rate: 1000/s, duration: 10s, pre_allocated_vus: 64, max_vus: 64 }
            """);
        _target.FreezeAt(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        // A 1 s stall in a 10 s run at a constant rate: 10% of requests wait between 0 and 1 s, so the corrected
        // p99 is about 900 ms. Only the requests in flight when the stall began see it in their service time.
        Assert.InRange(result.Latency.Corrected.P99, 700, 1200);
        Assert.True(result.Latency.Service.P99 < 300, $"service p99 {result.Latency.Service.P99} ms");
        Assert.True(result.CoordinatedOmission.Ratio >= 2);
        Assert.Contains("hidden", result.CoordinatedOmission.Note, StringComparison.Ordinal);
        Assert.True(result.Starts.Late > 500, $"late {result.Starts.Late}");
    }

    [Fact]
    public async Task ThreeSegments_StartAsManyIterationsAsTheWholePlan()
    {
        var plan = Plan("""
            scenarios: [ { name: s, steps: [ { path: /ok } ] } ]
            executor: { type: constant-arrival-rate, rate: 301/s, duration: 1s, arrivals: poisson }
            """);
        var whole = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);
        var sequence = ExecutionSegmentSequence.Parse("0,1/3,2/3,1");
        long sum = 0;
        foreach (var segment in sequence.Segments)
        {
            var part = await StressTest.RunAsync(plan, new StressRunOptions { Share = new SegmentShare(segment, sequence) }, CancellationToken.None);
            sum += part.Starts.Intended;
        }
        Assert.Equal(whole.Starts.Intended, sum);
    }

    [Fact]
    public async Task StepLoad_FindsTheKneeOfABoundedPool()
    {
        // Two workers of 20 ms each hold about 100 req/s.
        _target.LimitWorkers(2);
        var plan = Plan("""
            scenarios: [ { name: s, steps: [ { path: /work } ] } ]
            executor: { type: step-load, start_rate: 30/s, step: 30/s, step_duration: 2s, max_rate: 240/s, max_vus: 200 }
            thresholds: [ "p(99) < 150ms" ]
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);

        Assert.NotNull(result.Knee);
        Assert.NotNull(result.Knee.TargetRate);
        Assert.InRange(result.Knee.TargetRate!.Value, 30, 120);
        Assert.Contains(result.Stages, s => s.Passed == false);
    }

    [Fact]
    public async Task UniqueRows_AreUsedOnceAcrossAgents_AndIterationsStopWhenTheyRunOut()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllLines(Path.Combine(dir, "ids.csv"), ["id", .. Enumerable.Range(1, 40).Select(i => $"r{i}")]);
        var plan = TestPlans.Parse($$"""
            base_url: {{_target.BaseUrl}}
            data: [ { name: ids, file: ids.csv, mode: unique } ]
            scenarios: [ { name: s, steps: [ { path: "/row/${ids.id}" } ] } ]
            executor: { type: constant-arrival-rate, rate: 60/s, duration: 1s }
            """, dir);
        long exhausted = 0;
        foreach (var i in Enumerable.Range(0, 3))
        {
            var part = await StressTest.RunAsync(plan, new StressRunOptions { Share = SegmentShare.ForAgent(i, 3) }, CancellationToken.None);
            exhausted += part.Iterations.DataExhausted;
        }

        Assert.Equal(40, _target.Rows.Count);
        Assert.Equal(40, _target.Rows.Distinct().Count());
        Assert.Equal(20, exhausted);
    }
}
