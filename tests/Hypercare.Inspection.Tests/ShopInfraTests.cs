using Hypercare.Inventory;

namespace Hypercare.Inspection.Tests;

public sealed class ShopInfraTests
{
    private static readonly EventTargets BlackFriday = new(PeakRate: 2000, Headroom: 0.3, PeakEgressMbps: 800, EventEnd: new DateTimeOffset(2027, 11, 30, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TheSampleShopsRisks_AreFound_MostSevereFirst()
    {
        var graph = InventoryReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "shop-infra"));
        Assert.Empty(graph.Problems);
        var findings = Inspector.Run(new InspectionContext(graph, BlackFriday));
        var failed = findings.Where(f => f.Outcome == Outcome.Fail).Select(f => (f.Rule.Id, f.Resource)).ToList();
        Assert.Equal(
        [
            ("HC-ALI-CAP-002", "alicloud_slb_load_balancer.web"),
            ("HC-ALI-SEC-001", "alicloud_security_group_rule.web_ssh"),
            ("HC-ALI-SEC-002", "alicloud_security_group_rule.data_debug"),
            ("HC-ALI-AVL-001", "alicloud_slb_listener.http"),
            ("HC-ALI-AVL-002", "alicloud_ess_scaling_group.web"),
            ("HC-ALI-AVL-003", "alicloud_db_instance.orders"),
            ("HC-ALI-CAP-001", "alicloud_ess_scaling_configuration.web"),
            ("HC-ALI-CAP-004", "alicloud_eip_address.nat"),
            ("HC-ALI-CAP-007", "alicloud_kvstore_instance.sessions"),
            ("HC-ALI-CAP-012", "alicloud_ess_scaling_group.web"),
            ("HC-ALI-OBS-001", "alicloud_db_instance.orders"),
            ("HC-ALI-OBS-001", "alicloud_kvstore_instance.sessions"),
            ("HC-ALI-OBS-001", "alicloud_slb_load_balancer.web"),
            ("HC-ALI-AVL-004", "alicloud_kvstore_instance.sessions"),
            ("HC-ALI-BAK-009", "alicloud_db_instance.orders"),
            ("HC-ALI-CAP-005", "alicloud_db_instance.orders"),
            ("HC-ALI-CAP-010", "alicloud_db_instance.orders"),
            ("HC-ALI-CAP-017", "alicloud_ess_scaling_configuration.web"),
            ("HC-ALI-OBS-002", "alicloud_db_instance.orders"),
            ("HC-ALI-OBS-004", "alicloud_db_instance.orders"),
            ("HC-ALI-SEC-008", "alicloud_slb_load_balancer.web"),
            ("HC-ALI-SEC-011", "alicloud_db_instance.orders"),
            ("HC-ALI-BAK-004", "alicloud_kvstore_instance.sessions"),
            ("HC-ALI-OBS-005", "alicloud_ess_scaling_group.web"),
        ], failed);
        // Without a capacity search the ceiling cannot be judged; without the state, the bastion's expiry neither; nor the
        // load balancer's connections without the peak concurrency, nor an enhanced NAT gateway's limit (not in the catalog).
        Assert.Contains(findings, f => f is { Outcome: Outcome.CouldNotVerify, Rule.Id: "HC-ALI-CAP-003" });
        Assert.Contains(findings, f => f is { Outcome: Outcome.CouldNotVerify, Rule.Id: "HC-ALI-EXP-001", Resource: "alicloud_instance.bastion" });
        Assert.Contains(findings, f => f is { Outcome: Outcome.CouldNotVerify, Rule.Id: "HC-ALI-CAP-009", Resource: "alicloud_slb_load_balancer.web" });
        Assert.Contains(findings, f => f is { Outcome: Outcome.CouldNotVerify, Rule.Id: "HC-ALI-CAP-008", Resource: "alicloud_nat_gateway.main" });
        var ssh = findings.Single(f => f.Rule.Id == "HC-ALI-SEC-001");
        Assert.EndsWith("network.tf", ssh.Location!.File!, StringComparison.Ordinal);
    }

    [Fact]
    public void TheState_TellsTheBastionsExpiry()
    {
        var graph = InventoryReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "shop-state", "terraform.tfstate"));
        var expiry = Inspector.Run(new InspectionContext(graph, BlackFriday)).Single(f => f.Rule.Id == "HC-ALI-EXP-001");
        Assert.Equal((Outcome.Fail, "alicloud_instance.bastion"), (expiry.Outcome, expiry.Resource));
        Assert.StartsWith("expires 2027-10-31 16:00 UTC, before the event's end", expiry.Message, StringComparison.Ordinal);
        Assert.Equal("resources[16].instances[0].attributes.expired_time", expiry.Location!.Path);
    }
}
