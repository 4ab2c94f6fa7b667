using System.Text.Json;
using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.Objectives;
using NodaTime;
using YamlDotNet.RepresentationModel;

namespace Hypercare.Engagements.Tests.Files;

/// <summary>An engagement written by <see cref="EngagementFileWriter"/> loads back into an equal definition.</summary>
public class EngagementFileWriterTests
{
    private static readonly string[] AwkwardTexts =
    [
        "Black Friday: the sequel", "#1 Shop", "a #b", "trailing:", "yes", "No", "ON", "null", "~", "true", "123", "0x1F", "1e3", "-5",
        ".inf", "1_000", "12:30", "2027-11-25", "<<", " leading space", "trailing space ", "Zoë Ångström 王芳 🚀", "multi\nline",
        "tab\there", "O'Brien \"quoted\" \\ backslash", "- dash", "@handle", "[bracket]", "{brace}", "a, b", "*star", "&anchor",
        "!tag", "|pipe", ">fold", "%percent", "`tick", "?question", "next\u0085line\u2028separator", "nbsp\u00A0inside", "\u00A0nbsp first",
        "bell\u0007", "---", "...", "'single'", "\"double\"", "=", "db:pool", "key:value",
    ];

    private static EngagementFile Sample() => EngagementFileLoader.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml"));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, EngagementJson.Options);

    private static LocalDateTime At(int month, int day, int hour = 0, int minute = 0) => new(2027, month, day, hour, minute);

    /// <summary>Writes, parses back (from <paramref name="directory"/> when given), and compares everything as stored JSON.</summary>
    private static (string Text, EngagementFile Loaded) RoundTrip(EngagementDefinition definition, IReadOnlyList<GrantedAuthorization>? authorizations = null,
        IReadOnlyList<ProvidedPrerequisite>? prerequisites = null, string? directory = null, EngagementDefinition? expected = null)
    {
        var text = EngagementFileWriter.Write(definition, authorizations, prerequisites);
        EngagementFile loaded;
        try
        {
            if (directory is null) loaded = EngagementFileLoader.Parse("exported.yaml", text, AppContext.BaseDirectory);
            else
            {
                var path = Path.Combine(directory, "hypercare.yaml");
                File.WriteAllText(path, text);
                foreach (var (name, content) in EngagementFileWriter.CompanionFiles(definition)) File.WriteAllText(Path.Combine(directory, name), content);
                loaded = EngagementFileLoader.Load(path);
            }
        }
        catch (BadInputException e)
        {
            Assert.Fail($"the written file does not load:\n{e.Message}\n--- written\n{text}");
            throw;
        }
        Same(Json(expected ?? definition), Json(loaded.Definition), text);
        Same(Json(authorizations ?? []), Json(loaded.Authorizations), text);
        Same(Json(prerequisites ?? []), Json(loaded.Prerequisites), text);
        return (text, loaded);
    }

    private static void Same(string expected, string actual, string text)
    {
        if (expected != actual) Assert.Fail($"read back differently\n--- expected\n{expected}\n--- actual\n{actual}\n--- written\n{text}");
    }

