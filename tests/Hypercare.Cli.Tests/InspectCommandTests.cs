using System.Text.Json;

namespace Hypercare.Cli.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    private static string Infra => Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "infra");

    [Fact]
    public async Task TheShopsEstate_AgainstItsEngagement_RanksCapacityAndExposureFirst()
    {
        var r = await _cli.Run("inspect", Infra, "--engagement", Cli.Sample, "--format", "json");
        Assert.True(r.Code == 0, r.ToString());
        var findings = JsonDocument.Parse(r.Out).RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal("HC-ALI-CAP-002", findings[0].GetProperty("rule").GetString());
        Assert.Equal("critical", findings[0].GetProperty("severity").GetString());
        Assert.Contains("the peak of 2,000/s", findings[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(findings, f => f.GetProperty("outcome").GetString() == "could-not-verify");
    }

    [Fact]
    public async Task FailOn_ExitsOne_AndWithoutAnEngagementCapacityCannotBeJudged()
    {
        var r = await _cli.Run("inspect", Infra, "--fail-on", "critical");
        Assert.True(r.Code == 1, r.ToString());
        Assert.Contains("no engagement given", r.Out, StringComparison.Ordinal);
        Assert.Contains("HC-ALI-SEC-002 fix:", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_IsWrittenOnStdout()
    {
        var r = await _cli.Run("inspect", Infra, "--engagement", Cli.Sample, "--format", "sarif");
        Assert.True(r.Code == 0, r.ToString());
        var log = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.Contains(log.GetProperty("runs")[0].GetProperty("results").EnumerateArray(),
            x => x.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "web.tf");
    }

    [Fact]
    public async Task ABadSeverity_ExitsTwo()
    {
        var r = await _cli.Run("inspect", Infra, "--fail-on", "sometimes");
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("--fail-on", r.Err, StringComparison.Ordinal);
    }
}
