namespace Hypercare.Capacity.Planning;

/// <summary>A latency objective: a percentile and the milliseconds it must stay under.</summary>
public sealed record LatencyObjective(double Percentile, double Milliseconds);

/// <summary>How fast the event's traffic climbs: <paramref name="Factor"/> times the base within <paramref name="Within"/>.</summary>
public sealed record RampObjective(double Factor, TimeSpan Within);

/// <summary>The objectives a capacity plan is held against, read from the engagement.</summary>
/// <param name="PeakRate">Requests per second at the peak.</param>
/// <param name="Latency">Latency objectives.</param>
/// <param name="ErrorBudget">The share of requests that may fail, if set.</param>
/// <param name="Ramp">The traffic ramp, if set.</param>
public sealed record PlanObjectives(double PeakRate, IReadOnlyList<LatencyObjective> Latency, double? ErrorBudget, RampObjective? Ramp);

/// <summary>A tier as the engagement (or, later, the inventory) declares it.</summary>
/// <param name="Name">The tier's name.</param>
/// <param name="Role">load-balancer, service, database, cache...</param>
/// <param name="Instances">Instances running today.</param>
/// <param name="Min">The scaling group's minimum, if it scales.</param>
/// <param name="Max">The scaling group's maximum.</param>
/// <param name="ScaleOutTime">How long a new instance takes to serve traffic.</param>
/// <param name="Pools">Declared pool sizes per instance, e.g. db_connections, http_threads, max_connections.</param>
public sealed record PlanTier(string Name, string Role, int Instances, int? Min, int? Max, TimeSpan? ScaleOutTime, IReadOnlyDictionary<string, long> Pools);

/// <summary>How a plan judges an objective.</summary>
public enum Verdict
{
    /// <summary>The declared system meets it.</summary>
    Fits,
    /// <summary>It is met after the listed changes (more instances, pre-scaling, a larger pool).</summary>
    FitsWithChanges,
    /// <summary>More of the same does not meet it; the listed changes are to the system itself.</summary>
    DoesNotFit,
    /// <summary>The measurements say nothing about it.</summary>
    NotMeasured,
}

/// <summary>The verdict on one objective, with the numbers behind it and what would make it fit.</summary>
public sealed record ObjectiveVerdict(string Objective, string Target, string Finding, Verdict Verdict, IReadOnlyList<string> Changes);

/// <summary>Whether scaling out keeps up with the event's ramp.</summary>
/// <param name="BaseRate">The traffic before the ramp (peak / factor).</param>
/// <param name="CapacityNow">What the declared instances hold at the objective.</param>
/// <param name="ExceededAfter">How far into the ramp the declared instances stop holding, or null when they hold the peak.</param>
/// <param name="TriggeredAfter">When an autoscaler tracking 70% of capacity would start adding instances.</param>
/// <param name="ScaleOutTime">How long a new instance takes.</param>
/// <param name="KeepsUp">Whether new instances serve before the declared ones are exceeded.</param>
public sealed record Elasticity(double BaseRate, double CapacityNow, TimeSpan? ExceededAfter, TimeSpan? TriggeredAfter, TimeSpan? ScaleOutTime, bool KeepsUp);

/// <summary>The plan for one tier.</summary>
/// <param name="Tier">The tier's name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Declared">Instances declared today.</param>
/// <param name="Min">Scaling minimum.</param>
/// <param name="Max">Scaling maximum.</param>
/// <param name="PerInstanceRate">Requests per second one instance holds at the objective, when measured.</param>
/// <param name="Needed">Instances the peak needs with headroom, when measured.</param>
/// <param name="NeededWithSpare">The same plus one spare (N+1).</param>
/// <param name="Utilization">Peak load as a share of the declared instances' capacity at the objective.</param>
/// <param name="Elasticity">The ramp check, for the measured tier.</param>
/// <param name="Notes">Findings about the tier (pools, spares, what was not measured).</param>
public sealed record TierPlan(string Tier, string Role, int Declared, int? Min, int? Max, double? PerInstanceRate, int? Needed, int? NeededWithSpare,
    double? Utilization, Elasticity? Elasticity, IReadOnlyList<string> Notes);

/// <summary>The capacity plan: tiers, per-objective verdicts and the overall one.</summary>
/// <param name="MeasuredTier">The tier the search measured.</param>
/// <param name="InstancesTested">How many of its instances served the search.</param>
/// <param name="Headroom">The planned headroom above the peak (0.3 = 30%).</param>
/// <param name="Tiers">Per tier.</param>
/// <param name="Objectives">Per objective.</param>
/// <param name="Overall">The worst verdict of the objectives.</param>
/// <param name="Assumptions">What the numbers assume.</param>
public sealed record CapacityPlan(string MeasuredTier, int InstancesTested, double Headroom, IReadOnlyList<TierPlan> Tiers, IReadOnlyList<ObjectiveVerdict> Objectives,
    Verdict Overall, IReadOnlyList<string> Assumptions);
