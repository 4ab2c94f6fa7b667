using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Kubernetes;

/// <summary>Helpers over pod templates.</summary>
internal static class Pods
{
    public static readonly string[] Workloads = ["Deployment", "StatefulSet", "DaemonSet"];

    public static IEnumerable<(Inventory.Graph.Resource Workload, Value Container)> Containers(InspectionContext context) =>
        Workloads.SelectMany(context.OfType).SelectMany(w => (w["spec"]?["template"]?["spec"]?["containers"]?.Items ?? []).Select(c => (w, c)));
}

/// <summary>A container that serves traffic has no readiness probe.</summary>
public sealed class NoReadinessProbe : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-001";
    /// <inheritdoc />
    public override string Title => "Container without a readiness probe";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "Without a readiness probe a pod receives traffic as soon as it starts, before it can serve; every scale-out during the peak sends users to pods that are still warming up.";
    /// <inheritdoc />
    public override string Remediation => "Add a readinessProbe (an HTTP check of a cheap endpoint that answers only when the app can serve), with a short period.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
            if (c["readinessProbe"] is null)
                yield return Fail(w, $"container {c["name"]?.AsString ?? "?"} has no readinessProbe", c);
    }
}

/// <summary>A container declares no CPU or memory request.</summary>
public sealed class NoResourceRequests : Rule
{
    private static readonly string[] Resources = ["cpu", "memory"];

    /// <inheritdoc />
    public override string Id => "HC-K8S-CAP-001";
    /// <inheritdoc />
    public override string Title => "Container without CPU and memory requests";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "Without requests the scheduler packs pods onto nodes blindly and a CPU-based autoscaler has nothing to measure utilization against, so the tier neither gets the capacity it needs nor scales on time.";
    /// <inheritdoc />
    public override string Remediation => "Set resources.requests.cpu and resources.requests.memory from measured use at the expected per-pod load (and a memory limit).";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
        {
            var requests = c["resources"]?["requests"];
            var missing = Resources.Where(k => requests?[k] is null).ToList();
            if (missing.Count > 0) yield return Fail(w, $"container {c["name"]?.AsString ?? "?"} requests no {string.Join(" and no ", missing)}", c);
        }
    }
}

/// <summary>A Deployment runs a single replica and no autoscaler raises it.</summary>
public sealed class SingleReplica : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-002";
    /// <inheritdoc />
    public override string Title => "Single replica without an autoscaler";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "One pod is one failure away from an outage: a node drain, an eviction or a crash during the peak takes the whole service down.";
    /// <inheritdoc />
    public override string Remediation => "Run at least two replicas spread over nodes and zones (topologySpreadConstraints), or a HorizontalPodAutoscaler with minReplicas of 2 or more, and a PodDisruptionBudget.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var scaled = context.OfType("HorizontalPodAutoscaler")
            .Where(h => h["spec"]?["minReplicas"]?.AsNumber is null or >= 2)
            .SelectMany(h => h.References.Where(x => x.Attribute == "spec.scaleTargetRef").Select(x => x.Target))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var w in context.OfType("Deployment").Concat(context.OfType("StatefulSet")))
        {
            var replicas = w["spec"]?["replicas"];
            if ((replicas?.AsNumber ?? 1) < 2 && !scaled.Contains(w.Address))
                yield return Fail(w, replicas is null ? "replicas is not set (1) and no autoscaler targets it" : $"replicas is {replicas.AsNumber} and no autoscaler targets it", replicas);
        }
    }
}
