using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypercare.Cli.Tests;

/// <summary><c>engagement export</c> writes a file that validates and creates an engagement with the same definition.</summary>
public class ExportCommandTests
{
    private static readonly DateTimeOffset Now = new(2027, 9, 1, 14, 0, 0, TimeSpan.Zero);

    private static async Task<string> Create(Cli cli, string file)
    {
        var r = await cli.Run("engagement", "create", file, "--json", "--by", "Ravi Menon");
        Assert.True(r.Code == 0, r.ToString());
        return JsonDocument.Parse(r.Out).RootElement.GetProperty("id").GetString()![..8];
    }

    private static async Task<JsonNode> Show(Cli cli, string id)
    {
        var r = await cli.Run("engagement", "show", id, "--json");
        Assert.True(r.Code == 0, r.ToString());
        return JsonNode.Parse(r.Out)!;
    }

    private static void SameJson(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected?.ToJsonString()}\nactual\n{actual?.ToJsonString()}");

    [Fact]
    public async Task Export_ValidatesAndCreatesAnEngagementWithTheSameDefinitionAndRecords()
    {
        using var cli = new Cli(Now);
        var id = await Create(cli, cli.SampleWithConsent());
        // Records made after creation are exported with their own who and when.
        Assert.Equal(0, (await cli.Run("authorize", id, "--kind", "virus-detection", "--by", "Dana Whitfield", "--reference", "consent: virus.pdf")).Code);
        Assert.Equal(0, (await cli.Run("prerequisites", "provide", id, "--kind", "permissions", "--by", "Sam Okafor")).Code);

        var file = Path.Combine(cli.Folder, "export", "hypercare.yaml");
        var exported = await cli.Run("engagement", "export", id, "--output", file);
        Assert.True(exported.Code == 0, exported.ToString());
        Assert.Contains($"exported {id} (Sample Shop Black Friday 2027) to {file}", exported.Out, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("      granted_by: Dana Whitfield\n      granted_at: 2027-08-30T10:00:00-04:00\n", text, StringComparison.Ordinal);
        Assert.Contains("      reference: 'consent: virus.pdf'\n", text, StringComparison.Ordinal);

        var stdout = await cli.Run("engagement", "export", id);
        Assert.True(stdout.Code == 0, stdout.ToString());
        Assert.Equal(text, stdout.Out);

        var valid = await cli.Run("validate", file);
        Assert.True(valid.Code == 0, valid.ToString());

        var copy = await Create(cli, file);
        var original = await Show(cli, id);
        var recreated = await Show(cli, copy);
        SameJson(original["definition"], recreated["definition"]);
        SameJson(original["authorizations"], recreated["authorizations"]);
        SameJson(original["prerequisites"], recreated["prerequisites"]);
        Assert.Equal(2, recreated["authorizations"]!.AsArray().Count);
        Assert.Equal(2, recreated["prerequisites"]!.AsArray().Count);
    }

    [Fact]
    public async Task Export_IncludesMembersAddedSinceCreation()
    {
        using var cli = new Cli(Now);
        var id = await Create(cli, Cli.Sample);
        Assert.Equal(0, (await cli.Run("engagement", "member", "add", id, "--name", "Olu Adeyemi", "--email", "olu@hypercare.example", "--role", "observer", "--party", "provider", "--by", "Ravi Menon")).Code);
        var file = Path.Combine(cli.Folder, "members.yaml");
        Assert.Equal(0, (await cli.Run("engagement", "export", id, "--output", file)).Code);
        Assert.Contains("    - name: Olu Adeyemi\n      email: olu@hypercare.example\n      role: observer\n      party: provider\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        var original = await Show(cli, id);
        var recreated = await Show(cli, await Create(cli, file));
        SameJson(original["members"], recreated["definition"]!["members"]);
    }

    [Fact]
    public async Task Export_WithACalendarFile_NeedsOutput_AndWritesTheCalendarBesideIt()
    {
        using var cli = new Cli(Now);
        var holidays = Directory.CreateDirectory(Path.Combine(cli.Folder, "holidays"));
        var calendar = Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", "us-company-2027.yaml");
        File.Copy(calendar, Path.Combine(holidays.FullName, "us-company-2027.yaml"));
        var source = Path.Combine(cli.Folder, "with-calendar.yaml");
        await File.WriteAllTextAsync(source, (await File.ReadAllTextAsync(Cli.Sample)).Replace("  time_zone: America/New_York", "  calendar: holidays/us-company-2027.yaml\n  time_zone: America/New_York", StringComparison.Ordinal));
        var id = await Create(cli, source);

        var refused = await cli.Run("engagement", "export", id);
        Assert.Equal(2, refused.Code);
        Assert.Equal("", refused.Out);
        Assert.Contains("calendar file us-company-2027.yaml must be written beside the exported file", refused.Err, StringComparison.Ordinal);
        Assert.Contains("--output DIR/hypercare.yaml", refused.Err, StringComparison.Ordinal);

        // A different file of the same name where the calendar would go is never overwritten.
        var clash = Directory.CreateDirectory(Path.Combine(cli.Folder, "clash"));
        await File.WriteAllTextAsync(Path.Combine(clash.FullName, "us-company-2027.yaml"), "country: US\nyears: [2027]\n");
        var kept = await cli.Run("engagement", "export", id, "--output", Path.Combine(clash.FullName, "hypercare.yaml"));
        Assert.Equal(2, kept.Code);
        Assert.Contains("already exists and differs", kept.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(clash.FullName, "hypercare.yaml")));

        var file = Path.Combine(cli.Folder, "out", "hypercare.yaml");
        var exported = await cli.Run("engagement", "export", id, "--output", file);
        Assert.True(exported.Code == 0, exported.ToString());
        var companion = Path.Combine(cli.Folder, "out", "us-company-2027.yaml");
        Assert.Equal(await File.ReadAllTextAsync(calendar), await File.ReadAllTextAsync(companion));
        Assert.Contains("  calendar: us-company-2027.yaml\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(0, (await cli.Run("validate", file)).Code);

        var original = (await Show(cli, id))["definition"]!;
        var recreated = (await Show(cli, await Create(cli, file)))["definition"]!;
        // The calendar keeps its text; its name records where each engagement read it from.
        Assert.Equal(original["calendar"]!["text"]!.GetValue<string>(), recreated["calendar"]!["text"]!.GetValue<string>());
        Assert.Equal(companion, recreated["calendar"]!["name"]!.GetValue<string>());
        original.AsObject().Remove("calendar");
        recreated.AsObject().Remove("calendar");
        SameJson(original, recreated);
    }
}
