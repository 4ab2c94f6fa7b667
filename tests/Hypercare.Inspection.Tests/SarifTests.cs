using System.Text.Json.Nodes;
using Hypercare.Inspection.Sarif;
using Hypercare.Inventory;

namespace Hypercare.Inspection.Tests;

/// <summary>Skips when the SARIF schema was not fetched (./test.sh fetches it), except under CI=true, where that is a failure.</summary>
public sealed class SarifSchemaFactAttribute : FactAttribute
{
    public static string? SchemaPath => Environment.GetEnvironmentVariable("HYPERCARE_SARIF_SCHEMA") is { Length: > 0 } p && File.Exists(p) ? p : null;

    public SarifSchemaFactAttribute()
    {
        if (SchemaPath is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "the SARIF 2.1.0 schema was not fetched (./test.sh fetches it with npm)";
    }
}

public sealed class SarifTests
{
    private static readonly EventTargets BlackFriday = new(PeakRate: 2000, Headroom: 0.3, PeakEgressMbps: 800, EventEnd: new DateTimeOffset(2027, 11, 30, 5, 0, 0, TimeSpan.Zero));

    private static (string Root, string Sarif) ShopSarif()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "TestData", "shop-infra");
        var findings = Inspector.Run(new InspectionContext(InventoryReader.Read(root), BlackFriday));
        return (root, SarifWriter.Write(findings, Inspector.Rules, root, "1.0.0"));
    }

    [SarifSchemaFact]
    public async Task TheShopsFindings_AreValidSarif()
    {
        Assert.NotNull(SarifSchemaFactAttribute.SchemaPath);
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(SarifSchemaFactAttribute.SchemaPath!));
        var errors = schema.Validate(ShopSarif().Sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} {e.Property}")));

        // The check can fail: a result without its message is refused.
        var broken = JsonNode.Parse(ShopSarif().Sarif)!;
        broken["runs"]![0]!["results"]![0]!.AsObject().Remove("message");
        Assert.NotEmpty(schema.Validate(broken.ToJsonString()));
    }

    [Fact]
    public void EachResult_NamesItsResource_InTheMessageAndLogicalLocation_WithItsFileAndLine()
    {
        var log = JsonNode.Parse(ShopSarif().Sarif)!;
        var run = log["runs"]![0]!;
        Assert.Equal("2.1.0", log["version"]!.GetValue<string>());
        Assert.Equal(Inspector.Rules.Count, run["tool"]!["driver"]!["rules"]!.AsArray().Count);
        var ssh = run["results"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "HC-ALI-SEC-001")!;
        Assert.Equal(("fail", "error"), (ssh["kind"]!.GetValue<string>(), ssh["level"]!.GetValue<string>()));
        Assert.StartsWith("alicloud_security_group_rule.web_ssh: ", ssh["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var location = ssh["locations"]![0]!;
        Assert.Equal("alicloud_security_group_rule.web_ssh", location["logicalLocations"]![0]!["fullyQualifiedName"]!.GetValue<string>());
        Assert.Equal("network.tf", location["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal(70, location["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>());
        var review = run["results"]!.AsArray().First(r => r!["kind"]!.GetValue<string>() == "review")!;
        Assert.Equal("none", review["level"]!.GetValue<string>());
        Assert.Contains("could not verify", review["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
