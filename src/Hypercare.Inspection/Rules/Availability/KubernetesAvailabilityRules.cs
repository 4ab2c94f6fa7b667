using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Availability;

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
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
            if (c["readinessProbe"] is null)
                yield return Fail(w, $"container {c["name"]?.AsString ?? "?"} has no readinessProbe", c);
    }
}

/// <summary>A Deployment or StatefulSet runs a single replica and no autoscaler keeps it at 2 or more.</summary>
public sealed class SingleReplica : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-002";
    /// <inheritdoc />
    public override string Title => "Single replica, or an autoscaler that may scale to one";
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
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/", "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var autoscalers = Pods.Autoscalers(context);
        foreach (var w in Pods.Replicated.SelectMany(context.OfType))
        {
            if (autoscalers.TryGetValue(w.Address, out var hpa))
            {
                var min = hpa["spec"]?["minReplicas"];
                if (min is not null && Pods.Number(min) is null) continue;
                if ((Pods.Number(min) ?? 1) < 2)
                    yield return Fail(w, min is null
                        ? $"its autoscaler {hpa.Name} sets no minReplicas (1): it may scale down to a single pod"
                        : $"its autoscaler {hpa.Name} has minReplicas {Pods.Text(min)}: it may scale down to a single pod", min);
                continue;
            }
            var replicas = w["spec"]?["replicas"];
            if ((Pods.Number(replicas) ?? 1) < 2)
                yield return Fail(w, replicas is null ? "replicas is not set (1) and no autoscaler targets it" : $"replicas is {Pods.Text(replicas)} and no autoscaler targets it", replicas);
        }
    }
}

/// <summary>A replicated workload that no PodDisruptionBudget protects.</summary>
public sealed class NoDisruptionBudget : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-003";
    /// <inheritdoc />
    public override string Title => "Replicated workload without a PodDisruptionBudget";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "Node drains (a node upgrade, a node the cluster autoscaler removes after a scale-out, a spot reclaim) evict pods without limit when no budget says how many must stay; during the peak that can stop most replicas of a service at the same moment.";
    /// <inheritdoc />
    public override string Remediation => "Add a policy/v1 PodDisruptionBudget whose spec.selector matches the pod labels, with maxUnavailable: 1 (or minAvailable below the replica count).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/workloads/pods/disruptions/", "https://kubernetes.io/docs/tasks/run-application/configure-pdb/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var protectedPods = context.OfType("PodDisruptionBudget")
            .SelectMany(p => p.References.Where(x => x.Attribute == "spec.selector").Select(x => x.Target))
            .ToHashSet(StringComparer.Ordinal);
        var autoscalers = Pods.Autoscalers(context);
        foreach (var w in Pods.Replicated.SelectMany(context.OfType))
        {
            var replicas = Pods.Replicas(w, autoscalers);
            if (replicas.Max >= 2 && !protectedPods.Contains(w.Address))
                yield return Fail(w, $"{Pods.Describe(replicas)} and no PodDisruptionBudget selects its pods", w["spec"]?["replicas"]);
        }
    }
}

