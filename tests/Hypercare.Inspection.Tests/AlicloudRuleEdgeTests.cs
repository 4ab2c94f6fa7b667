using Hypercare.Inspection.Rules.Availability;
using Hypercare.Inspection.Rules.Capacity;
using Hypercare.Inspection.Rules.Expiry;
using Hypercare.Inspection.Rules.Security;
using Hypercare.Inventory.Terraform;

namespace Hypercare.Inspection.Tests;

/// <summary>Cases of the Alibaba Cloud rules the per-rule fixtures do not show.</summary>
public sealed class AlicloudRuleEdgeTests
{
    private static IReadOnlyList<Finding> Run(string text, Rule rule, EventTargets targets)
    {
        var graph = ConfigurationReader.ReadFiles(new Dictionary<string, string> { ["main.tf"] = text });
        Assert.Empty(graph.Problems);
        return Inspector.Run(new InspectionContext(graph, targets), [rule]);
    }

    [Fact]
    public void InstancesOfOneResourceWithCount_AreOneTier()
    {
        const string text = "resource \"alicloud_vswitch\" \"a\" {\n  zone_id = \"cn-hangzhou-h\"\n}\nresource \"alicloud_instance\" \"api\" {\n  count = 3\n  vswitch_id = alicloud_vswitch.a.id\n}\n";
        var finding = Assert.Single(Run(text, new InstanceTierInOneZone(), EventTargets.None));
        Assert.Equal((Outcome.Fail, "all 3 instances named api* are in cn-hangzhou-h"), (finding.Outcome, finding.Message));
    }

    [Fact]
    public void RedisQps_AssumesOneOperationPerRequest_WhenNotTagged()
    {
        const string text = "resource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = \"redis.logic.splitrw.small.1db.1rodb.4proxy.default\"\n}\n";
        var finding = Assert.Single(Run(text, new CacheQpsBelowPeak(), new EventTargets(PeakRate: 200000)));
        Assert.Equal(Outcome.Fail, finding.Outcome);
        Assert.Contains("assuming at least one cache operation per request, the peak of 200,000/s with 30% headroom needs 260,000", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisClassesOutsideTheCatalog_CouldNotBeVerified()
    {
        const string text = "resource \"alicloud_kvstore_instance\" \"k\" {\n  instance_class = \"redis.amber.master.4xlarge.multithread\"\n}\n";
        var finding = Assert.Single(Run(text, new CacheQpsBelowPeak(), new EventTargets(PeakRate: 2000)));
        Assert.Equal((Outcome.CouldNotVerify, "the QPS of redis.amber.master.4xlarge.multithread is not in the catalog"), (finding.Outcome, finding.Message));
    }

    [Fact]
    public void AWideRangeFromAnUnknownSource_CouldNotBeVerified()
    {
        const string text = "variable \"src\" {}\nresource \"alicloud_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  ip_protocol = \"tcp\"\n  port_range = \"8000/9000\"\n  cidr_ip = var.src\n}\n";
        var finding = Assert.Single(Run(text, new WidePortRangeOpen(), EventTargets.None));
        Assert.Equal(Outcome.CouldNotVerify, finding.Outcome);
    }

    [Fact]
    public void ASubscriptionEndingEarly_WithUnknownRenewal_CouldNotBeVerified()
    {
        const string text = "variable \"renew\" {}\nresource \"alicloud_db_instance\" \"d\" {\n  instance_charge_type = \"Prepaid\"\n  expire_time = \"2027-11-30T16:00Z\"\n  auto_renew = var.renew\n}\n";
        var finding = Assert.Single(Run(text, new DatabaseSubscriptionExpiry(), new EventTargets(EventEnd: new DateTimeOffset(2027, 12, 1, 5, 0, 0, TimeSpan.Zero))));
        Assert.Equal(Outcome.CouldNotVerify, finding.Outcome);
    }
}
