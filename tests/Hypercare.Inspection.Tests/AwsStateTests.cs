using System.Text.Json;
using Hypercare.Inventory.TerraformState;

namespace Hypercare.Inspection.Tests;

/// <summary>AWS rules over a state file, where unset strings are stored as "" and an imported certificate's body as a hash.</summary>
public sealed class AwsStateTests
{
    private const string State = """
        {
          "version": 4, "terraform_version": "1.9.5", "serial": 3, "lineage": "0d5c4a1e-7b1f-4c57-9a55-2f1f6b0e9a11", "outputs": {},
          "resources": [
            { "mode": "managed", "type": "aws_db_instance", "name": "orders", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
              "instances": [ { "schema_version": 2, "attributes": { "id": "db-ABC", "identifier": "shop-orders", "engine": "postgres", "replicate_source_db": "", "backup_retention_period": 0, "deletion_protection": false } } ] },
            { "mode": "managed", "type": "aws_elasticache_cluster", "name": "sessions", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
              "instances": [ { "schema_version": 0, "attributes": { "id": "sessions", "engine": "redis", "replication_group_id": "", "snapshot_retention_limit": 0 } } ] },
            { "mode": "managed", "type": "aws_acm_certificate", "name": "shop", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
              "instances": [ { "schema_version": 0, "attributes": { "id": "arn:aws:acm:eu-west-1:123456789012:certificate/1", "type": "IMPORTED", "certificate_body": "3f786850e387550fdab836ed7e6dc881de23001b", "not_after": "2027-11-20T12:00:00Z" } } ] },
            { "mode": "managed", "type": "aws_acm_certificate", "name": "issued", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
              "instances": [ { "schema_version": 0, "attributes": { "id": "arn:aws:acm:eu-west-1:123456789012:certificate/2", "type": "AMAZON_ISSUED", "certificate_body": null, "not_after": "2027-11-02T23:59:59Z" } } ] }
          ]
        }
        """;

    private static readonly EventTargets Event = new(PeakRate: 2000, EventEnd: new DateTimeOffset(2027, 12, 1, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public void EmptyStrings_InTheState_AreNotSettings_AndTheCertificatesEndComesFromNotAfter()
    {
        using var document = JsonDocument.Parse(State);
        var graph = StateReader.Read("terraform.tfstate", document);
        Assert.Empty(graph.Problems);
        var findings = Inspector.Run(new InspectionContext(graph, Event)).Where(f => f.Rule.Provider == "aws").ToList();
        Assert.All(findings, f => Assert.Equal(Outcome.Fail, f.Outcome));
        var found = findings.Select(f => (f.Rule.Id, f.Resource)).ToHashSet();
        Assert.Contains(("HC-AWS-BAK-001", "aws_db_instance.orders"), found);
        Assert.Contains(("HC-AWS-BAK-002", "aws_db_instance.orders"), found);
        Assert.Contains(("HC-AWS-BAK-004", "aws_elasticache_cluster.sessions"), found);
        var certificate = Assert.Single(findings, f => f.Rule.Id == "HC-AWS-EXP-001");
        Assert.StartsWith("the certificate expires 2027-11-20 12:00 UTC", certificate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheEventsNumbers_TheCeilingAndTheCertificate_CouldNotBeVerified_NamingWhatIsMissing()
    {
        var graph = Inventory.Terraform.ConfigurationReader.ReadFiles(new Dictionary<string, string>
        {
            ["main.tf"] = RuleFixtureTests.Fixtures["HC-AWS-CAP-002"].Fails + "\n" + RuleFixtureTests.Fixtures["HC-AWS-EXP-001"].Fails,
        });
        var findings = Inspector.Run(new InspectionContext(graph, EventTargets.None)).Where(f => f.Rule.Id is "HC-AWS-CAP-002" or "HC-AWS-EXP-001").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Outcome.CouldNotVerify, f.Outcome));
        Assert.Contains(findings, f => f.Message.EndsWith("the event's peak rate is not given", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.EndsWith("the event's end is not given", StringComparison.Ordinal));
        var perInstance = Inspector.Run(new InspectionContext(graph, new EventTargets(PeakRate: 2000)), [Inspector.Rules.Single(r => r.Id == "HC-AWS-CAP-002")]);
        Assert.Contains("the per-instance rate", Assert.Single(perInstance).Message, StringComparison.Ordinal);
    }
}

/// <summary>Source ranges unknown as a whole: the exposure rules cannot tell what they open, and say so.</summary>
public sealed class AwsUnknownSourceListTests
{
    [Fact]
    public void ASecurityGroupWhoseCidrBlocksAreUnknown_CouldNotBeVerified_ByEitherExposureRule()
    {
        var graph = Inventory.Terraform.ConfigurationReader.ReadFiles(new Dictionary<string, string>
        {
            ["main.tf"] = "variable \"ranges\" {}\nresource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n    cidr_blocks = var.ranges\n  }\n}\n",
        });
        var findings = Inspector.Run(new InspectionContext(graph, EventTargets.None), Inspector.Rules.Where(r => r.Id is "HC-AWS-SEC-001" or "HC-AWS-SEC-002"));
        Assert.Equal(["HC-AWS-SEC-001", "HC-AWS-SEC-002"], findings.Select(f => f.Rule.Id).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(Outcome.CouldNotVerify, f.Outcome));
    }
}
