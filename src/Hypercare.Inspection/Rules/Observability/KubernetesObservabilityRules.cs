namespace Hypercare.Inspection.Rules.Observability;

/// <summary>A served workload whose metrics nothing scrapes.</summary>
public sealed class WorkloadNotScraped : Rule
{
    private static readonly string[] Monitors = ["ServiceMonitor", "PodMonitor"];

    /// <inheritdoc />
    public override string Id => "HC-K8S-OBS-001";
    /// <inheritdoc />
    public override string Title => "Served workload without metrics scraping";
    /// <inheritdoc />
    public override Severity Severity => Severity.Low;
    /// <inheritdoc />
    public override Area Area => Area.Observability;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "Without the app's own metrics (request rate, latency, errors, pool usage) the team watches only CPU during the peak, sees saturation late and cannot tell which tier is the bottleneck when latency climbs.";
    /// <inheritdoc />
    public override string Remediation => "Expose a /metrics endpoint and have it scraped: a ServiceMonitor (or PodMonitor) whose selector.matchLabels match the Service's (or the pods') labels, or the pod template annotations prometheus.io/scrape: \"true\" and prometheus.io/port.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://prometheus.io/docs/prometheus/latest/configuration/configuration/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var monitors = Monitors.SelectMany(context.OfType).ToList();
        var services = context.OfType("Service").ToList();
        foreach (var w in Pods.Replicated.SelectMany(context.OfType))
        {
            var fronts = services.Where(s => s.References.Any(x => x.Attribute == "spec.selector" && x.Target == w.Address)).ToList();
            if (fronts.Count == 0) continue;
            var annotations = w["spec"]?["template"]?["metadata"]?["annotations"];
            if (annotations?["prometheus.io/scrape"] is { } scrape && (BoolOf(scrape) == true)) continue;
            var ns = Pods.Namespace(w);
            var watched = monitors.Any(m => Covers(m, ns) && (m.Type == "ServiceMonitor"
                ? fronts.Any(s => Pods.Selects(m["spec"]?["selector"]?["matchLabels"], s["metadata"]?["labels"]))
                : Pods.Selects(m["spec"]?["selector"]?["matchLabels"], Pods.Labels(w))));
            if (!watched)
                yield return Fail(w, $"behind Service {string.Join(", ", fronts.Select(s => s.Name))}, and neither a prometheus.io/scrape annotation nor a ServiceMonitor or PodMonitor covers it", w["spec"]?["template"]);
        }
    }

    private static bool Covers(Inventory.Graph.Resource monitor, string ns)
    {
        var selector = monitor["spec"]?["namespaceSelector"];
        if (BoolOf(selector?["any"]) == true) return true;
        if (selector?["matchNames"]?.Items is { Count: > 0 } names) return names.Any(n => n.AsString == ns);
        return Pods.Namespace(monitor) == ns;
    }
}
