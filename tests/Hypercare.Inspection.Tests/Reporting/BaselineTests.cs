using Hypercare.Core.Problems;
using Hypercare.Inspection.Baselines;
using Hypercare.Inventory.Terraform;

namespace Hypercare.Inspection.Tests.Reporting;

public sealed class BaselineTests
{
    private static readonly DateTimeOffset Now = new(2027, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private const string Estate = """
        resource "alicloud_security_group_rule" "ssh" {
          type = "ingress"
          ip_protocol = "tcp"
          port_range = "22/22"
          cidr_ip = "0.0.0.0/0"
        }
        resource "alicloud_security_group_rule" "mysql" {
          type = "ingress"
          ip_protocol = "tcp"
          port_range = "3306/3306"
          cidr_ip = "0.0.0.0/0"
        }
        resource "alicloud_db_instance" "d" {
          category = "Basic"
        }
        """;

    private static IReadOnlyList<Finding> Findings() =>
        Inspector.Run(new InspectionContext(ConfigurationReader.ReadFiles(new Dictionary<string, string> { ["main.tf"] = Estate }), EventTargets.None))
            .Where(f => f.Outcome == Outcome.Fail && f.Rule.Id is "HC-ALI-SEC-001" or "HC-ALI-AVL-003").ToList();

    private static Baseline Parse(string yaml) => Baseline.Parse("baseline.yaml", yaml, Inspector.Rules.Select(r => r.Id), Now);

    [Fact]
    public void AnAcceptedFinding_StopsCounting_AnExpiredOneCountsAgain_AndAnUnusedEntryIsReported()
    {
        var baseline = Parse("""
            accepted:
              - rule: HC-ALI-SEC-001
                resource: alicloud_security_group_rule.ssh
                reason: the bastion's SSH is limited by the cloud firewall in front of it
                accepted_by: Lena Fischer
                expires: 2027-12-08
              - rule: HC-ALI-AVL-003
                reason: the reporting database may be down for an hour during the event
                expires: 2027-11-19
              - rule: HC-ALI-SEC-001
                resource: alicloud_security_group_rule.redis
                reason: the cache port was opened for a migration last spring
                expires: 2027-12-08
            """);
        var result = baseline.Apply(Findings(), Now);

        var accepted = Assert.Single(result.Accepted);
        Assert.Equal(("alicloud_security_group_rule.ssh", "Lena Fischer"), (accepted.Finding.Resource, accepted.Entry.AcceptedBy));
        Assert.Equal(["alicloud_db_instance.d", "alicloud_security_group_rule.mysql"], result.Findings.Where(f => f.Outcome == Outcome.Fail).Select(f => f.Resource).Order(StringComparer.Ordinal));
        Assert.Equal("alicloud_db_instance.d", Assert.Single(result.Expired).Finding.Resource);
        var unused = Assert.Single(result.Unused);
        Assert.Equal(("alicloud_security_group_rule.redis", 10), (unused.Resource, unused.Location.Line));
    }

    [Fact]
    public void AnEntryWithoutResource_AcceptsTheRuleOnEveryResource_UntilTheEndOfItsLastDay()
    {
        var baseline = Parse("accepted:\n  - rule: HC-ALI-SEC-001\n    reason: the whole estate sits behind the customer's own firewall\n    expires: 2027-11-20\n");
        Assert.Equal(2, baseline.Apply(Findings(), Now.AddHours(14)).Accepted.Count);
        Assert.Empty(baseline.Apply(Findings(), Now.AddDays(1)).Accepted);
    }

    [Fact]
    public void Mistakes_AreReportedWithTheirLineAndColumn_AndWhatWouldFixThem()
    {
        var e = Assert.Throws<BadInputException>(() => Parse("""
            accepted:
              - rule: HC-ALI-SEC-999
                reason: because
                expires: 2029-01-01
              - rule: HC-ALI-SEC-001
                expires: 2027-12-01
                resouce: alicloud_security_group_rule.ssh
            """));
        Assert.Collection(e.Problems,
            p => Assert.Equal(("unknown-rule", 2, 11), (p.Code, p.Location!.Line, p.Location.Column)),
            p => Assert.Equal(("impossible-value", 3, 13), (p.Code, p.Location!.Line, p.Location.Column)),
            p => Assert.Equal(("impossible-value", 4, 14), (p.Code, p.Location!.Line, p.Location.Column)),
            p => Assert.Equal(("missing-key", 5, 5), (p.Code, p.Location!.Line, p.Location.Column)),
            p => Assert.Equal(("unknown-key", 7, 5), (p.Code, p.Location!.Line, p.Location.Column)));
        Assert.Contains("did you mean 'resource'", e.Problems[^1].Hint, StringComparison.Ordinal);
    }
}
