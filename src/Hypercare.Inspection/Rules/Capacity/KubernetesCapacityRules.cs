using System.Globalization;

namespace Hypercare.Inspection.Rules.Capacity;

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
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"];

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


/// <summary>An autoscaler whose ceiling cannot hold the peak at the rate one pod holds.</summary>
public sealed class AutoscalerCeilingBelowPeak : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-CAP-002";
    /// <inheritdoc />
    public override string Title => "Autoscaler ceiling below the peak";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "The autoscaler stops adding pods at maxReplicas; when, for a workload behind a Service, that many pods hold less than the peak with its headroom, the service saturates however well it scales, and latency and errors climb for the rest of the peak.";
    /// <inheritdoc />
    public override string Remediation => "Raise spec.maxReplicas to at least the peak with headroom divided by the rate one pod holds (and check that the nodes, the cluster autoscaler's limits and the database behind it can follow).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var served = Pods.Served(context);
        foreach (var hpa in context.OfType("HorizontalPodAutoscaler"))
        {
            var (address, workload) = Pods.ScaleTarget(context, hpa);
            if (workload is null) { yield return Unverified(hpa, $"its scale target {address ?? "(not set)"} is not in the inventory: whether it serves the peak is unknown", hpa["spec"]?["scaleTargetRef"]); continue; }
            if (!served.Contains(workload.Address)) continue;
            var max = hpa["spec"]?["maxReplicas"];
            if (Pods.Number(max) is not { } ceiling) { yield return Unverified(hpa, "maxReplicas is not a number here", max); continue; }
            if (context.Targets.PeakRate is not { } peak || context.Targets.PerInstanceRate is not { } perPod)
            {
                yield return Unverified(hpa, "the event's peak rate or the rate one pod holds is not given (pass the engagement and a capacity result)", max);
                continue;
            }
            var needed = peak * (1 + context.Targets.Headroom);
            var holds = (double)ceiling * perPod;
            if (holds < needed)
                yield return Fail(hpa, string.Create(CultureInfo.InvariantCulture,
                    $"maxReplicas {ceiling} × {perPod:0.##}/s per pod holds {holds:0.##}/s; the peak of {peak:0.##}/s with {context.Targets.Headroom * 100:0}% headroom needs {needed:0.##}/s ({Math.Ceiling(needed / perPod):0} pods)"), max);
        }
    }
}

/// <summary>An autoscaler that cannot add a pod.</summary>
public sealed class AutoscalerPinned : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-CAP-003";
    /// <inheritdoc />
    public override string Title => "Autoscaler with minReplicas equal to maxReplicas";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "An autoscaler whose floor equals its ceiling never adds a pod: traffic above the forecast, or a pod lost during the peak, cannot be absorbed, and the autoscaler gives a false sense that the tier scales.";
    /// <inheritdoc />
    public override string Remediation => "Keep spec.minReplicas at the pre-scaled floor for the event and set spec.maxReplicas above it, sized for the peak with headroom.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var hpa in context.OfType("HorizontalPodAutoscaler"))
        {
            var spec = hpa["spec"];
            if (spec?["minReplicas"] is { } floor && Pods.Number(floor) is null) continue;
            var min = Pods.Number(spec?["minReplicas"]) ?? 1;
            if (Pods.Number(spec?["maxReplicas"]) is { } max && max <= min)
                yield return Fail(hpa, string.Create(CultureInfo.InvariantCulture, $"minReplicas {min} and maxReplicas {max}: the autoscaler cannot add a pod"), spec?["maxReplicas"]);
        }
    }
}

