using Hypercare.Core.Problems;
using Hypercare.Engagements.Files;

namespace Hypercare.Engagements.Tests.Files;

public class EngagementFileErrorTests
{
    /// <summary>A small valid file; each case replaces one line (or appends) to break it in one way.</summary>
    private const string Valid = """
        engagement:
          name: Launch
          customer: Acme
          edition: standard
          country: US
          time_zone: America/New_York
          request:
            submitted: 2027-09-01
            order: 2027-10-01
          key_phases:
            - name: Launch day
              start: 2027-11-26
              end: 2027-11-26
        objectives:
          peak_rps: 2000/s
          peak_concurrent_users: 500
          latency:
            p95: 150ms
            p99: 300ms
        """;

    private static BadInputException Invalid(string text)
    {
        var e = Assert.Throws<BadInputException>(() => EngagementFileLoader.Parse("hypercare.yaml", text, AppContext.BaseDirectory));
        Assert.Equal(FailureKind.BadInput, e.Kind);
        return e;
    }

    [Fact]
    public void Parse_ValidFile_Loads()
    {
        var file = EngagementFileLoader.Parse("hypercare.yaml", Valid, AppContext.BaseDirectory);
        Assert.Equal("Launch", file.Definition.Name);
        Assert.Equal(1, Hypercare.Engagements.Objectives.KeyPhases.ServiceDays(file.Definition.KeyPhases));
    }

    // Each row: what to replace, with what, the expected code, line, column, and words of the message.
    [Theory]
    [InlineData("  edition: standard", "  edtion: standard", "unknown-key", 4, 3, "unknown key 'edtion'")]
    [InlineData("  edition: standard", "  edition: gold", "invalid-value", 4, 12, "'gold' is not one of basic, standard, advanced, custom")]
    [InlineData("    submitted: 2027-09-01", "    submitted: 2027-13-01", "wrong-type", 8, 16, "expected a date (YYYY-MM-DD), found '2027-13-01'")]
    [InlineData("    order: 2027-10-01", "    order: 2027-08-01", "impossible-value", 9, 12, "before the request was submitted")]
    [InlineData("  peak_concurrent_users: 500", "  peak_concurrent_users: lots", "wrong-type", 16, 26, "expected a whole number")]
    [InlineData("  peak_concurrent_users: 500", "  peak_concurrent_users: 0", "out-of-range", 16, 26, "below the minimum 1")]
    [InlineData("  peak_rps: 2000/s", "  peak_rps: fast", "wrong-type", 15, 13, "expected a rate such as 2000/s")]
    [InlineData("    p99: 300ms", "    p99: 100ms", "impossible-value", 19, 10, "p99 (100ms) is below p95 (150ms)")]
    [InlineData("    p99: 300ms", "    p99.x: 300ms", "unknown-key", 19, 5, "latency objectives are written pNN")]
    [InlineData("      end: 2027-11-26", "      end: 2027-11-20", "impossible-value", 13, 12, "ends before it starts")]
    [InlineData("      end: 2027-11-26", "      end: 2027-12-10", "duration-exceeds-edition", 11, 5, "cover 15 days but the Standard edition's service lasts at most 10 days")]
    [InlineData("      start: 2027-11-26", "      start: 2027-11-26T08:00+01:00", "invalid-value", 12, 14, "write local time without an offset")]
    [InlineData("  time_zone: America/New_York", "  time_zone: America/NewYork", "invalid-value", 6, 14, "did you mean 'America/New_York'?")]
    [InlineData("  country: US", "  country: CA", "calendar-missing", 5, 12, "never guesses holiday dates")]
    [InlineData("  name: Launch", "  name: [Launch]", "wrong-type", 2, 9, "expected text, found a list")]
    [InlineData("  customer: Acme", "", "missing-key", 2, 3, "'customer' is required here")]
    [InlineData("  edition: standard", "  edition: standard\n  services: [database-optimization]", "service-not-in-edition", 5, 13, "the cheapest edition that includes it is Advanced")]
    [InlineData("  edition: standard", "  edition: custom", "missing-key", 2, 3, "a Custom edition lists the services it buys")]
    [InlineData("  edition: standard", "  edition: standard\n  members:\n    - name: A\n      email: not-an-address\n      role: customer-project-manager", "invalid-value", 7, 14, "is not an e-mail address")]
    [InlineData("  edition: standard", "  edition: standard\n  members:\n    - name: A\n      email: a@x.example\n      role: service-manager\n      party: customer", "impossible-value", 9, 14, "a service-manager is on the provider side")]
    public void Parse_BrokenFile_ReportsALocatedProblem(string find, string replace, string code, int line, int column, string words)
    {
        Assert.Contains(find, Valid);
        var e = Invalid(Valid.Replace(find, replace, StringComparison.Ordinal));
        var problem = e.Problems.FirstOrDefault(p => p.Code == code)
            ?? throw new Xunit.Sdk.XunitException($"no '{code}' problem; got: {string.Join(" | ", e.Problems)}");
        Assert.Equal("hypercare.yaml", problem.Location!.File);
        Assert.Equal((line, column), (problem.Location.Line, problem.Location.Column));
        Assert.Contains(words, problem.ToString());
    }

