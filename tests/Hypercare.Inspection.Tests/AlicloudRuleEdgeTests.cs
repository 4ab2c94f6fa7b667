using Hypercare.Inspection.Rules.Availability;
using Hypercare.Inspection.Rules.Capacity;
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
}
