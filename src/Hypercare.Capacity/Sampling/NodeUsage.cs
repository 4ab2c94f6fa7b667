namespace Hypercare.Capacity.Sampling;

/// <summary>What a host used between two node_exporter scrapes.</summary>
public sealed record NodeUsage(double CpuBusy, double MemoryUsed, int Cpus)
{
    /// <summary>
    /// CPU busy share (all modes but idle and iowait, over all CPUs) from the change in
    /// <c>node_cpu_seconds_total</c>, and memory in use (1 - MemAvailable / MemTotal) from the later scrape.
    /// </summary>
    public static NodeUsage Between(IReadOnlyList<MetricSample> earlier, IReadOnlyList<MetricSample> later)
    {
        static Dictionary<(string?, string?), double> Cpu(IReadOnlyList<MetricSample> s) =>
            s.Where(x => x.Name == "node_cpu_seconds_total").ToDictionary(x => (x.Label("cpu"), x.Label("mode")), x => x.Value);
        var before = Cpu(earlier);
        var after = Cpu(later);
        double total = 0, idle = 0;
        foreach (var (key, value) in after)
        {
            if (!before.TryGetValue(key, out var old)) continue;
            var delta = Math.Max(0, value - old);
            total += delta;
            if (key.Item2 is "idle" or "iowait") idle += delta;
        }
        var cpus = after.Keys.Select(k => k.Item1).Distinct().Count();
        double Gauge(string name) => later.FirstOrDefault(x => x.Name == name)?.Value ?? double.NaN;
        var memTotal = Gauge("node_memory_MemTotal_bytes");
        var memAvailable = Gauge("node_memory_MemAvailable_bytes");
        return new NodeUsage(total <= 0 ? double.NaN : (total - idle) / total, memTotal > 0 ? 1 - memAvailable / memTotal : double.NaN, cpus);
    }
}
