using Hypercare.Databases.Pools;

namespace Hypercare.Databases.Tests.Pools;

public sealed class PoolSizingTests
{
    [Fact]
    public void LittlesLaw_BusyConnectionsAreStatementsPerSecondTimesTheirTime()
    {
        // 2,000 req/s × 3 statements × 4 ms = 24 connections busy; with 30% headroom 31.2; over 16 instances 2 each.
        var s = PoolSizing.For(new PoolInputs(2000, 3, 0.004, SlowLogOnly: false, Instances: 16, PoolPerInstance: 40, ServerMaxConnections: 1000));
        Assert.Equal(6000, s.StatementsPerSecond, 6);
        Assert.Equal(24, s.BusyConnections, 6);
        Assert.Equal(31.2, s.NeededWithHeadroom, 6);
        Assert.Equal((2, 640L, PoolVerdict.Fits), (s.RecommendedPerInstance!.Value, s.DeclaredTotal!.Value, s.Verdict));
        Assert.Empty(s.Findings);
    }

    [Fact]
    public void PoolsThatCanOpenMoreThanTheServerAccepts_AreFound_WithTheNumbers()
    {
        // The sample shop: 16 instances × 40 = 640 against max_connections 400.
        var s = PoolSizing.For(new PoolInputs(2000, 2, 0.003, SlowLogOnly: true, Instances: 16, PoolPerInstance: 40, ServerMaxConnections: 400));
        Assert.Equal(PoolVerdict.ServerTooSmall, s.Verdict);
        Assert.StartsWith("the pools can open 640 connections (16 × 40) but the server accepts 400", Assert.Single(s.Findings), StringComparison.Ordinal);
        Assert.EndsWith("lower the pool to 25 per instance", s.Findings[0], StringComparison.Ordinal);
        Assert.Contains(s.Assumptions, a => a.Contains("upper bound", StringComparison.Ordinal));
    }

    [Fact]
    public void PoolsBelowTheBusyConnections_MakeRequestsWait_AndAServerBelowEvenThat_CannotBeFixedByPools()
    {
        var s = PoolSizing.For(new PoolInputs(2000, 2, 0.05, SlowLogOnly: false, Instances: 4, PoolPerInstance: 10, ServerMaxConnections: 150));
        // 4,000 statements/s × 50 ms = 200 busy, 260 with headroom; the pools hold 40; the server 150.
        Assert.Equal(PoolVerdict.PoolsTooSmall, s.Verdict);
        Assert.Equal(65, s.RecommendedPerInstance);
        Assert.Equal(2, s.Findings.Count);
        Assert.Contains("no pool setting fixes this", s.Findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheDeclaredPools_OnlyTheNeedIsGiven()
    {
        var s = PoolSizing.For(new PoolInputs(100, 1, 0.01, SlowLogOnly: false, Instances: null, PoolPerInstance: null, ServerMaxConnections: null));
        Assert.Equal((PoolVerdict.NotMeasured, (int?)null), (s.Verdict, s.RecommendedPerInstance));
        Assert.Equal(1.3, s.NeededWithHeadroom, 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolSizing.For(new PoolInputs(double.NaN, 1, 0.01, false, null, null, null)));
    }
}
