using Hypercare.Capacity.Planning;
using static Hypercare.Capacity.Tests.Steps;

namespace Hypercare.Capacity.Tests.Planning;

public sealed class CapacityPlannerTests
{
    // One instance met p99 < 300 ms up to 500 req/s and broke it at 600/s.
    private static readonly Capacity.Search.SearchResult OneInstance = Result(
        Step(1, 100, 100, 20, true), Step(2, 200, 200, 25, true), Step(3, 400, 400, 60, true, mean: 15), Step(4, 500, 500, 200, true, mean: 40), Step(5, 600, 560, 900, false));

    private static readonly PlanObjectives Objectives = new(2000, [new LatencyObjective(95, 150), new LatencyObjective(99, 300)], 0.001, new RampObjective(10, TimeSpan.FromMinutes(10)));

    private static PlanTier Web(int instances, int max = 16, double scaleOutMinutes = 3) =>
        new("web", "service", instances, 4, max, TimeSpan.FromMinutes(scaleOutMinutes), new Dictionary<string, long> { ["db_connections"] = 40, ["http_threads"] = 200 });

    private static readonly PlanTier Database = new("orders-db", "database", 1, null, null, null, new Dictionary<string, long> { ["max_connections"] = 400 });

    private static ObjectiveVerdict Verdict(CapacityPlan plan, string objective) => plan.Objectives.Single(o => o.Objective == objective);

    [Fact]
    public void InstancesNeeded_ArePeakTimesHeadroomOverPerInstanceCapacity_PlusASpare()
    {
        var plan = CapacityPlanner.Plan(OneInstance, null, new PlanInput(Objectives, [Web(4), Database], "web"));

        var web = plan.Tiers.Single(t => t.Tier == "web");
        Assert.Equal(500, web.PerInstanceRate);
        Assert.Equal(6, web.Needed);                 // ceil(2000 × 1.3 / 500)
        Assert.Equal(7, web.NeededWithSpare);
        Assert.Equal(1.0, web.Utilization);          // 2000 of 4 × 500
        var peak = Verdict(plan, "peak rate");
        Assert.Equal(Capacity.Planning.Verdict.FitsWithChanges, peak.Verdict);
        Assert.Equal("4 × 500/s = 2000/s at the objective, 100% of the peak; the peak with headroom needs 6 instances", peak.Finding);
        Assert.DoesNotContain(peak.Changes, c => c.StartsWith("raise", StringComparison.Ordinal));
        Assert.Contains("not measured by this search", plan.Tiers.Single(t => t.Tier == "orders-db").Notes[0], StringComparison.Ordinal);
        Assert.Contains("in flight per instance at the peak (Little's law): 333.3/s × 12.8 ms = 4.3 of 200 http_threads", web.Notes);
    }

    [Fact]
    public void EnoughInstances_Fit_AndAScalingMaximumBelowTheNeed_IsRaised()
    {
        var fits = CapacityPlanner.Plan(OneInstance, null, new PlanInput(Objectives, [Web(8)], "web"));
        Assert.Equal(Capacity.Planning.Verdict.Fits, Verdict(fits, "peak rate").Verdict);

        var capped = CapacityPlanner.Plan(OneInstance, null, new PlanInput(Objectives, [Web(4, max: 5)], "web"));
        Assert.Contains("raise web's scaling maximum from 5 to at least 7 (6 for the peak with headroom, one spare)", Verdict(capped, "peak rate").Changes);
    }

    [Fact]
    public void LatencyObjectives_AreReadAtTheLoadEachInstanceWouldCarry()
    {
        var plan = CapacityPlanner.Plan(OneInstance, null, new PlanInput(Objectives, [Web(4)], "web"));
        var p99 = Verdict(plan, "p99 latency");
        Assert.Equal(Capacity.Planning.Verdict.Fits, p99.Verdict);                       // 200 ms at 500/s per instance
        var p95 = Verdict(plan, "p95 latency");
        Assert.Equal(Capacity.Planning.Verdict.FitsWithChanges, p95.Verdict);            // 160 ms with 4, about 39 ms with 6
        Assert.Equal("p95 160 ms with 4 instances; 38.7 ms with 6", p95.Finding);
        Assert.Equal(Capacity.Planning.Verdict.Fits, Verdict(plan, "error budget").Verdict);
    }

    [Fact]
    public void AScaleOutSlowerThanTheRamp_AsksToPreScale_AFasterOneFits()
    {
        // Three instances hold 1500/s; the ramp passes that 433 s in. The autoscaler asks at 70% (284 s):
        // a 3-minute scale-out serves at 464 s, too late; a 2-minute one at 404 s, in time.
        var slow = CapacityPlanner.Plan(OneInstance, null, new PlanInput(Objectives, [Web(3, scaleOutMinutes: 3)], "web"));
        var ramp = Verdict(slow, "traffic ramp");
        Assert.Equal(Capacity.Planning.Verdict.FitsWithChanges, ramp.Verdict);
        Assert.Equal("the declared instances are exceeded 7m13s into the ramp; autoscaling starts 4m44s in, but a new instance takes 3m to serve, so load outruns capacity", ramp.Finding);
        Assert.Equal(["pre-scale web to 7 instances before the ramp starts"], ramp.Changes);
        var e = slow.Tiers.Single(t => t.Tier == "web").Elasticity!;
        Assert.False(e.KeepsUp);

        var fast = CapacityPlanner.Plan(OneInstance, null, new PlanInput(Objectives, [Web(3, scaleOutMinutes: 2)], "web"));
        Assert.Equal(Capacity.Planning.Verdict.Fits, Verdict(fast, "traffic ramp").Verdict);
    }

    [Fact]
    public void PoolsThatOutgrowTheDatabase_AtFullScale_AreCapped()
    {
        var plan = CapacityPlanner.Plan(OneInstance, null, new PlanInput(Objectives, [Web(4), Database], "web"));
        var connections = Verdict(plan, "database connections");
        Assert.Equal(Capacity.Planning.Verdict.FitsWithChanges, connections.Verdict);
        Assert.Equal("at 16 instances the pools open up to 640 connections, but orders-db accepts 400: new instances would fail to connect at the peak", connections.Finding);
        Assert.StartsWith("cap db_connections at 25 per instance", connections.Changes[0], StringComparison.Ordinal);
        Assert.Equal(Capacity.Planning.Verdict.FitsWithChanges, plan.Overall);
    }

    [Fact]
    public void AnObjectiveBrokenAtTheLowestLoad_DoesNotFit()
    {
        var broken = Result(Step(1, 10, 10, 400, false), Step(2, 20, 20, 500, false), Step(3, 40, 38, 700, false));
        var plan = CapacityPlanner.Plan(broken, null, new PlanInput(Objectives, [Web(4)], "web"));
        Assert.Equal(Capacity.Planning.Verdict.DoesNotFit, Verdict(plan, "peak rate").Verdict);
        Assert.Equal(Capacity.Planning.Verdict.DoesNotFit, Verdict(plan, "p99 latency").Verdict);
        Assert.Equal(Capacity.Planning.Verdict.DoesNotFit, plan.Overall);
        Assert.Null(plan.Tiers.Single().Needed);
    }
}
