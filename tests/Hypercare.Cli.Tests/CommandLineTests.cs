using System.Text.Json;

namespace Hypercare.Cli.Tests;

public class CommandLineTests
{
    private static readonly DateTimeOffset Start = new(2027, 9, 1, 14, 0, 0, TimeSpan.Zero);

    private static void NoStackTrace(Cli.Result r)
    {
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("   at ", r.Out);
    }

    [Fact]
    public async Task CatalogJson_MatchesTheSeedMatrixCellByCell_AndIsOnlyJson()
    {
        using var cli = new Cli(Start);
        var r = await cli.Run("catalog", "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        var services = doc.RootElement.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "seed-catalog.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        var cells = 0;
        foreach (var row in rows.Where(r => r[0] != "service-duration"))
        {
            var editions = services[row[0]].GetProperty("editions");
            string[] names = ["basic", "standard", "advanced"];
            for (var i = 0; i < 3; i++, cells++)
                Assert.Equal(row[i + 1] == "Supported" ? "included" : "not-included", editions.GetProperty(names[i]).GetString());
            Assert.Equal("on-demand", editions.GetProperty("custom").GetString());
            cells++;
        }
        Assert.Equal(60, cells);
        var durations = doc.RootElement.GetProperty("editions").EnumerateArray().ToDictionary(e => e.GetProperty("edition").GetString()!, e => e.GetProperty("max_service_days"));
        Assert.Equal(2, durations["basic"].GetInt32());
        Assert.Equal(10, durations["standard"].GetInt32());
        Assert.Equal(15, durations["advanced"].GetInt32());
        Assert.Equal(JsonValueKind.Null, durations["custom"].ValueKind);
    }

    [Fact]
    public async Task CatalogCheck_ServiceOutsideTheEdition_ExitsOneNamingTheCheapestEdition()
    {
        using var cli = new Cli(Start);
        var refused = await cli.Run("catalog", "--edition", "basic", "--service", "database-optimization");
        Assert.Equal(1, refused.Code);
        Assert.Contains("refused: Database optimization is not included in the Basic edition; the cheapest edition that includes it is Advanced", refused.Err);
        Assert.Contains("fix: order the Advanced edition, or buy it on demand as part of a Custom edition", refused.Err);
        Assert.Equal(0, (await cli.Run("catalog", "--edition", "advanced", "--service", "database-optimization")).Code);
        Assert.Equal(2, (await cli.Run("catalog", "--edition", "advanced")).Code);
    }

    [Fact]
    public async Task Validate_TheSample_Passes()
    {
        using var cli = new Cli(Start);
        var r = await cli.Run("validate", Cli.Sample);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("valid", r.Out);
    }

    [Fact]
    public async Task Validate_ABrokenFile_ExitsTwoWithLocatedErrorsAndNoStackTrace()
    {
        using var cli = new Cli(Start);
        var path = Path.Combine(cli.Folder, "broken.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(Cli.Sample)).Replace("edition: standard", "edition: gold", StringComparison.Ordinal).Replace("peak_concurrent_users: 500", "peak_concurrent_users: -5", StringComparison.Ordinal));
        var r = await cli.Run("validate", path);
        Assert.Equal(2, r.Code);
        Assert.Contains($"{path}:7:12: engagement.edition: 'gold' is not one of basic, standard, advanced, custom", r.Err);
        Assert.Contains("objectives.peak_concurrent_users: -5 is below the minimum 1", r.Err);
        Assert.Equal("", r.Out);
        NoStackTrace(r);
    }

    [Fact]
    public async Task RequestCheck_TooLate_ExitsOneAndNamesTheEarliestDate()
    {
        using var cli = new Cli(Start);
        var r = await cli.Run("request", "check", "--submitted", "2027-09-01", "--order", "2027-09-15", "--country", "US", "--json");
        Assert.Equal(1, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal("2027-09-24", doc.RootElement.GetProperty("earliest_valid_order").GetString());
        Assert.Equal("2027-08-23", doc.RootElement.GetProperty("latest_valid_submission").GetString());
    }

    [Fact]
    public async Task RequestCheck_WithACalendarFile_CountsItsWorkingDays()
    {
        using var cli = new Cli(Start);
        var calendar = Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", "cn-2024.yaml");
        var r = await cli.Run("request", "check", "--submitted", "2024-09-20", "--order", "2024-10-17", "--calendar", calendar);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("National Day", r.Out);
    }

    [Theory]
    [InlineData("request check --submitted 2027-09-01 --order 2027-10-01 --country CA", "never guesses holiday dates")]
    [InlineData("request check --submitted 2027-02-30 --order 2027-10-01 --country US", "'2027-02-30' is not a date")]
    [InlineData("request check --submitted 2027-09-01 --order 2027-10-01", "no business calendar")]
    [InlineData("fees --edition gold --onsite 2027-11-25 --day-rate 1", "did you mean 'cold'?|use one of: basic, standard, advanced, custom")]
    [InlineData("fees --edition standard --onsite 2027-11-25 --day-rate cheap --country US", "'cheap' is not a number")]
    [InlineData("catalog --bogus", "--bogus")]
    [InlineData("nosuchcommand", "nosuchcommand")]
    [InlineData("engagement show 12", "is not an engagement id")]
    public async Task BadInput_ExitsTwoWithAClearMessage(string args, string words)
    {
        using var cli = new Cli(Start);
        var r = await cli.Run(args.Split(' '));
        Assert.True(r.Code == 2, r.ToString());
        Assert.Matches(words, r.Err);
        NoStackTrace(r);
    }

    [Fact]
    public async Task Fees_HolidayCostsThreeTimes_AndTooManyDaysExitsOne()
    {
        using var cli = new Cli(Start);
        var ok = await cli.Run("fees", "--edition", "standard", "--onsite", "2027-11-25,2027-11-26*2", "--day-rate", "1000", "--country", "US", "--json");
        Assert.True(ok.Code == 0, ok.ToString());
        using var doc = JsonDocument.Parse(ok.Out);
        Assert.Equal(5000m, doc.RootElement.GetProperty("total").GetDecimal());
        var tooMany = await cli.Run("fees", "--edition", "basic", "--onsite", "2027-11-22,2027-11-23,2027-11-24", "--day-rate", "1000", "--country", "US");
        Assert.Equal(1, tooMany.Code);
        Assert.Contains("3 on-site days exceed the Basic edition's service duration of 2 days", tooMany.Err);
    }

    [Fact]
    public async Task CommandGroupWithoutAVerb_ShowsItsHelp()
    {
        using var cli = new Cli(Start);
        var r = await cli.Run("engagement");
        Assert.Equal(0, r.Code);
        Assert.Contains("engagement [command] [options]", r.Out);
        Assert.Contains("create <FILE>", r.Out);
        var missing = await cli.Run("engagement", "show");
        Assert.Equal(2, missing.Code);
        Assert.Contains("see: hypercare engagement show --help", missing.Err);
    }

    [Fact]
    public async Task EveryCommand_HasHelpText()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        var commands = new List<System.CommandLine.Command>();
        void Walk(System.CommandLine.Command c) { commands.Add(c); foreach (var s in c.Subcommands) Walk(s); }
        Walk(root);
        Assert.True(commands.Count > 25);
        foreach (var command in commands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"'{command.Name}' has no description");
            foreach (var option in command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not "--help" and not "--version"))
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"'{command.Name} {option.Name}' has no description");
        }
        using var cli = new Cli(Start);
        var help = await cli.Run("plan", "confirm", "--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("--sha256", help.Out);
    }
}
