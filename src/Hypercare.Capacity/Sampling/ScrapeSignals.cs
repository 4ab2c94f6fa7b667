using System.Text.RegularExpressions;

namespace Hypercare.Capacity.Sampling;

/// <summary>
/// Turns two consecutive scrapes of one endpoint into resource signals: counters become rates over the interval,
/// gauges are taken as read, histograms give the mean of what they observed in the interval. Metric names follow
/// node_exporter, the Prometheus client libraries' process metrics, .NET, JVM (Micrometer) and Go runtime metrics,
/// OpenTelemetry's database-client conventions and the common pool exporters (HikariCP, pgbouncer).
/// </summary>
public static partial class ScrapeSignals
{
    private static readonly string[] GcPauseCounters =
    [
        "dotnet_gc_pause_seconds_total", "dotnet_gc_pause_time_seconds_total", "process_runtime_dotnet_gc_pause_time_seconds_total",
        "jvm_gc_pause_seconds_sum", "go_gc_duration_seconds_sum", "nodejs_gc_duration_seconds_sum", "python_gc_collections_seconds_total",
    ];

    private static readonly string[] ThreadPoolQueues =
    [
        "dotnet_threadpool_queue_length", "dotnet_thread_pool_queue_length", "process_runtime_dotnet_thread_pool_queue_length",
        "executor_queued_tasks", "tomcat_threads_queue_size", "jetty_threads_jobs", "puma_backlog", "gunicorn_workers_backlog",
    ];

    [GeneratedRegex(@"(pool|connections|conns|clients?).*(waiting|pending|queued|wait_count)(_requests|_connections|_clients)?$")]
    private static partial Regex PoolWaitingGauge();

    [GeneratedRegex(@"(pool.*(_wait|_acquire)|connections?_(wait|acquire|pending)|acquire)")]
    private static partial Regex PoolWaitHistogram();

    [GeneratedRegex(@"(^|_)(db|sql|query|queries|database|redis|cache|memcached|mongo|client|payment|upstream|dependency|outbound|backend|grpc_client|rpc_client|kafka|rabbitmq)(_|$)")]
    private static partial Regex DependencyHistogram();

    [GeneratedRegex(@"^(http_request|http_server|http_requests|aspnetcore|kestrel|nginx|prometheus|promhttp|go_gc|jvm_gc|dotnet_gc)")]
    private static partial Regex ServerSideHistogram();