    [Fact]
    public void Sample_RoundTrips_InTheSamplesLayout()
    {
        var sample = Sample();
        var (text, _) = RoundTrip(sample.Definition, sample.Authorizations, sample.Prerequisites);

        Assert.StartsWith("engagement:\n  name: Sample Shop Black Friday 2027\n  customer: Sample Shop Inc.\n  provider: Hypercare Services\n  edition: standard\n  country: US\n  time_zone: America/New_York\n", text, StringComparison.Ordinal);
        Assert.Contains("  key_phases:\n    - name: Thanksgiving warm-up\n      start: 2027-11-25T00:00\n      end: 2027-11-26T00:00\n", text, StringComparison.Ordinal);
        // A phase written with whole dates ends at the next midnight.
        Assert.Contains("    - name: Cyber weekend and Cyber Monday\n      start: 2027-11-27T00:00\n      end: 2027-12-01T00:00\n", text, StringComparison.Ordinal);
        Assert.Contains("  expires: 2027-12-31T23:59\n", text, StringComparison.Ordinal);
        Assert.Contains("    - name: Priya Raman\n      email: priya.raman@shop.example\n      role: observer\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("party:", text, StringComparison.Ordinal);
        Assert.Contains("\n\nobjectives:\n  peak_rps: 2000/s\n  peak_concurrent_users: 500\n  latency:\n    p95: 150ms\n    p99: 300ms\n  error_budget: 0.1%\n  ramp: 10x in 10m\n  peak_egress: 800Mbps\n", text, StringComparison.Ordinal);
        Assert.Contains("      path: /api/products/{id}\n      peak_rps: 1200/s\n      latency:\n        p99: 200ms\n", text, StringComparison.Ordinal);
        Assert.Contains("\n\nscope:\n  targets:\n    - url: http://127.0.0.1:8080\n      note: the sample shop, started by the demo on loopback\n  hosts: [127.0.0.1]\n  ports: [8080]\n", text, StringComparison.Ordinal);
        Assert.Contains("      scaling: { min: 4, max: 16, scale_out_time: 3m }\n      pools: { db_connections: 40, http_threads: 200 }\n      metrics: [http://127.0.0.1:8080/metrics, http://127.0.0.1:9100/metrics]\n      zones: [us-east-1a, us-east-1b]\n", text, StringComparison.Ordinal);
        Assert.Empty(EngagementFileWriter.CompanionFiles(sample.Definition));
    }

    [Fact]
    public void CustomEdition_KeepsItsServicesAndNegotiatedDuration()
    {
        var d = Sample().Definition with
        {
            Edition = Edition.Custom,
            CustomServices = [ServiceKind.StressTesting, ServiceKind.ReadinessAssessment, ServiceKind.EventSummary],
            NegotiatedDurationDays = 7,
        };
        var (text, _) = RoundTrip(d);
        Assert.Contains("  edition: custom\n  services: [stress-testing, readiness-assessment, event-summary]\n  negotiated_duration_days: 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiTargets_WithLatencyAndFractionalRates_ReadBackExactly()
    {
        var sample = Sample().Definition;
        var objectives = sample.Objectives! with
        {
            PeakRate = new Rate(2500.25),
            Latency = [new LatencySlo(50, TimeSpan.FromMilliseconds(20)), new LatencySlo(99.9, TimeSpan.FromMilliseconds(1250)), new LatencySlo(99.99, TimeSpan.FromSeconds(3))],
            Apis =
            [
                new ApiTarget("search", "PUT", "/api/search?q={term}&page=2", new Rate(1.5), [new LatencySlo(90, TimeSpan.FromMilliseconds(0.25)), new LatencySlo(99, TimeSpan.FromMilliseconds(75.5))]),
                new ApiTarget("per minute", "PATCH", "/api/minute", new Rate(100 / 60.0), []),
                new ApiTarget("per hour", "DELETE", "/api/hour", new Rate(1_500_000 / 3600.0), [new LatencySlo(99, TimeSpan.FromMinutes(2))]),
                new ApiTarget("no rate", "GET", "/", null, []),
            ],
        };
        var (text, _) = RoundTrip(sample with { Objectives = objectives });
        Assert.Contains("  peak_rps: 2500.25/s\n", text, StringComparison.Ordinal);
        Assert.Contains("      peak_rps: 1.5/s\n", text, StringComparison.Ordinal);
        Assert.Contains("      peak_rps: 100/min\n", text, StringComparison.Ordinal);
        Assert.Contains("    p99.9: 1.25s\n", text, StringComparison.Ordinal);
        Assert.Contains("        p90: 0.25ms\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 600_000, "10x in 10m")]
    [InlineData(2.5, 5_400_000, "2.5x in 1h30m")]
    [InlineData(1.05, 90_500, "1.05x in 1m30s500ms")]
    public void Ramp_ReadsBackExactly_EvenWhereTheShortFormWouldRound(double factor, double milliseconds, string written)
    {
        var sample = Sample().Definition;
        var d = sample with { Objectives = sample.Objectives! with { Ramp = new TrafficRamp(factor, TimeSpan.FromMilliseconds(milliseconds)) } };
        var (text, _) = RoundTrip(d);
        Assert.Contains($"  ramp: {written}\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8e8, "800Mbps")]
    [InlineData(1.5e9, "1.5Gbps")]
    [InlineData(2500, "2.5kbps")]
    [InlineData(123_456_789, "123456.789kbps")]
    [InlineData(123_456_789.5, "123456789.5bps")]
    [InlineData(0.5, "0.5bps")]
    public void Bandwidth_UsesTheLargestExactUnit(double bitsPerSecond, string written)
    {
        var sample = Sample().Definition;
        var d = sample with { Objectives = sample.Objectives! with { PeakEgress = new Bandwidth(bitsPerSecond), ErrorBudget = new Percentage(0.005) } };
        var (text, _) = RoundTrip(d);
        Assert.Contains($"  peak_egress: {written}\n", text, StringComparison.Ordinal);
        Assert.Contains("  error_budget: 0.005%\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoObjectivesScopeOrTopology_WritesOnlyTheEngagement()
    {
        var d = Sample().Definition with { Objectives = null, Scope = Scope.Empty, Topology = Topology.Empty, Expires = null };
        var (text, _) = RoundTrip(d);
        Assert.DoesNotContain("objectives:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("scope:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("topology:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("expires:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeWithOnlyHosts_AndKeyPhasesToTheSecond_RoundTrip()
    {
        var d = Sample().Definition with
        {
            Scope = new Scope([], ["shop.example", "yes", "a,b", "[x]", "10.0.0.1"], [], new StressEnvironment("staging\nsized at one third", null)),
            KeyPhases = [new KeyPhase("Doors open", new LocalDateTime(2027, 11, 26, 0, 0, 30), new LocalDateTime(2027, 11, 26, 6, 15).PlusNanoseconds(500_000_000))],
            Expires = new LocalDateTime(2027, 12, 31, 23, 59, 59),
        };
        var (text, _) = RoundTrip(d);
        Assert.Contains("  hosts: [shop.example, 'yes', 'a,b', '[x]', 10.0.0.1]\n", text, StringComparison.Ordinal);
        Assert.Contains("      start: 2027-11-26T00:00:30\n      end: 2027-11-26T06:15:00.5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Topology_WithScalingPoolsMetricsAndZones_RoundTrips()
    {
        var metrics = Enumerable.Range(1, 4).Select(i => new Uri($"https://metrics-{i}.shop.example:9100/metrics?tier=web&instance={i}")).ToList();
        var d = Sample().Definition with
        {
            Topology = new Topology(
            [
                new Tier("gateway: public", TierRole.Gateway, 0, new Scaling(0, 3, TimeSpan.FromSeconds(45)), new Dictionary<string, long>(), [], ["eu-west-1a", "yes", "1"]),
                new Tier("workers", TierRole.Queue, 5, new Scaling(2, 50, null), new Dictionary<string, long> { ["max connections"] = 10, ["db:pool"] = 1, ["#threads"] = 64, ["yes"] = 2 }, metrics, []),
                new Tier("cdn", TierRole.Cdn, 1, null, new Dictionary<string, long>(), [new Uri("http://127.0.0.1:9100/metrics")], []),
                new Tier("blobs", TierRole.Storage, 3, null, new Dictionary<string, long> { ["long_pool_name_number_one"] = 1_000_000, ["long_pool_name_number_two"] = 2_000_000, ["long_pool_name_number_three"] = 3 }, [], ["z"]),
            ]),
        };
        var (text, _) = RoundTrip(d);
        Assert.Contains("    - name: 'gateway: public'\n      role: gateway\n      instances: 0\n      scaling: { min: 0, max: 3, scale_out_time: 45s }\n      zones: [eu-west-1a, 'yes', '1']\n", text, StringComparison.Ordinal);
        Assert.Contains("      scaling: { min: 2, max: 50 }\n      pools: { max connections: 10, 'db:pool': 1, '#threads': 64, 'yes': 2 }\n      metrics:\n        - https://metrics-1.shop.example", text, StringComparison.Ordinal);
        Assert.Contains("      pools:\n        long_pool_name_number_one: 1000000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_ThatNeedQuoting_ReadBackAsTheyWere()
    {
        var sample = Sample().Definition;
        var members = sample.Members.Select(m => m.Name == "Dana Whitfield" ? m with { Name = "Zoë Ångström: PM #1" } : m).ToList();
        members.Add(new Member("yes", "'quoted'@shop.example", MemberRole.CustomerEngineer, Party.Customer));
        var d = sample with
        {
            Name = "Black Friday: the sequel",
            Customer = "#1 Shop",
            Provider = "yes",
            KeyPhases = AwkwardTexts.Select(t => new KeyPhase(t, At(11, 26), At(11, 27))).ToList(),
            Members = members,
            Objectives = sample.Objectives! with { Apis = [new ApiTarget("null", "POST", "/api/checkout: now #1", null, [])] },
            Scope = sample.Scope with { Targets = [new ScopeTarget(new Uri("http://127.0.0.1:8080/a b?x=1#frag"), "true")], Hosts = AwkwardTexts },
            Topology = new Topology(AwkwardTexts.Select((t, i) => new Tier(t, TierRole.Service, 1, null, new Dictionary<string, long> { [t] = i + 1 }, [], [t])).ToList()),
        };
        var authorizations = new[] { new GrantedAuthorization(AuthorizationKind.VirusDetection, "Zoë Ångström: PM #1", new DateTimeOffset(2027, 8, 30, 10, 0, 0, TimeSpan.FromHours(-4)), "null") };
        var prerequisites = new[] { new ProvidedPrerequisite(PrerequisiteKind.Sites, "yes", new DateTimeOffset(2027, 8, 30, 10, 0, 0, TimeSpan.Zero), "line one\nline two: \"quoted\"") };
        var (text, _) = RoundTrip(d, authorizations, prerequisites);
        Assert.Contains("  name: 'Black Friday: the sequel'\n  customer: '#1 Shop'\n  provider: 'yes'\n", text, StringComparison.Ordinal);
        Assert.Contains("    - name: Zoë Ångström 王芳 🚀\n", text, StringComparison.Ordinal);
        Assert.Contains("    - name: \"multi\\nline\"\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwkwardTextData))]
    public void Scalar_ReadsBackAsTheSameText_InBlockAndFlowContext(string text)
    {
        var block = EngagementFileWriter.Scalar(text);
        var flow = EngagementFileWriter.Scalar(text, flow: true);
        var key = EngagementFileWriter.Scalar(text, flow: true, key: true);
        var stream = new YamlStream();
        stream.Load(new StringReader($"block: {block}\nflow: [{flow}, next]\nmap: {{ {key}: {flow}, other: 1 }}\n"));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var readBlock = (YamlScalarNode)root.Children[new YamlScalarNode("block")];
        Assert.Equal(text, readBlock.Value);
        var list = (YamlSequenceNode)root.Children[new YamlScalarNode("flow")];
        Assert.Equal([text, "next"], list.Children.Cast<YamlScalarNode>().Select(s => s.Value));
        var map = (YamlMappingNode)root.Children[new YamlScalarNode("map")];
        Assert.Equal(text, ((YamlScalarNode)map.Children[0].Key).Value);
        Assert.Equal(text, ((YamlScalarNode)map.Children[0].Value).Value);
        // Only text no YAML reader could take for a number, boolean, null or date stays plain.
        if (block == text) Assert.Equal(YamlDotNet.Core.ScalarStyle.Plain, readBlock.Style);
    }

    public static TheoryData<string> AwkwardTextData() => new(AwkwardTexts);

    [Theory]
    [InlineData("yes", "'yes'")]
    [InlineData("NULL", "'NULL'")]
    [InlineData("3.14", "'3.14'")]
    [InlineData("2027-11-25", "'2027-11-25'")]
    [InlineData("it's", "it's")]
    [InlineData("'quoted'", "'''quoted'''")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("http://127.0.0.1:9100/metrics", "http://127.0.0.1:9100/metrics")]
    [InlineData(" padded", "' padded'")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("Zoë 王芳", "Zoë 王芳")]
    public void Scalar_QuotesOnlyWhatNeedsIt(string text, string written) => Assert.Equal(written, EngagementFileWriter.Scalar(text));

    [Fact]
    public void ObserverOnTheProviderSide_IsWrittenWithItsParty()
    {
        var sample = Sample().Definition;
        var d = sample with { Members = [.. sample.Members, new Member("Olu Adeyemi", "olu@hypercare.example", MemberRole.Observer, Party.Provider)] };
        var (text, loaded) = RoundTrip(d);
        Assert.Contains("    - name: Olu Adeyemi\n      email: olu@hypercare.example\n      role: observer\n      party: provider\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split('\n').Count(l => l.Contains("party:", StringComparison.Ordinal)));
        Assert.Equal(Party.Provider, loaded.Definition.Members[^1].Party);
    }

    [Fact]
    public void AuthorizationsAndPrerequisites_KeepTheirOffsetsAndFractions()
    {
        var authorizations = new[]
        {
            new GrantedAuthorization(AuthorizationKind.MonitoringAndSecurityEventAnalysis, "Dana Whitfield", new DateTimeOffset(2027, 8, 30, 10, 0, 0, TimeSpan.FromHours(-4)), "consent: monitoring.pdf"),
            new GrantedAuthorization(AuthorizationKind.VirusDetection, "dana.whitfield@shop.example", new DateTimeOffset(2027, 8, 31, 9, 15, 30, TimeSpan.FromMinutes(330)).AddTicks(1_234_567), null),
            new GrantedAuthorization(AuthorizationKind.AntiDdosConfiguration, "Dana Whitfield", new DateTimeOffset(2027, 9, 1, 0, 0, 0, TimeSpan.Zero), "yes"),
        };
        var prerequisites = new[]
        {
            new ProvidedPrerequisite(PrerequisiteKind.Sites, "Sam Okafor", new DateTimeOffset(2027, 8, 30, 11, 0, 0, TimeSpan.FromHours(-4)), "HQ war room, floor 3"),
            new ProvidedPrerequisite(PrerequisiteKind.StressTestingEnvironment, "Dana Whitfield", new DateTimeOffset(2027, 8, 30, 23, 0, 0, TimeSpan.FromHours(9)), "line one\nline two"),
            new ProvidedPrerequisite(PrerequisiteKind.Permissions, "Sam Okafor", new DateTimeOffset(2027, 8, 30, 11, 0, 0, TimeSpan.FromHours(-9.5)), null),
        };
        var (text, _) = RoundTrip(Sample().Definition, authorizations, prerequisites);
        Assert.Contains("    - kind: monitoring-and-security-event-analysis\n      granted_by: Dana Whitfield\n      granted_at: 2027-08-30T10:00:00-04:00\n      reference: 'consent: monitoring.pdf'\n", text, StringComparison.Ordinal);
        Assert.Contains("      granted_at: 2027-08-31T09:15:30.1234567+05:30\n", text, StringComparison.Ordinal);
        Assert.Contains("      granted_at: 2027-09-01T00:00:00Z\n      reference: 'yes'\n", text, StringComparison.Ordinal);
        Assert.Contains("      provided_at: 2027-08-30T11:00:00-09:30\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-company-2027.yaml", "US")]
    [InlineData("cn-2024.ics", null)]
    public void CalendarFile_IsWrittenBesideTheFile_AndNamedByItsFileName(string calendarFile, string? country)
    {
        var source = Directory.CreateTempSubdirectory("hypercare-export-source-");
        var target = Directory.CreateTempSubdirectory("hypercare-export-target-");
        try
        {
            // The definition keeps the path it was read from; the export names the file alone.
            var holidays = Directory.CreateDirectory(Path.Combine(source.FullName, "holidays"));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", calendarFile), Path.Combine(holidays.FullName, calendarFile));
            var document = CalendarDocument.Load(Path.Combine(holidays.FullName, calendarFile));
            var d = Sample().Definition with { Country = country, Calendar = document };

            var companions = EngagementFileWriter.CompanionFiles(d);
            Assert.Equal([(calendarFile, document.Text)], companions);

            // Loaded again, the calendar records the place it was read from this time.
            var expected = d with { Calendar = document with { Name = Path.Combine(target.FullName, calendarFile) } };
            var (text, loaded) = RoundTrip(d, directory: target.FullName, expected: expected);
            Assert.Contains($"  # The calendar file is kept with the engagement; it must sit in the same directory as this file.\n  calendar: {calendarFile}\n", text, StringComparison.Ordinal);
            Assert.Equal(country is null ? "CN" : "US", loaded.Calendar.Country);
            Assert.Equal(document.Text, loaded.Definition.Calendar!.Text);
        }
        finally
        {
            source.Delete(recursive: true);
            target.Delete(recursive: true);
        }
    }

    [Fact]
    public void CompanionFiles_NameTheFileWithoutItsDirectory_WhereverItWasRead()
    {
        var d = Sample().Definition with { Calendar = new CalendarDocument(@"C:\engagements\shop\holidays.ics", "BEGIN:VCALENDAR") };
        Assert.Equal([("holidays.ics", "BEGIN:VCALENDAR")], EngagementFileWriter.CompanionFiles(d));
        Assert.Contains("  calendar: holidays.ics\n", EngagementFileWriter.Write(d), StringComparison.Ordinal);
    }
}
