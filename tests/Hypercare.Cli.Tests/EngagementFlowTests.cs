using System.Text.Json;

namespace Hypercare.Cli.Tests;

/// <summary>The sample engagement driven through the CLI against a real SQLite file, one process step at a time.</summary>
[Collection(LoadTests.Name)]
public class EngagementFlowTests
{
    private static async Task<string> Create(Cli cli, string? file = null)
    {
        var r = await cli.Run("engagement", "create", file ?? Cli.Sample, "--json", "--by", "Ravi Menon");
        Assert.True(r.Code == 0, r.ToString());
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("id").GetString()![..8];
    }

    [Fact]
    public async Task Flow_FromRequestToImplementation_GuardsRefuseUntilEachStepIsDone()
    {
        using var cli = new Cli(new DateTimeOffset(2027, 9, 1, 14, 0, 0, TimeSpan.Zero));
        var id = await Create(cli);

        var early = await cli.Run("advance", id, "--to", "ordered", "--by", "Ravi Menon");
        Assert.Equal(1, early.Code);
        Assert.Contains("refused: an order needs a service request the provider accepted", early.Err);
        Assert.Contains("fix: the provider accepts it", early.Err);

        Assert.Equal(1, (await cli.Run("request", "accept", id, "--by", "Dana Whitfield")).Code);
        Assert.Equal(0, (await cli.Run("request", "accept", id, "--by", "Ravi Menon")).Code);
        cli.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 1, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await cli.Run("advance", id, "--to", "ordered", "--by", "Ravi Menon")).Code);
        Assert.Equal(0, (await cli.Run("advance", id, "--to", "preparation", "--by", "Ravi Menon")).Code);

        var guarded = await cli.Run("advance", id, "--to", "implementation", "--by", "Ravi Menon");
        Assert.Equal(1, guarded.Code);
        Assert.Contains("still missing: sites, equipment, permissions, non-production-environments, remote-access-channels, business-objectives", guarded.Err);
        Assert.Contains("there is no plan yet", guarded.Err);

        Assert.Equal(0, (await cli.Run("prerequisites", "provide", id, "--kind", "sites,equipment,permissions,non-production-environments,remote-access-channels,business-objectives", "--by", "Sam Okafor")).Code);
        Assert.Equal(0, (await cli.Run("plan", "add", id, "--title", "Readiness workshop", "--start", "2027-10-06", "--due", "2027-10-08", "--service", "readiness-assessment", "--by", "Ravi Menon")).Code);
        var plan = await cli.Run("plan", "show", id, "--json");
        var sha = JsonDocument.Parse(plan.Out).RootElement[0].GetProperty("sha256").GetString()!;
        Assert.Equal(1, (await cli.Run("plan", "confirm", id, "--by", "Dana Whitfield", "--reference", "<m@x>", "--sha256", new string('0', 64))).Code);
        Assert.Equal(0, (await cli.Run("plan", "confirm", id, "--by", "Dana Whitfield", "--reference", "<m@x>", "--sha256", sha)).Code);
        var moved = await cli.Run("advance", id, "--to", "implementation", "--by", "Ravi Menon");
        Assert.True(moved.Code == 0, moved.ToString());
        Assert.Contains("preparation -> implementation", moved.Out);

        var show = await cli.Run("engagement", "show", id, "--json");
        using var snapshot = JsonDocument.Parse(show.Out);
        Assert.Equal("implementation", snapshot.RootElement.GetProperty("state").GetString());
        Assert.Equal(3, snapshot.RootElement.GetProperty("transitions").GetArrayLength());
        Assert.Equal("summary", snapshot.RootElement.GetProperty("next").GetProperty("to").GetString());
        Assert.Equal("event-not-over", snapshot.RootElement.GetProperty("next").GetProperty("blockers")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task CanRun_WithoutAuthorization_ExitsThree_AndWithItExitsZero()
    {
        using var cli = new Cli(new DateTimeOffset(2027, 9, 1, 14, 0, 0, TimeSpan.Zero));
        var id = await Create(cli, cli.SampleWithConsent());
        var refused = await cli.Run("engagement", "can-run", id, "--activity", "port-scan");
        Assert.Equal(3, refused.Code);
        Assert.Contains("refused for safety: refusing to scan ports: the customer has not authorized vulnerability-and-port-scanning", refused.Err);
        Assert.Equal(1, (await cli.Run("authorize", id, "--kind", "vulnerability-and-port-scanning", "--by", "Sam Okafor")).Code);
        Assert.Equal(0, (await cli.Run("authorize", id, "--kind", "vulnerability-and-port-scanning", "--by", "Dana Whitfield", "--reference", "consent.pdf")).Code);
        Assert.Equal(0, (await cli.Run("engagement", "can-run", id, "--activity", "port-scan")).Code);
        // Monitoring was authorized in the file, with its own who and when.
        Assert.Equal(0, (await cli.Run("engagement", "can-run", id, "--activity", "monitoring")).Code);
        using var plain = new Cli(new DateTimeOffset(2027, 9, 1, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, (await plain.Run("engagement", "can-run", await Create(plain), "--activity", "monitoring")).Code);
    }

    [Fact]
    public async Task Create_WithAuthorizationDatedInTheFuture_IsRefused()
    {
        using var cli = new Cli(new DateTimeOffset(2027, 8, 1, 0, 0, 0, TimeSpan.Zero));
        var r = await cli.Run("engagement", "create", cli.SampleWithConsent());
        Assert.Equal(2, r.Code);
        Assert.Contains("engagement.authorizations[0].granted_at", r.Err);
    }

    [Fact]
    public async Task List_Json_IsOnlyJson_AndTimelineShowsEveryEvent()
    {
        using var cli = new Cli(new DateTimeOffset(2027, 9, 1, 14, 0, 0, TimeSpan.Zero));
        var id = await Create(cli);
        var list = await cli.Run("engagement", "list", "--json");
        using var doc = JsonDocument.Parse(list.Out);
        Assert.Equal("Sample Shop Black Friday 2027", doc.RootElement[0].GetProperty("name").GetString());
        var timeline = await cli.Run("engagement", "timeline", id, "--json");
        using var events = JsonDocument.Parse(timeline.Out);
        Assert.Equal(["engagement-created"], events.RootElement.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var withConsent = await Create(cli, cli.SampleWithConsent());
        using var recorded = JsonDocument.Parse((await cli.Run("engagement", "timeline", withConsent, "--json")).Out);
        var types = recorded.RootElement.EnumerateArray().Select(e => (e.GetProperty("type").GetString(), e.GetProperty("by").GetString(), e.GetProperty("at").GetString())).ToList();
        Assert.Equal([("engagement-created", "Ravi Menon", "2027-09-01T14:00:00+00:00"), ("prerequisite-provided", "Sam Okafor", "2027-08-30T11:00:00-04:00"), ("authorization-granted", "Dana Whitfield", "2027-08-30T10:00:00-04:00")], types);
    }

    [Fact]
    public async Task Demo_RunsEveryStepAsExpected()
    {
        using var cli = new Cli(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var r = await cli.Run("demo");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("demo finished: every step behaved as expected", r.Out);
        Assert.Contains("acceptance → completed", r.Out);
        Assert.Contains("Not built yet", r.Out);
    }

    [Fact]
    public void Demo_UsesAThrowAwayDatabase_UnlessOneIsNamed()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        Assert.Equal(Path.Combine("/scratch", "demo.db"), Commands.DemoCommand.Database(root.Parse(["demo"]), "/scratch"));
        Assert.Equal("kept.db", Commands.DemoCommand.Database(root.Parse(["demo", "--db", "kept.db"]), "/scratch"));
    }
}
