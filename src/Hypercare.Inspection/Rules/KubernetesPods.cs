using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules;

/// <summary>Helpers the Kubernetes rules share: pod templates, their containers, replica counts and autoscalers.</summary>
internal static class Pods
{
    /// <summary>The kinds whose pod template serves traffic for long.</summary>
    public static readonly string[] Workloads = ["Deployment", "StatefulSet", "DaemonSet"];

    /// <summary>The kinds that run a number of replicas.</summary>
    public static readonly string[] Replicated = ["Deployment", "StatefulSet"];

    /// <summary>The pod spec of a workload's template.</summary>
    public static Value? Spec(Resource workload) => workload["spec"]?["template"]?["spec"];

    /// <summary>The labels of a workload's pods.</summary>
    public static Value? Labels(Resource workload) => workload["spec"]?["template"]?["metadata"]?["labels"];

    /// <summary>Every container of every workload.</summary>
    public static IEnumerable<(Resource Workload, Value Container)> Containers(InspectionContext context) =>
        Workloads.SelectMany(context.OfType).SelectMany(w => (Spec(w)?["containers"]?.Items ?? []).Select(c => (w, c)));

    /// <summary>A container's name.</summary>
    public static string Name(Value container) => container["name"]?.AsString ?? "?";

    /// <summary>The autoscaler of each workload it targets, by the workload's address.</summary>
    public static Dictionary<string, Resource> Autoscalers(InspectionContext context) =>
        context.OfType("HorizontalPodAutoscaler")
            .SelectMany(h => h.References.Where(x => x.Attribute == "spec.scaleTargetRef").Select(x => (x.Target, Hpa: h)))
            .GroupBy(p => p.Target, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Hpa, StringComparer.Ordinal);

    /// <summary>The addresses of the workloads a Service selects (those that serve requests).</summary>
    public static HashSet<string> Served(InspectionContext context) => context.OfType("Service")
        .SelectMany(s => s.References.Where(x => x.Attribute == "spec.selector").Select(x => x.Target))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The address an autoscaler scales, and the workload there if the inventory has it.</summary>
    public static (string? Address, Resource? Workload) ScaleTarget(InspectionContext context, Resource autoscaler)
    {
        var address = autoscaler.References.FirstOrDefault(x => x.Attribute == "spec.scaleTargetRef")?.Target;
        return (address, address is null ? null : context.Find(address));
    }

    /// <summary>The fewest and the most pods a workload runs: its autoscaler's bounds, or its replicas (1 when not set).</summary>
    public static (decimal Min, decimal Max) Replicas(Resource workload, Dictionary<string, Resource> autoscalers)
    {
        if (autoscalers.TryGetValue(workload.Address, out var hpa))
        {
            var min = Number(hpa["spec"]?["minReplicas"]) ?? 1;
            var max = Number(hpa["spec"]?["maxReplicas"]) ?? min;
            return (min, Math.Max(min, max));
        }
        var n = Number(workload["spec"]?["replicas"]) ?? 1;
        return (n, n);
    }

    /// <summary>"3 replicas", or "2 to 10 replicas (autoscaled)".</summary>
    public static string Describe((decimal Min, decimal Max) replicas) => replicas.Min == replicas.Max
        ? string.Create(CultureInfo.InvariantCulture, $"{replicas.Min} replicas")
        : string.Create(CultureInfo.InvariantCulture, $"{replicas.Min} to {replicas.Max} replicas (autoscaled)");

    /// <summary>A number, also when written as text; null otherwise.</summary>
    public static decimal? Number(Value? value) => value?.AsNumberOrText;

    /// <summary>A percentage written "25%", or null.</summary>
    public static decimal? Percent(Value? value) =>
        value?.AsString is { } s && s.EndsWith('%') && decimal.TryParse(s[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : null;

    /// <summary>A scalar as written: text as is, numbers invariant.</summary>
    public static string Text(Value? value) => value?.AsString
        ?? (value?.AsNumber is { } n ? n.ToString(CultureInfo.InvariantCulture) : value?.ToString() ?? "(not set)");

    /// <summary>Whether every label a selector's matchLabels asks for is among the labels.</summary>
    public static bool Selects(Value? matchLabels, Value? labels) =>
        matchLabels is { Kind: ValueKind.Map } m && m.Members.Count > 0 && labels is { Kind: ValueKind.Map }
        && m.Members.All(x => labels[x.Key]?.AsString == x.Value.AsString);

    /// <summary>The namespace of a Kubernetes address <c>Kind/namespace/name</c>.</summary>
    public static string Namespace(Resource resource) => resource.Address.Split('/') is { Length: >= 3 } parts ? parts[1] : "default";
}
