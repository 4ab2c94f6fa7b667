using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hypercare.Cli.Tests;

[Collection(LoadTests.Name)]
public sealed class StressCommandTests : IAsyncLifetime, IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));
    private WebApplication? _app;
    private string _base = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/ok", () => "ok");
        _app.MapGet("/metrics", () => "# TYPE app_db_pool_waiting gauge\napp_db_pool_waiting 2\n");
        await _app.StartAsync();
        _base = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    public void Dispose() => _cli.Dispose();

    private string Plan(string name, string body)
    {
        var path = Path.Combine(_cli.Folder, name);
        File.WriteAllText(path, body);
        return path;
    }

    [Fact]
    public async Task QuickMode_OpenModel_PrintsTheJsonSummary()
    {
        var r = await _cli.Run("stress", "url", $"{_base}/ok", "--rate", "100", "--duration", "1s", "--json", "--threshold", "p(99) < 5s");
        Assert.True(r.Code == 0, r.ToString());
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(100, json.GetProperty("requests").GetProperty("total").GetInt64());
        Assert.Equal("fast", json.GetProperty("run").GetProperty("engine").GetString());
    }

    [Fact]
    public async Task ResourcesAreSampledEachSecond_IntoTheResult()
    {
        var r = await _cli.Run("stress", "url", $"{_base}/ok", "--rate", "50", "--duration", "3s", "--json", "--metrics", $"{_base}/metrics");
        Assert.True(r.Code == 0, r.ToString());
        var resources = JsonDocument.Parse(r.Out).RootElement.GetProperty("resources").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        var waiting = resources["app_db_pool_waiting"];
        Assert.Equal("connection-pool", waiting.GetProperty("kind").GetString());
        Assert.Equal($"{_base}/metrics", waiting.GetProperty("source").GetString());
        var points = waiting.GetProperty("points").EnumerateArray().ToList();
        Assert.InRange(points.Count, 2, 4);
        Assert.All(points, p => Assert.Equal(2, p[1].GetDouble()));
        // The target listens on loopback in this process: /proc is read too.
        Assert.Equal($"/proc/{Environment.ProcessId}", resources["proc_cpu"].GetProperty("source").GetString());
    }

    [Fact]
    public async Task AMetricsEndpointOffLoopback_IsRefusedBeforeTheRun()
    {
        var r = await _cli.Run("stress", "url", $"{_base}/ok", "--rate", "50", "--duration", "1s", "--metrics", "http://10.0.0.1:9100/metrics");
        Assert.True(r.Code == 3, r.ToString());
    }

    [Fact]
    public async Task QuickMode_ClosedModel_WritesTheOutputFiles()
    {
        var out1 = Path.Combine(_cli.Folder, "r.json");
        var r = await _cli.Run("stress", "url", $"{_base}/ok", "--vus", "4", "--duration", "1s", "--quiet", "--out", out1,
            "--junit", Path.Combine(_cli.Folder, "r.xml"), "--csv", Path.Combine(_cli.Folder, "r.csv"), "--hlog", Path.Combine(_cli.Folder, "r.hlog"));
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("passed", r.Out, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(File.ReadAllText(out1)).RootElement.GetProperty("requests").GetProperty("total").GetInt64() > 0);
        Assert.StartsWith("second,target_rate,requests", File.ReadAllText(Path.Combine(_cli.Folder, "r.csv")), StringComparison.Ordinal);
        Assert.Contains("Tag=corrected", File.ReadAllText(Path.Combine(_cli.Folder, "r.hlog")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedThreshold_ExitsOne()
    {
        var r = await _cli.Run("stress", "url", $"{_base}/ok", "--rate", "50", "--duration", "1s", "--quiet", "--threshold", "rate >= 1000/s");
        Assert.True(r.Code == 1, r.ToString());
        Assert.Contains("✗ rate >= 1000/s", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnverifiedTarget_IsRefusedWithExitThree()
    {
        var r = await _cli.Run("stress", "url", "http://192.0.2.7/", "--rate", "10", "--duration", "1s", "--quiet");
        Assert.True(r.Code == 3, r.ToString());
        Assert.Contains("refused for safety", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadPlan_ExitsTwo_WithTheLineAndColumn()
    {
        var plan = Plan("bad.yaml", "base_url: http://127.0.0.1:1\nscenarios: [ { name: s, steps: [ { path: /a } ] } ]\nexecutor: { type: constant-vus, vus: 1, duration: forever }\n");
        var r = await _cli.Run("stress", "run", plan, "--quiet");
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("bad.yaml:3:51", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEngagementsStressSection_RunsOnlyAgainstItsScope()
    {
        var text = File.ReadAllText(Cli.Sample) + $"\nstress:\n  base_url: {_base}\n  scenarios: [ {{ name: s, steps: [ {{ path: /ok }} ] }} ]\n  executor: {{ type: constant-arrival-rate, rate: 10/s, duration: 1s }}\n";
        var r = await _cli.Run("stress", "run", Plan("hypercare.yaml", text), "--quiet");
        Assert.True(r.Code == 3, r.ToString());
        Assert.Contains("is not in the scope of", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SegmentsRunApart_MergeIntoTheWhole()
    {
        var plan = Plan("plan.yaml", $"base_url: {_base}\nscenarios: [ {{ name: s, steps: [ {{ path: /ok }} ] }} ]\nexecutor: {{ type: constant-arrival-rate, rate: 90/s, duration: 1s }}\nthresholds: [ 'error_rate < 1%' ]\n");
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var file = Path.Combine(_cli.Folder, $"agent-{i}.json");
            var r = await _cli.Run("stress", "run", plan, "--segment-index", $"{i}", "--segments", "3", "--quiet", "--out", file);
            Assert.True(r.Code == 0, r.ToString());
            files.Add(file);
        }
        var merged = await _cli.Run(["stress", "merge", .. files, "--json"]);
        Assert.True(merged.Code == 0, merged.ToString());
        var json = JsonDocument.Parse(merged.Out).RootElement;
        Assert.Equal(90, json.GetProperty("starts").GetProperty("intended").GetInt64());
        Assert.Equal(3, json.GetProperty("run").GetProperty("agents").GetInt32());
    }

    [Fact]
    public async Task K8sJob_WritesAnIndexedJob()
    {
        var plan = Plan("plan.yaml", $"base_url: {_base}\nscenarios: [ {{ name: s, steps: [ {{ path: /ok }} ] }} ]\nexecutor: {{ type: constant-arrival-rate, rate: 90/s, duration: 1s }}\n");
        var r = await _cli.Run("stress", "k8s-job", plan, "--agents", "3");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("completionMode: Indexed", r.Out, StringComparison.Ordinal);
        Assert.Contains("stress merge", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ChecksTheStressSection_WithItsPlace()
    {
        var good = File.ReadAllText(Cli.Sample) + "\nstress:\n  scenarios: [ { name: s, steps: [ { path: /ok } ] } ]\n  executor: { type: constant-vus, vus: 2, duration: 10s }\n";
        var ok = await _cli.Run("validate", Plan("good.yaml", good));
        Assert.True(ok.Code == 0, ok.ToString());
        Assert.Contains("stress plan: 1 scenario(s), constant-vus", ok.Out, StringComparison.Ordinal);

        var bad = good.Replace("duration: 10s", "duration: ten", StringComparison.Ordinal);
        var lines = bad.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("duration: ten", StringComparison.Ordinal)) + 1;
        var r = await _cli.Run("validate", Plan("bad.yaml", bad));
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains($"bad.yaml:{line}:", r.Err, StringComparison.Ordinal);
        Assert.Contains("stress.executor.duration", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutQuiet_ALineASecond_ShowsProgressOnStderr()
    {
        var r = await _cli.Run("stress", "url", $"{_base}/ok", "--rate", "50", "--duration", "2s");
        Assert.True(r.Code == 0, r.ToString());
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("1/2s", StringComparison.Ordinal) && l.Contains("of 50/s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2/2s", StringComparison.Ordinal) && l.Contains("requests ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("rate 0/s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARampsStages_FeedTheCapacityFit()
    {
        var plan = Plan("ramp.yaml", $"base_url: {_base}\nscenarios: [ {{ name: s, steps: [ {{ path: /ok }} ] }} ]\nexecutor:\n  type: ramping-vus\n  start_vus: 1\n  stages:\n" +
            string.Concat(new[] { 1, 1, 4, 4, 8, 8 }.Select(v => $"    - {{ target: {v}, duration: 1s }}\n")));
        var result = Path.Combine(_cli.Folder, "ramp.json");
        var run = await _cli.Run("stress", "run", plan, "--quiet", "--out", result);
        Assert.True(run.Code == 0, run.ToString());

        var fit = await _cli.Run("capacity", "fit", result, "--json");
        Assert.True(fit.Code == 0, fit.ToString());
        var json = JsonDocument.Parse(fit.Out).RootElement;
        Assert.Equal(6, json.GetProperty("points").GetInt32());
        Assert.True(json.GetProperty("lambda").GetProperty("value").GetDouble() > 0);
    }
}