    /// <summary>The signals of one interval between <paramref name="earlier"/> and <paramref name="later"/>.</summary>
    /// <param name="earlier">The previous scrape.</param>
    /// <param name="later">This scrape.</param>
    /// <param name="seconds">The time between them.</param>
    /// <param name="source">The endpoint, for the series' description.</param>
    /// <param name="processors">The CPUs of the host, to express a process's CPU as a share of it.</param>
    public static IReadOnlyList<(SeriesInfo Info, double Value)> Between(IReadOnlyList<MetricSample> earlier, IReadOnlyList<MetricSample> later, double seconds, string source, int processors)
    {
        var signals = new List<(SeriesInfo, double)>();
        if (seconds <= 0) return signals;
        var before = Index(earlier);
        var after = Index(later);

        double? Rate(string key) => after.TryGetValue(key, out var now) && before.TryGetValue(key, out var then) ? Math.Max(0, now - then) / seconds : null;
        void Add(string key, ResourceKind kind, string measure, string unit, double value)
        {
            if (double.IsFinite(value)) signals.Add((new SeriesInfo(key, kind, measure, unit, source), value));
        }

        // Host, from node_exporter.
        var isNodeExporter = later.Any(s => s.Name == "node_cpu_seconds_total");
        if (isNodeExporter)
        {
            var node = NodeUsage.Between(earlier, later);
            Add("node_cpu_busy", ResourceKind.Cpu, "share of the host's CPU time busy (all modes but idle and iowait)", "ratio", node.CpuBusy);
            Add("node_memory_used", ResourceKind.Memory, "share of the host's memory in use (1 - MemAvailable / MemTotal)", "ratio", node.MemoryUsed);
            foreach (var device in later.Where(s => s.Name == "node_disk_io_time_seconds_total").Select(s => s.Label("device")).Distinct())
                if (Rate(Key("node_disk_io_time_seconds_total", "device", device)) is { } busy)
                    Add($"node_disk_busy{{device=\"{device}\"}}", ResourceKind.Disk, $"share of time disk {device} was busy with I/O", "ratio", Math.Min(1, busy));
            foreach (var device in later.Where(s => s.Name == "node_network_receive_bytes_total").Select(s => s.Label("device")).Distinct())
            {
                var rx = Rate(Key("node_network_receive_bytes_total", "device", device)) ?? 0;
                var tx = Rate(Key("node_network_transmit_bytes_total", "device", device)) ?? 0;
                var speed = later.FirstOrDefault(s => s.Name == "node_network_speed_bytes" && s.Label("device") == device)?.Value;
                if (speed is > 0)
                    Add($"node_network_utilization{{device=\"{device}\"}}", ResourceKind.Network, $"busier direction of {device} as a share of its link speed", "ratio", Math.Max(rx, tx) / speed.Value);
                else
                    Add($"node_network_bytes{{device=\"{device}\"}}", ResourceKind.Network, $"bytes received and sent per second on {device} (link speed unknown)", "bytes/s", rx + tx);
            }
        }

        // node_exporter's own process and Go runtime metrics describe the exporter, not the target.
        if (isNodeExporter) return signals;

        // The process, from the client library's standard metrics.
        if (Rate("process_cpu_seconds_total") is { } cores)
            Add("process_cpu", ResourceKind.Cpu, $"CPU the process used, as a share of the host's {processors} CPUs", "ratio", cores / Math.Max(1, processors));
        if (after.TryGetValue("process_resident_memory_bytes", out var rss))
            Add("process_resident_memory_bytes", ResourceKind.Memory, "resident memory of the process", "bytes", rss);

        // Runtime: garbage collection and the thread pool.
        foreach (var name in GcPauseCounters)
        {
            var keys = after.Keys.Where(k => Name(k) == name).ToList();
            if (keys.Count == 0) continue;
            var paused = keys.Sum(k => Rate(k) ?? 0);
            Add("gc_pause", ResourceKind.GarbageCollection, $"share of time the runtime was paused for garbage collection ({name})", "ratio", Math.Min(1, paused));
            break;
        }
        foreach (var name in ThreadPoolQueues)
            if (after.TryGetValue(name, out var queued))
                Add(name, ResourceKind.ThreadPool, "work items queued for the thread pool", "items", queued);

        // Pools: requests waiting, and the share of the pool in use.
        foreach (var s in later)
        {
            if (s.Name.EndsWith("_total", StringComparison.Ordinal) || s.Name.EndsWith("_bucket", StringComparison.Ordinal) || s.Name.EndsWith("_count", StringComparison.Ordinal) || s.Name.EndsWith("_sum", StringComparison.Ordinal)) continue;
            // nginx's "waiting" connections are idle keep-alive connections, not requests queueing.
            if (PoolWaitingGauge().IsMatch(s.Name) && !s.Name.StartsWith("nginx_", StringComparison.Ordinal))
                Add(KeyOf(s), ResourceKind.ConnectionPool, "requests waiting for a pooled connection", "items", s.Value);
            foreach (var (used, size) in new[] { ("_in_use", "_size"), ("_active", "_max"), ("_in_use", "_max"), ("_busy", "_max") })
            {
                if (!s.Name.EndsWith(used, StringComparison.Ordinal)) continue;
                var prefix = s.Name[..^used.Length];
                if (!prefix.Contains("pool", StringComparison.Ordinal) && !prefix.Contains("connections", StringComparison.Ordinal)) continue;
                var limit = later.FirstOrDefault(x => x.Name == prefix + size && SameLabels(x, s));
                if (limit is { Value: > 0 })
                    Add(KeyOf(s).Replace(used, "_utilization", StringComparison.Ordinal), ResourceKind.ConnectionPool, $"share of the pool in use ({s.Name} / {limit.Name})", "ratio", s.Value / limit.Value);
            }
        }

        // Histograms: pool waits and the latency of dependencies, as the mean over the interval.
        foreach (var sum in later.Where(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)))
        {
            var family = sum.Name[..^4];
            if (!family.EndsWith("seconds", StringComparison.Ordinal) || ServerSideHistogram().IsMatch(family) || GcPauseCounters.Contains(sum.Name)) continue;
            var labels = LabelText(sum);
            var count = family + "_count" + labels;
            if (!after.TryGetValue(count, out var countNow) || !before.TryGetValue(count, out var countThen) || !before.TryGetValue(sum.Name + labels, out var sumThen)) continue;
            var calls = countNow - countThen;
            if (calls <= 0) continue;
            var mean = (sum.Value - sumThen) / calls;
            if (PoolWaitHistogram().IsMatch(family))
                Add(family + "_mean" + labels, ResourceKind.ConnectionPool, "mean wait for a pooled connection", "seconds", mean);
            else if (DependencyHistogram().IsMatch(family))
                Add(family + "_mean" + labels, ResourceKind.Dependency, $"mean latency of a call the target makes ({family}{labels})", "seconds", mean);
        }
        return signals;
    }

    private static Dictionary<string, double> Index(IReadOnlyList<MetricSample> samples)
    {
        var index = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in samples) index[s.Name + LabelText(s)] = s.Value;
        return index;
    }

    private static string Key(string name, string label, string? value) => value is null ? name : $"{name}{{{label}=\"{value}\"}}";

    private static string Name(string key) => key.IndexOf('{', StringComparison.Ordinal) is var i and >= 0 ? key[..i] : key;

    private static string KeyOf(MetricSample s) => s.Name + LabelText(s);

    private static bool SameLabels(MetricSample a, MetricSample b) => LabelText(a) == LabelText(b);

    private static string LabelText(MetricSample s)
    {
        var labels = s.Labels.Where(l => l.Key != "le" && l.Key != "quantile").OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        return labels.Count == 0 ? "" : "{" + string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
    }
}
