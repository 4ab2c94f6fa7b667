using System.Text.Json;

namespace Hypercare.Cli.Tests;

public sealed class CapacityCommandTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    private string File(string name, string text)
    {
        var path = Path.Combine(_cli.Folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Fit_PrintsTheParametersThePeakAndPredictions()
    {
        var csv = File("sdm91.csv", "load,throughput\n1,64.9\n18,995.9\n36,1652.4\n72,1853.2\n108,1828.9\n144,1775.0\n216,1702.2\n");
        var r = await _cli.Run("capacity", "fit", csv, "--at", "500", "--json");
        Assert.True(r.Code == 0, r.ToString());
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(0.0277285, json.GetProperty("sigma").GetProperty("value").GetDouble(), 1e-5);
        Assert.Equal(96.52, json.GetProperty("peak_concurrency").GetDouble(), 0.01);
        Assert.Equal("contention", json.GetProperty("dominant").GetString());
        Assert.Equal(500, json.GetProperty("predictions")[0].GetProperty("concurrency").GetDouble());

        var text = await _cli.Run("capacity", "fit", csv);
        Assert.Contains("peak: 1883.9/s at a concurrency of 96.52", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPoints_ExitTwo_WithTheirPlace()
    {
        var r = await _cli.Run("capacity", "fit", File("bad.csv", "1,10\n2,x\n3,30\n"));
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("bad.csv:2:3: 'x' is not a number", r.Err, StringComparison.Ordinal);

        var flat = await _cli.Run("capacity", "fit", File("flat.csv", "1,50\n2,50\n3,50\n"));
        Assert.True(flat.Code == 2, flat.ToString());
        Assert.Contains("the same throughput", flat.Err, StringComparison.Ordinal);
    }
}

[Collection(LoadTests.Name)]
public sealed class CapacitySearchCommandTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SearchingTheSampleShop_PrintsKneeUslBottleneckAndAVerdictOnTheObjectives()
    {
        var port = Commands.SampleShop.FreePort(0);
        var engagement = Path.Combine(_cli.Folder, "hypercare.yaml");
        File.WriteAllText(engagement, Commands.SampleShop.OnPort(File.ReadAllText(Cli.Sample), port));
        await using var shop = await Commands.SampleShop.StartAsync(port, Path.Combine(_cli.Folder, "shop"), TimeProvider.System, CancellationToken.None);
        var json = Path.Combine(_cli.Folder, "capacity.json");

        var r = await _cli.Run("capacity", "search", $"http://127.0.0.1:{port}/api/products/7", "--engagement", engagement,
            "--step", "1s", "--warmup", "0", "--start", "50", "--max", "200", "--refine", "0", "--out", json, "--fail-on", "fits-with-changes");

        // The web tier's pools outgrow the database's connections at full scale: fits with changes, exit 1.
        Assert.True(r.Code == 1, r.ToString());
        foreach (var expected in new[] { "knee:", "Universal Scalability Law", "bottleneck:", "Capacity plan: web measured on 1 instance(s)", "database connections", "capacity verdict:" })
            Assert.Contains(expected, r.Out, StringComparison.Ordinal);
        Assert.Contains("step 1 (growth): 50/s", r.Err, StringComparison.Ordinal);
        var doc = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal("hypercare.capacity.search/v1", doc.GetProperty("schema").GetString());
        Assert.Equal([50, 100, 200], doc.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("load").GetDouble()));
        Assert.Equal("p(95) < 150ms, p(99) < 300ms, error_rate < 0.1%", doc.GetProperty("slo").GetString());
        Assert.Contains($"http://127.0.0.1:{port}/metrics", doc.GetProperty("sampling").GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Environment.ProcessId, doc.GetProperty("sampling").GetProperty("pid").GetInt32());
        Assert.Contains(doc.GetProperty("sampling").GetProperty("series").EnumerateArray(), s => s.GetProperty("key").GetString() == "shop_db_pool_waiting");
        var objectives = doc.GetProperty("plan").GetProperty("objectives").EnumerateArray().ToDictionary(o => o.GetProperty("objective").GetString()!, o => o.GetProperty("verdict").GetString());
        Assert.Equal("fits-with-changes", objectives["database connections"]);
        Assert.Contains("peak rate", objectives.Keys);
        Assert.Contains("traffic ramp", objectives.Keys);
    }

    [Fact]
    public async Task ATargetOffLoopbackWithoutItsToken_IsRefused()
    {
        var r = await _cli.Run("capacity", "search", "http://192.0.2.10/", "--slo", "p99<1s", "--warmup", "0");
        Assert.True(r.Code == 3, r.ToString());
    }

    [Fact]
    public async Task AMetricsEndpointOffLoopback_IsRefusedBeforeAnyLoad()
    {
        var r = await _cli.Run("capacity", "search", "http://127.0.0.1:1/", "--slo", "p99<1s", "--metrics", "http://10.0.0.1:9100/metrics");
        Assert.True(r.Code == 3, r.ToString());
        Assert.Contains("not a loopback address", r.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model", "sideways", "'sideways' is not a load model")]
    [InlineData("--slo", "p99>1s", "a ceiling")]
    [InlineData("--headroom", "lots", "'lots' is not a percentage")]
    [InlineData("--fail-on", "maybe", "'maybe' is not a verdict")]
    public async Task BadOptions_ExitTwo_NamingTheOption(string option, string value, string message)
    {
        var r = await _cli.Run("capacity", "search", "http://127.0.0.1:1/", "--slo", "p99<1s", option, value);
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains(option, r.Err, StringComparison.Ordinal);
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoObjective_ExitsTwo_AndSaysHowToGiveOne()
    {
        var r = await _cli.Run("capacity", "search", "http://127.0.0.1:1/");
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("--slo", r.Err, StringComparison.Ordinal);
    }
}

public sealed class CapacityFitObjectiveTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Fit_PredictsAtTheEngagementsPeakConcurrency()
    {
        var csv = Path.Combine(_cli.Folder, "sdm91.csv");
        File.WriteAllText(csv, "1,64.9\n18,995.9\n36,1652.4\n72,1853.2\n108,1828.9\n144,1775.0\n216,1702.2\n");
        var r = await _cli.Run("capacity", "fit", csv, "--engagement", Cli.Sample, "--json");
        Assert.True(r.Code == 0, r.ToString());
        var prediction = Assert.Single(JsonDocument.Parse(r.Out).RootElement.GetProperty("predictions").EnumerateArray());
        Assert.Equal(500, prediction.GetProperty("concurrency").GetDouble());   // objectives.peak_concurrent_users
        Assert.True(prediction.GetProperty("response_ms").GetDouble() > 0);
    }
}