/// <summary>A PodDisruptionBudget that lets no pod be evicted.</summary>
public sealed class BlockingDisruptionBudget : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-004";
    /// <inheritdoc />
    public override string Title => "PodDisruptionBudget that allows no eviction";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A budget that allows no disruption makes every drain of a node running these pods hang: a failing node cannot be replaced and the cluster autoscaler cannot remove nodes, so an emergency node change during the event stalls until someone edits the budget by hand.";
    /// <inheritdoc />
    public override string Remediation => "Set spec.maxUnavailable to 1 (or a percentage above 0), or spec.minAvailable below the number of replicas the workload runs.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/run-application/configure-pdb/", "https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var autoscalers = Pods.Autoscalers(context);
        foreach (var pdb in context.OfType("PodDisruptionBudget"))
        {
            var spec = pdb["spec"];
            var maxUnavailable = spec?["maxUnavailable"];
            var minAvailable = spec?["minAvailable"];
            if (maxUnavailable is not null && (Pods.Number(maxUnavailable) == 0 || Pods.Percent(maxUnavailable) == 0))
            {
                yield return Fail(pdb, $"maxUnavailable is {Pods.Text(maxUnavailable)}: no pod may be evicted, so node drains hang", maxUnavailable);
                continue;
            }
            if (minAvailable is null) continue;
            if (Pods.Percent(minAvailable) is >= 100)
            {
                yield return Fail(pdb, $"minAvailable is {Pods.Text(minAvailable)}: no pod may be evicted, so node drains hang", minAvailable);
                continue;
            }
            if (Pods.Number(minAvailable) is not { } min) continue;
            var targets = pdb.References.Where(x => x.Attribute == "spec.selector").Select(x => context.Find(x.Target)).OfType<Resource>().ToList();
            if (targets.Count == 0)
            {
                yield return Unverified(pdb, string.Create(CultureInfo.InvariantCulture, $"its selector matches no workload in the inventory: minAvailable {min} cannot be compared with a replica count"), minAvailable);
                continue;
            }
            var blocked = targets.Where(t => Pods.Replicated.Contains(t.Type)).Select(t => (t, Pods.Replicas(t, autoscalers).Max)).FirstOrDefault(p => min >= p.Max);
            if (blocked.t is { } w)
                yield return Fail(pdb, string.Create(CultureInfo.InvariantCulture, $"minAvailable {min} is not below the {blocked.Max} replicas of {w.Address}: no pod may be evicted, so node drains hang"), minAvailable);
        }
    }
}

/// <summary>The liveness probe checks what the readiness probe checks.</summary>
public sealed class LivenessSameAsReadiness : Rule
{
    private static readonly string[] Handlers = ["httpGet", "tcpSocket", "grpc", "exec"];

    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-005";
    /// <inheritdoc />
    public override string Title => "Liveness probe identical to the readiness probe";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A readiness check fails when the pod cannot serve, often because a dependency is slow; when the liveness probe asks the same question, a database that slows down under the peak makes the kubelet restart every pod at once and a slowdown becomes an outage with cold caches.";
    /// <inheritdoc />
    public override string Remediation => "Point livenessProbe at an endpoint that only checks the process itself (e.g. httpGet path /livez that does not call dependencies), with a failureThreshold and period larger than the readinessProbe's.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
        {
            if (c["livenessProbe"] is not { } liveness || c["readinessProbe"] is not { } readiness) continue;
            var handler = Handlers.FirstOrDefault(h => liveness[h] is not null);
            if (handler is null || readiness[handler] is not { } same || !Same(handler, liveness[handler]!, same)) continue;
            yield return Fail(w, $"container {Pods.Name(c)}: livenessProbe and readinessProbe both check {Describe(handler, same)}", liveness);
        }
    }

    private static bool Same(string handler, Value a, Value b) => handler switch
    {
        "httpGet" => Pods.Text(a["path"] ?? Value.Of("/")) == Pods.Text(b["path"] ?? Value.Of("/")) && Pods.Text(a["port"]) == Pods.Text(b["port"]),
        "tcpSocket" or "grpc" => Pods.Text(a["port"]) == Pods.Text(b["port"]) && Pods.Text(a["service"]) == Pods.Text(b["service"]),
        _ => a.Equals(b),
    };

    private static string Describe(string handler, Value probe) => handler switch
    {
        "httpGet" => $"httpGet {Pods.Text(probe["path"] ?? Value.Of("/"))} on port {Pods.Text(probe["port"])}",
        "tcpSocket" => $"tcpSocket on port {Pods.Text(probe["port"])}",
        "grpc" => $"grpc on port {Pods.Text(probe["port"])}",
        _ => "the same exec command",
    };
}

/// <summary>A container without a liveness probe.</summary>
public sealed class NoLivenessProbe : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-006";
    /// <inheritdoc />
    public override string Title => "Container without a liveness probe";
    /// <inheritdoc />
    public override Severity Severity => Severity.Low;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A process that hangs under the peak's load (a deadlock, an exhausted thread or connection pool) keeps running: its pod leaves the rotation or keeps failing requests but is never restarted, and the service loses capacity pod by pod while traffic is highest.";
    /// <inheritdoc />
    public override string Remediation => "Add a livenessProbe that checks only the process (e.g. httpGet path /livez), with a failureThreshold of 3 or more and a periodSeconds of 10 or more; add a startupProbe for slow starts.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
            if (c["livenessProbe"] is null)
                yield return Fail(w, $"container {Pods.Name(c)} has no livenessProbe", c);
    }
}