/// <summary>An autoscaler's floor holds far less than the peak, so the first minutes of the peak wait for scale-out.</summary>
public sealed class AutoscalerFloorBelowPeak : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-CAP-004";
    /// <inheritdoc />
    public override string Title => "Autoscaler floor not raised for the peak";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A promotion's traffic arrives in seconds, while the autoscaler needs metrics windows, scheduling, perhaps new nodes and pod start-up, often minutes; a floor far below the peak leaves the service overloaded during exactly the first minutes that matter.";
    /// <inheritdoc />
    public override string Remediation => "Raise spec.minReplicas before the event to the peak rate divided by the rate one pod holds (lower it again afterwards), and pre-warm nodes accordingly.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var served = Pods.Served(context);
        foreach (var hpa in context.OfType("HorizontalPodAutoscaler"))
        {
            var (address, workload) = Pods.ScaleTarget(context, hpa);
            if (workload is null) { yield return Unverified(hpa, $"its scale target {address ?? "(not set)"} is not in the inventory: whether it serves the peak is unknown", hpa["spec"]?["scaleTargetRef"]); continue; }
            if (!served.Contains(workload.Address)) continue;
            var at = hpa["spec"]?["minReplicas"];
            var min = Pods.Number(at) ?? 1;
            if (at is not null && Pods.Number(at) is null) { yield return Unverified(hpa, $"minReplicas {Pods.Text(at)} is not a number here", at); continue; }
            if (context.Targets.PeakRate is not { } peak || context.Targets.PerInstanceRate is not { } perPod)
            {
                yield return Unverified(hpa, "the event's peak rate or the rate one pod holds is not given (pass the engagement and a capacity result)", at);
                continue;
            }
            var holds = (double)min * perPod;
            if (holds < peak)
                yield return Fail(hpa, string.Create(CultureInfo.InvariantCulture,
                    $"minReplicas {min} × {perPod:0.##}/s per pod holds {holds:0.##}/s, below the peak of {peak:0.##}/s: the peak's first minutes wait for scale-out ({Math.Ceiling(peak / perPod):0} pods hold it)"), at);
        }
    }
}

/// <summary>A container without a memory limit.</summary>
public sealed class NoMemoryLimit : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-CAP-005";
    /// <inheritdoc />
    public override string Title => "Container without a memory limit";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "Under the peak's load a container that buffers or leaks grows without bound; without a limit the node runs out of memory and the kernel's OOM killer and the kubelet's evictions hit neighbouring pods of other services, not only the culprit.";
    /// <inheritdoc />
    public override string Remediation => "Set resources.limits.memory (for example equal to resources.requests.memory, measured at the expected per-pod load plus a margin).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
            if (c["resources"]?["limits"]?["memory"] is null)
                yield return Fail(w, $"container {Pods.Name(c)} has no memory limit", c);
    }
}

/// <summary>An image pulled from the registry every time a pod starts.</summary>
public sealed class ImagePulledAtEveryStart : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-CAP-006";
    /// <inheritdoc />
    public override string Title => "Image pulled from the registry at every pod start";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Capacity;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "With imagePullPolicy Always (the default for a :latest or untagged image) every pod the autoscaler adds at the peak waits for the registry; a slow, rate-limited or unreachable registry then stops the scale-out, and :latest can start a different build than the one tested.";
    /// <inheritdoc />
    public override string Remediation => "Reference images by a fixed version tag or a digest (image: registry/app:1.4.2 or @sha256:...) and set imagePullPolicy: IfNotPresent.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/containers/images/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
        {
            var image = c["image"]?.AsString;
            var policy = c["imagePullPolicy"];
            if (image is null) continue;
            if (policy?.AsString == "Always")
                yield return Fail(w, $"container {Pods.Name(c)} has imagePullPolicy Always: every pod start asks the registry for image {image}", policy);
            else if (policy is null && Floating(image))
                yield return Fail(w, $"container {Pods.Name(c)} runs image {image} without a fixed tag: imagePullPolicy defaults to Always and every pod start asks the registry for it", c["image"]);
        }
    }

    private static bool Floating(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal)) return false;
        var last = image[(image.LastIndexOf('/') + 1)..];
        var colon = last.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || last[(colon + 1)..] == "latest";
    }
}
