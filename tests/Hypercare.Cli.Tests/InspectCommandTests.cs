using System.Text.Json;
using System.Xml.Linq;

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
        var missing = await _cli.Run("inspect", Path.Combine(_cli.Folder, "nowhere"));
        Assert.True(missing.Code == 2 && missing.Out.Length == 0, missing.ToString());
        Assert.Contains("nowhere is neither a file nor a directory", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JUnit_GivesCiOneSuitePerRule_WithTheShopsFailures()
    {
        var r = await _cli.Run("inspect", Infra, "--engagement", Cli.Sample, "--format", "junit");
        Assert.True(r.Code == 0, r.ToString());
        var root = XDocument.Parse(r.Out).Root!;
        var lb = root.Elements("testsuite").Single(s => ((string)s.Attribute("name")!).StartsWith("HC-ALI-CAP-002", StringComparison.Ordinal));
        Assert.Equal("alicloud_slb_load_balancer.web", (string)lb.Element("testcase")!.Attribute("name")!);
        Assert.NotNull(lb.Element("testcase")!.Element("failure"));
        Assert.True((int)root.Attribute("failures")! >= 10);
    }

    [Fact]
    public async Task ABaseline_AcceptsAFindingWithItsReason_ItNoLongerCounts_AndAnUnusedEntryIsReported()
    {
        var baseline = Path.Combine(_cli.Folder, "baseline.yaml");
        File.WriteAllText(baseline, """
            accepted:
              - rule: HC-ALI-SEC-002
                resource: alicloud_security_group_rule.data_debug
                reason: the debug rule is removed in the change freeze on 2027-11-20
                accepted_by: Lena Fischer
                expires: 2027-11-20
              - rule: HC-ALI-AVL-001
                resource: alicloud_slb_listener.https
                reason: the HTTPS listener is checked by the CDN in front of it
                expires: 2027-11-20
            """);
        var r = await _cli.Run("inspect", Infra, "--engagement", Cli.Sample, "--baseline", baseline, "--format", "json");
        Assert.True(r.Code == 0, r.ToString());
        var json = JsonDocument.Parse(r.Out).RootElement;
        var accepted = Assert.Single(json.GetProperty("accepted").EnumerateArray().ToList());
        Assert.Equal("alicloud_security_group_rule.data_debug", accepted.GetProperty("resource").GetString());
        Assert.Equal("the debug rule is removed in the change freeze on 2027-11-20", accepted.GetProperty("accepted").GetProperty("reason").GetString());
        Assert.DoesNotContain(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "HC-ALI-SEC-002");
        Assert.Contains("baseline.yaml:7: the baseline accepts HC-ALI-AVL-001 on alicloud_slb_listener.https, which was not found", r.Err, StringComparison.Ordinal);

        var bad = Path.Combine(_cli.Folder, "bad.yaml");
        File.WriteAllText(bad, "accepted:\n  - rule: HC-ALI-SEC-002\n    expires: 2027-11-20\n");
        var refused = await _cli.Run("inspect", Infra, "--baseline", bad);
        Assert.True(refused.Code == 2, refused.ToString());
        Assert.Contains("bad.yaml:2:5", refused.Err, StringComparison.Ordinal);
        Assert.Contains("'reason' is required", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAssessment_NamesTiersFromTheTopology_AndHoldsTheScalingCeilingAgainstACapacitySearch()
    {
        var r = await _cli.Run("inspect", Infra, "--engagement", Cli.Sample, "--per-instance", "150/s", "--format", "json");
        Assert.True(r.Code == 0, r.ToString());
        var tiers = JsonDocument.Parse(r.Out).RootElement.GetProperty("assessment").EnumerateArray().ToList();
        Assert.Equal(["edge", "web", "orders-db", "cache", "egress"], tiers.Select(t => t.GetProperty("tier").GetString()));
        var ceiling = tiers[1].GetProperty("limits")[0];
        Assert.Equal((2400d, 2600d, "short"), (ceiling.GetProperty("published").GetDouble(), ceiling.GetProperty("needed").GetDouble(), ceiling.GetProperty("verdict").GetString()));
        Assert.Contains(tiers[2].GetProperty("recovery")[0].GetProperty("gaps").EnumerateArray(), g => g.GetString()!.StartsWith("no standby", StringComparison.Ordinal));

        var text = await _cli.Run("inspect", Infra, "--engagement", Cli.Sample);
        Assert.Contains("Cloud resource assessment", text.Out, StringComparison.Ordinal);
        Assert.Contains("RPO", text.Out, StringComparison.Ordinal);
        var wrong = await _cli.Run("inspect", Infra, "--per-instance", "lots");
        Assert.True(wrong.Code == 2 && wrong.Err.Contains("--per-instance", StringComparison.Ordinal), wrong.ToString());
    }

    [Fact]
    public async Task ACapacityReport_GivesWhatOneInstanceHeld_AndAnotherFileIsRefusedWithItsPath()
    {
        var report = Path.Combine(_cli.Folder, "capacity.json");
        File.WriteAllText(report, """{"schema": "hypercare.capacity.search/v1", "capacity_at_slo": 600, "plan": {"instances_tested": 4, "tiers": [{"tier": "orders-db", "role": "database"}, {"tier": "web", "role": "service", "per_instance_rate": 175.5}]}}""");
        var r = await _cli.Run("inspect", Infra, "--engagement", Cli.Sample, "--capacity", report, "--format", "json");
        Assert.True(r.Code == 0, r.ToString());
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(16 * 175.5, json.GetProperty("assessment")[1].GetProperty("limits")[0].GetProperty("published").GetDouble());
        // 16 × 175.5/s = 2,808/s holds the 2,600/s the peak needs with headroom: the ceiling is judged, and passes.
        Assert.DoesNotContain(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "HC-ALI-CAP-003");

        File.WriteAllText(report, """{"schema": "hypercare.inspection/v1"}""");
        var refused = await _cli.Run("inspect", Infra, "--capacity", report);
        Assert.True(refused.Code == 2, refused.ToString());
        Assert.Contains("is not a capacity search report", refused.Err, StringComparison.Ordinal);
    }
}
