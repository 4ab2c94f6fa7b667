using Hypercare.Inspection.Assessment;
using Hypercare.Inventory;
using Hypercare.Inventory.Terraform;

namespace Hypercare.Inspection.Tests.Assessment;

public sealed class ResourceAssessmentTests
{
    private static readonly EventTargets BlackFriday = new(PeakRate: 2000, Headroom: 0.3, PeakEgressMbps: 800, PerInstanceRate: 150, PeakConcurrency: 500);

    private static readonly TierName[] ShopTiers = [new("edge", TierKind.LoadBalancer), new("web", TierKind.Service), new("orders-db", TierKind.Database), new("cache", TierKind.Cache)];

    [Theory]
    [InlineData("shop-infra")]
    [InlineData("shop-state/terraform.tfstate")]
    public void TheShop_PerTier_WhatIsDeployed_ItsHeadroom_AndItsRecoveryGaps(string source)
    {
        var graph = InventoryReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", source));
        var tiers = ResourceAssessment.Assess(new InspectionContext(graph, BlackFriday), ShopTiers);

        Assert.Equal(["edge", "web", "orders-db", "cache", "egress"], tiers.Select(t => t.Name));
        var edge = tiers[0];
        Assert.Equal(["cn-hangzhou-h", "cn-hangzhou-i"], Assert.Single(edge.Deployed).Zones);
        var qps = edge.Limits.Single(l => l.Limit == "QPS");
        Assert.Equal((1000d, 2600d, "short"), (qps.Published!.Value, qps.Needed!.Value, qps.Verdict));
        Assert.Equal(1000d / 2600 - 1, qps.Headroom!.Value, 6);
        var connections = edge.Limits.Single(l => l.Limit == "concurrent connections");
        Assert.Equal((5000d, 650d, "ok"), (connections.Published!.Value, connections.Needed!.Value, connections.Verdict));
        Assert.Empty(Assert.Single(edge.Recovery).Gaps);

        var web = tiers[1];
        var group = Assert.Single(web.Deployed);
        Assert.Equal(("alicloud_ess_scaling_group.web", "4-16", "ecs.t6-c1m2.large"), (group.Address, group.Count, group.Spec));
        Assert.Equal(["cn-hangzhou-h"], group.Zones);
        var ceiling = Assert.Single(web.Limits);
        Assert.Equal((2400d, 2600d, "short"), (ceiling.Published!.Value, ceiling.Needed!.Value, ceiling.Verdict));
        Assert.Contains("every instance in cn-hangzhou-h", Assert.Single(Assert.Single(web.Recovery).Gaps), StringComparison.Ordinal);
        Assert.DoesNotContain(tiers.SelectMany(t => t.Deployed), d => d.Address == "alicloud_instance.bastion");

        var db = Assert.Single(tiers[2].Recovery);
        Assert.StartsWith("full backups on Monday, Thursday, kept 7 days, log backup on", db.Backups, StringComparison.Ordinal);
        Assert.StartsWith("minutes", db.Rpo, StringComparison.Ordinal);
        Assert.StartsWith("hours", db.Rto, StringComparison.Ordinal);
        Assert.Contains(db.Gaps, g => g.StartsWith("no standby", StringComparison.Ordinal));

        var cache = tiers[3].Limits.Single(l => l.Limit == "bandwidth");
        Assert.Equal((48d, 1040d, "short"), (cache.Published!.Value, cache.Needed!.Value, cache.Verdict));
        Assert.Equal("not measured", tiers[3].Limits.Single(l => l.Limit == "QPS").Verdict);   // the class's QPS is not in the catalog

        var eip = tiers[4].Limits.Single();
        Assert.Equal((10d, 1040d, "short"), (eip.Published!.Value, eip.Needed!.Value, eip.Verdict));
    }

    [Fact]
    public void WithoutTheObjectives_LimitsAreNotMeasured_AndAHighAvailabilityDatabaseWithoutLogBackupHasAnRpoOfItsBackupGap()
    {
        var graph = ConfigurationReader.ReadFiles(new Dictionary<string, string>
        {
            ["main.tf"] = """
                resource "alicloud_slb_load_balancer" "lb" {
                  load_balancer_spec = "slb.s2.small"
                  master_zone_id = "cn-hangzhou-h"
                }
                resource "alicloud_db_instance" "d" {
                  category = "HighAvailability"
                  zone_id = "cn-hangzhou-h"
                  zone_id_slave_a = "cn-hangzhou-i"
                }
                resource "alicloud_db_backup_policy" "p" {
                  instance_id = alicloud_db_instance.d.id
                  preferred_backup_period = ["Monday", "Thursday"]
                  backup_retention_period = 3
                  enable_backup_log = false
                }
                """,
        });
        var tiers = ResourceAssessment.Assess(new InspectionContext(graph, EventTargets.None));

        Assert.Equal(["load-balancer", "database"], tiers.Select(t => t.Name));
        Assert.All(tiers[0].Limits, l => Assert.Equal(("not measured", 5000d), (l.Verdict, l.Limit == "QPS" ? l.Published!.Value : 5000d)));
        Assert.Contains("one zone only", Assert.Single(Assert.Single(tiers[0].Recovery).Gaps), StringComparison.Ordinal);
        var db = Assert.Single(tiers[1].Recovery);
        Assert.Equal("automatic failover to the standby in cn-hangzhou-i", db.ZoneFailure);
        Assert.Equal("none for a host or zone failure (replicated standby); up to 4 days (the longest gap between full backups; no log backup) for data damage", db.Rpo);
        Assert.Equal(2, db.Gaps.Count);
    }

    [Theory]
    [InlineData(new[] { "Monday", "Thursday" }, 4)]
    [InlineData(new[] { "Sunday" }, 7)]
    [InlineData(new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" }, 1)]
    public void TheLongestGapBetweenWeeklyBackupDays(string[] days, int gap) => Assert.Equal(gap, ResourceAssessment.LongestGap(days));
}