/// <summary>A replicated workload whose pods may all land on one node or in one zone.</summary>
public sealed class NoSpread : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-007";
    /// <inheritdoc />
    public override string Title => "Replicas not spread over nodes or zones";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "Without anti-affinity or spread constraints only the scheduler's soft default spreading applies, and it gives way when room is short: replicas added in a hurry for the peak pile up on the nodes or in the zone that has space, and losing that node or zone takes most of the service down.";
    /// <inheritdoc />
    public override string Remediation => "Add spec.template.spec.topologySpreadConstraints with topologyKey topology.kubernetes.io/zone and kubernetes.io/hostname (maxSkew: 1), or a podAntiAffinity on kubernetes.io/hostname.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/", "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var autoscalers = Pods.Autoscalers(context);
        foreach (var w in Pods.Replicated.SelectMany(context.OfType))
        {
            var replicas = Pods.Replicas(w, autoscalers);
            var pod = Pods.Spec(w);
            if (replicas.Max < 2 || pod is null) continue;
            if (pod["affinity"]?["podAntiAffinity"] is not null || pod["topologySpreadConstraints"]?.Items.Count > 0) continue;
            yield return Fail(w, $"{Pods.Describe(replicas)} with neither podAntiAffinity nor topologySpreadConstraints", pod);
        }
    }
}

/// <summary>A Deployment whose rollout can stop every pod at once.</summary>
public sealed class RolloutStopsAll : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-008";
    /// <inheritdoc />
    public override string Title => "Rollout that can stop every pod at once";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A hotfix or configuration change rolled out during the event replaces the pods; with the Recreate strategy or a maxUnavailable as large as the replica count, every old pod stops before new ones are ready and the service is down for the whole start-up time, at the peak.";
    /// <inheritdoc />
    public override string Remediation => "Use spec.strategy.type RollingUpdate with rollingUpdate.maxUnavailable 0 or 1 (or 25%) and maxSurge 1 or 25%.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var autoscalers = Pods.Autoscalers(context);
        foreach (var w in context.OfType("Deployment"))
        {
            var strategy = w["spec"]?["strategy"];
            var type = strategy?["type"];
            if (type?.AsString == "Recreate")
            {
                yield return Fail(w, "strategy is Recreate: every pod stops before the new ones start", type);
                continue;
            }
            var maxUnavailable = strategy?["rollingUpdate"]?["maxUnavailable"];
            var replicas = Pods.Replicas(w, autoscalers);
            if (maxUnavailable is null || replicas.Min < 2) continue;
            if (Pods.Percent(maxUnavailable) is >= 100 || Pods.Number(maxUnavailable) is { } n && n >= replicas.Min)
                yield return Fail(w, string.Create(CultureInfo.InvariantCulture, $"rollingUpdate.maxUnavailable {Pods.Text(maxUnavailable)} is not below the {replicas.Min} replicas: a rollout may stop every pod at once"), maxUnavailable);
        }
    }
}

/// <summary>A container behind a Service that stops without waiting for the Service to stop sending it requests.</summary>
public sealed class NoPreStopHook : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-AVL-009";
    /// <inheritdoc />
    public override string Title => "Served container without a preStop hook";
    /// <inheritdoc />
    public override Severity Severity => Severity.Low;
    /// <inheritdoc />
    public override Area Area => Area.Availability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A terminating pod gets SIGTERM while load balancers and kube-proxy are still removing it from the Service's endpoints; a process that exits at once drops its in-flight and newly routed requests, and every scale-in, rollout and drain during the event shows up as a burst of errors.";
    /// <inheritdoc />
    public override string Remediation => "Add lifecycle.preStop (e.g. exec sleep 10, or the sleep action) so the pod keeps serving while it is removed from the endpoints, and keep terminationGracePeriodSeconds above the sleep plus the longest request.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/", "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var served = Pods.Served(context);
        foreach (var (w, c) in Pods.Containers(context))
            if (served.Contains(w.Address) && Pods.Replicated.Contains(w.Type) && c["lifecycle"]?["preStop"] is null)
                yield return Fail(w, $"container {Pods.Name(c)} is behind a Service and has no lifecycle.preStop hook", c);
    }
}