    [Fact]
    public void Parse_NotYaml_ReportsTheSyntaxErrorWithItsPosition()
    {
        var e = Invalid("engagement:\n  name: \"unterminated\n  customer: Acme\n");
        var problem = Assert.Single(e.Problems);
        Assert.Equal("yaml-syntax", problem.Code);
        Assert.True(problem.Location!.Line >= 2, problem.ToString());
    }

    [Fact]
    public void Parse_TabIndentation_IsASyntaxError()
    {
        Assert.Equal("yaml-syntax", Invalid("engagement:\n\tname: x\n").Problems[0].Code);
    }

    [Fact]
    public void Parse_EmptyFile_SaysWhatToWrite()
    {
        var problem = Assert.Single(Invalid("").Problems);
        Assert.Equal("empty-document", problem.Code);
    }

    [Fact]
    public void Parse_RootIsAList_IsAWrongType()
    {
        Assert.Equal("wrong-type", Invalid("- engagement\n").Problems[0].Code);
    }

    [Fact]
    public void Parse_SectionOfAModuleNotBuiltYet_SaysSo()
    {
        var problem = Invalid(Valid + "\nwarroom:\n  schedule: []\n").Problems.Single();
        Assert.Equal("section-not-supported", problem.Code);
        Assert.Contains("the war room, which this version of Hypercare does not have yet", problem.Message);
        Assert.Equal(21, problem.Location!.Line);
    }

    [Fact]
    public void Parse_SectionOfAModuleThatTakesItsInputsOnTheCommandLine_SaysWhereToGiveThem()
    {
        var problem = Invalid(Valid + "\ndatabases:\n  slow_logs: [slow.log]\n").Problems.Single();
        Assert.Equal("section-not-supported", problem.Code);
        Assert.Equal("the 'databases' section is not read from the file in this version", problem.Message);
        Assert.Contains("hypercare db digest LOG...", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTopLevelSection_SuggestsTheClosest()
    {
        var problem = Invalid(Valid + "\nobjectivs:\n  peak_rps: 1/s\n").Problems.Single();
        Assert.Equal("unknown-key", problem.Code);
        Assert.Equal("did you mean 'objectives'?", problem.Hint);
    }

    [Fact]
    public void Parse_DuplicateKey_IsReported()
    {
        var e = Invalid(Valid.Replace("  customer: Acme", "  customer: Acme\n  customer: Other", StringComparison.Ordinal));
        Assert.Equal("yaml-syntax", e.Problems[0].Code);
        Assert.Equal(4, e.Problems[0].Location!.Line);
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReportedAtOnce()
    {
        var broken = Valid.Replace("edition: standard", "edition: gold", StringComparison.Ordinal).Replace("peak_rps: 2000/s", "peak_rps: fast", StringComparison.Ordinal);
        Assert.Equal(2, Invalid(broken).Problems.Count);
    }

    [Fact]
    public void Parse_TopologyRules_AreChecked()
    {
        var text = Valid + """

            topology:
              tiers:
                - name: web
                  role: service
                  instances: 20
                  scaling: { min: 2, max: 10 }
                - name: web
                  role: databse
                  instances: 1
            """;
        var codes = Invalid(text).Problems.Select(p => (p.Code, p.Location!.Line)).ToList();
        Assert.Contains(("impossible-value", 24), codes);
        Assert.Contains(("invalid-value", 27), codes);
    }

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var e = Assert.Throws<BadInputException>(() => EngagementFileLoader.Load("/nonexistent/hypercare.yaml"));
        Assert.Equal("file-unreadable", e.Problems[0].Code);
        Assert.Equal("/nonexistent/hypercare.yaml", e.Problems[0].Location!.File);
    }

    [Fact]
    public void Load_TheSampleShop_IsValidAndMatchesTheBrief()
    {
        var d = TestEngagements.SampleFile().Definition;
        Assert.Equal(Hypercare.Engagements.Catalog.Edition.Standard, d.Edition);
        Assert.Equal("America/New_York", d.TimeZone);
        Assert.Equal("US", d.Country);
        Assert.Equal(new NodaTime.LocalDate(2027, 11, 25), d.KeyPhases.Min(p => p.Start).Date);
        Assert.Equal(new NodaTime.LocalDate(2027, 12, 1), d.KeyPhases.Max(p => p.End).Date);
        Assert.Equal(2000, d.Objectives!.PeakRate.PerSecond);
        Assert.Equal(500, d.Objectives.PeakConcurrentUsers);
        Assert.Equal(10, d.Objectives.Ramp!.Factor);
        Assert.Equal(TimeSpan.FromMinutes(10), d.Objectives.Ramp.Within);
        Assert.Equal(new Hypercare.Engagements.Requests.ServiceRequest(new(2027, 9, 1), new(2027, 10, 1), false), d.Request);
    }
}
