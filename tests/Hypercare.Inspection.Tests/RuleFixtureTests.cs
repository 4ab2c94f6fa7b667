using Hypercare.Inspection.Tests.Fixtures;
using Hypercare.Inventory.Terraform;

namespace Hypercare.Inspection.Tests;

/// <summary>Every rule, with a configuration that fails it, one that passes it, and one it cannot judge.</summary>
public sealed class RuleFixtureTests
{
    private static readonly EventTargets Event = new(PeakRate: 2000, Headroom: 0.3, PeakEgressMbps: 800, EventEnd: new DateTimeOffset(2027, 12, 1, 5, 0, 0, TimeSpan.Zero), PerInstanceRate: 150, PeakConcurrency: 20000);

    /// <summary>Rule id → its fixtures, from every provider's fixture file.</summary>
    public static readonly Dictionary<string, RuleFixture> Fixtures = new[] { AlicloudFixtures.Cases, AwsFixtures.Cases, KubernetesFixtures.Cases }
        .SelectMany(d => d).ToDictionary(p => p.Key, p => p.Value);

    private static IReadOnlyList<Finding> Run(string text, Rule rule)
    {
        var graph = IsManifest(text)
            ? Inventory.Kubernetes.ManifestReader.Read("main.yaml", text)
            : ConfigurationReader.ReadFiles(new Dictionary<string, string> { ["main.tf"] = text });
        Assert.True(graph.Problems.Count == 0, string.Join("\n", graph.Problems.Select(p => p.Message)));
        return Inspector.Run(new InspectionContext(graph, Event), [rule]);
    }

    private static bool IsManifest(string text) => text.StartsWith("apiVersion:", StringComparison.Ordinal) || text.Contains("\napiVersion:", StringComparison.Ordinal);

    public static IEnumerable<object[]> RuleIds() => Inspector.Rules.Select(r => new object[] { r.Id });

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRule_FailsItsPositiveFixture_WithItsMessage_AndPassesItsNegative(string id)
    {
        var rule = Inspector.Rules.Single(r => r.Id == id);
        Assert.True(Fixtures.TryGetValue(id, out var fixture), $"{id} has no fixtures");
        var failed = Assert.Single(Run(fixture.Fails, rule));
        Assert.Equal((Outcome.Fail, fixture.Message), (failed.Outcome, failed.Message));
        Assert.Equal(IsManifest(fixture.Fails) ? "main.yaml" : "main.tf", failed.Location!.File);
        Assert.True(failed.Location.Line > 0);
        Assert.Empty(Run(fixture.Passes, rule));
        if (fixture.Unknown is { } unknown)
        {
            var unverified = Run(unknown, rule);
            Assert.NotEmpty(unverified);
            Assert.All(unverified, f => Assert.Equal(Outcome.CouldNotVerify, f.Outcome));
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRule_HasItsMetadata(string id)
    {
        var rule = Inspector.Rules.Single(r => r.Id == id);
        Assert.Matches("^HC-(ALI|AWS|K8S)-(SEC|AVL|CAP|EXP|BAK|OBS)-[0-9]{3}$", rule.Id);
        Assert.False(string.IsNullOrWhiteSpace(rule.Title));
        Assert.True(rule.Rationale.Length > 40, "a rationale says why it matters for the event");
        Assert.True(rule.Remediation.Length > 20, "a remediation says how to fix it");
        Assert.Contains(rule.Provider, new[] { "alicloud", "aws", "kubernetes" });
    }

    [Fact]
    public void WithoutTheEventsNumbers_CapacityRulesCouldNotVerify_NeverPass()
    {
        string[] estate = ["HC-ALI-CAP-002", "HC-ALI-CAP-003", "HC-ALI-CAP-006", "HC-ALI-CAP-008", "HC-ALI-CAP-013"];
        string[] needNumbers = ["HC-ALI-CAP-002", "HC-ALI-CAP-003", "HC-ALI-CAP-006", "HC-ALI-CAP-007", "HC-ALI-CAP-008", "HC-ALI-CAP-009", "HC-ALI-CAP-013"];
        var graph = ConfigurationReader.ReadFiles(new Dictionary<string, string> { ["main.tf"] = string.Concat(estate.Select(id => Fixtures[id].Fails)) });
        Assert.Empty(graph.Problems);
        var findings = Inspector.Run(new InspectionContext(graph, EventTargets.None)).Where(f => needNumbers.Contains(f.Rule.Id)).ToList();
        Assert.Equal(needNumbers, findings.Select(f => f.Rule.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(Outcome.CouldNotVerify, f.Outcome));
    }
}

/// <summary>A rule's fixtures: HCL (or Kubernetes YAML, starting with apiVersion:) that fails it, one that passes, one it cannot judge (or null), and the failure's exact message.</summary>
public sealed record RuleFixture(string Fails, string Passes, string? Unknown, string Message);
