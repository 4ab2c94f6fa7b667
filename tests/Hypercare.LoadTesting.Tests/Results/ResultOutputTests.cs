using System.Text.Json;
using System.Xml.Linq;
using Hypercare.LoadTesting.Results;
using Hypercare.LoadTesting.Segments;
using Hypercare.LoadTesting.Tests.Running;

namespace Hypercare.LoadTesting.Tests.Results;

[Collection("load")]
public class ResultOutputTests : IAsyncLifetime
{
    private readonly TestTarget _target = new();

    public Task InitializeAsync() => _target.InitializeAsync();
    public Task DisposeAsync() => _target.DisposeAsync();

    private async Task<StressResult> Run(SegmentShare? share = null, Stream? hlog = null) =>
        await StressTest.RunAsync(TestPlans.Parse($$"""
            base_url: {{_target.BaseUrl}}
            scenarios: [ { name: s, steps: [ { name: ok, path: /ok }, { name: missing, path: /status/404 } ] } ]
            executor: { type: constant-arrival-rate, rate: 90/s, duration: 2s }
            thresholds: [ "p(99) < 5s", { expr: "error_rate < 1%", scenario: s, step: missing } ]
            """), new StressRunOptions { Share = share, IntervalLog = hlog }, CancellationToken.None);

    [Fact]
    public async Task TheJsonSummary_HoldsTheDocumentedFields()
    {
        var json = JsonDocument.Parse(ResultWriters.Json(await Run())).RootElement;
        Assert.Equal("hypercare.stress.result/v1", json.GetProperty("schema").GetString());
        Assert.Equal(360, json.GetProperty("requests").GetProperty("total").GetInt64());
        Assert.True(json.GetProperty("requests").GetProperty("per_second").GetDouble() > 0);
        foreach (var kind in new[] { "corrected", "service" })
            foreach (var p in new[] { "p50", "p90", "p99", "p99_9", "max" })
                Assert.True(json.GetProperty("latency").GetProperty(kind).GetProperty(p).GetDouble() >= 0);
        Assert.Equal(0, json.GetProperty("starts").GetProperty("dropped").GetInt64());
        Assert.True(json.GetProperty("starts").TryGetProperty("late", out _));
        Assert.Equal(180, json.GetProperty("errors").GetProperty("status_4xx").GetInt64());
        var scenario = json.GetProperty("scenarios")[0];
        Assert.Equal(360, scenario.GetProperty("corrected").GetProperty("count").GetInt64());
        Assert.Equal(180, scenario.GetProperty("steps")[1].GetProperty("service").GetProperty("count").GetInt64());
        var thresholds = json.GetProperty("thresholds");
        Assert.True(thresholds[0].GetProperty("passed").GetBoolean());
        Assert.False(thresholds[1].GetProperty("passed").GetBoolean());
        Assert.Equal("s/missing", thresholds[1].GetProperty("scope").GetString());
    }

    [Fact]
    public async Task JUnit_HasAFailureForEachFailedThreshold()
    {
        var xml = XDocument.Parse(ResultWriters.JUnit(await Run()));
        var failures = xml.Descendants("failure").ToList();
        Assert.Single(failures);
        Assert.Equal("1", xml.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public async Task TheIntervalLog_IsReadableByHdrHistogram()
    {
        using var stream = new MemoryStream();
        await Run(hlog: stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.StartsWith("#[Hypercare", text, StringComparison.Ordinal);
        using var reader = new HdrHistogram.HistogramLogReader(new MemoryStream(stream.ToArray()));
        var histograms = reader.ReadHistograms().ToList();
        Assert.True(histograms.Count >= 4);
        Assert.Equal(360 * 2, histograms.Sum(h => h.TotalCount));
        Assert.Contains(histograms, h => h.Tag == "service");
    }

    [Fact]
    public async Task MergingSegments_AddsCountsAndJudgesThresholdsOnTheWhole()
    {
        var parts = new List<StressResult>();
        foreach (var i in Enumerable.Range(0, 3))
        {
            var json = ResultWriters.Json(await Run(SegmentShare.ForAgent(i, 3)));
            parts.Add(ResultWriters.ReadJson($"agent-{i}.json", json));
        }
        var merged = ResultMerger.Merge(parts);

        Assert.Equal(180, merged.Starts.Intended);
        Assert.Equal(360, merged.Requests.Total);
        Assert.Equal(3, merged.Run.Agents);
        Assert.Equal(parts.Sum(p => p.Latency.Corrected.Count), merged.Latency.Corrected.Count);
        Assert.Equal(360, merged.Scenarios[0].Corrected.Count);
        Assert.False(merged.Passed);
        Assert.True(merged.Thresholds[0].Passed);
    }

    [Fact]
    public void AResultOfAnotherSchema_IsRefusedWithItsFile()
    {
        var e = Assert.Throws<Core.Problems.BadInputException>(() => ResultWriters.ReadJson("x.json", """{ "schema": "other" }"""));
        Assert.Equal("x.json", e.Problems[0].Location!.File);
    }
}
