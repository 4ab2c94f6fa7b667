namespace Hypercare.Capacity.Sampling;

/// <summary>The kinds of resource a load test can exhaust.</summary>
public enum ResourceKind
{
    /// <summary>Processor time of the host or of the target's process.</summary>
    Cpu,
    /// <summary>Memory of the host or of the process.</summary>
    Memory,
    /// <summary>Network interface bandwidth.</summary>
    Network,
    /// <summary>Disk time.</summary>
    Disk,
    /// <summary>A pool of connections (e.g. to the database) that requests queue for.</summary>
    ConnectionPool,
    /// <summary>The worker or thread pool that runs requests.</summary>
    ThreadPool,
    /// <summary>Garbage-collection pauses.</summary>
    GarbageCollection,
    /// <summary>The latency of something the target calls (a database, a cache, another service).</summary>
    Dependency,
}

/// <summary>What a series measures: its key (metric and labels), kind, unit and where it was read.</summary>
/// <param name="Key">A stable name, e.g. <c>node_cpu_busy</c> or <c>shop_db_query_duration_seconds{query="search"}</c>.</param>
/// <param name="Kind">The resource it describes.</param>
/// <param name="Measure">What one value means, e.g. "share of CPU time busy".</param>
/// <param name="Unit">ratio (0..1), cores, bytes, bytes/s, items, seconds.</param>
/// <param name="Source">The endpoint or /proc path it came from.</param>
public sealed record SeriesInfo(string Key, ResourceKind Kind, string Measure, string Unit, string Source);

/// <summary>One value of a series at a time, in seconds since sampling started.</summary>
public readonly record struct TimedValue(double Seconds, double Value);

/// <summary>The samples of one series.</summary>
public sealed class ResourceSeries(SeriesInfo info)
{
    private readonly List<TimedValue> _points = [];

    /// <summary>What the series measures.</summary>
    public SeriesInfo Info { get; } = info;

    /// <summary>The values in time order.</summary>
    public IReadOnlyList<TimedValue> Points => _points;

    internal void Add(double seconds, double value) => _points.Add(new TimedValue(seconds, value));

    /// <summary>The mean of the values taken inside a window, or null when none was.</summary>
    public double? MeanBetween(double from, double to)
    {
        double sum = 0;
        var n = 0;
        foreach (var p in _points)
        {
            if (p.Seconds < from || p.Seconds > to || !double.IsFinite(p.Value)) continue;
            sum += p.Value;
            n++;
        }
        return n == 0 ? null : sum / n;
    }
}

/// <summary>
/// The run's resource time series: one value per series per second, on the sampler's clock (seconds since
/// sampling started), so they line up with the load steps measured on the same clock.
/// </summary>
public sealed class ResourceTimeline
{
    private readonly Dictionary<string, ResourceSeries> _series = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Every series, in the order first seen.</summary>
    public IReadOnlyList<ResourceSeries> Series
    {
        get { lock (_gate) return [.. _series.Values]; }
    }

    /// <summary>The first series with a key (from any source), or null.</summary>
    public ResourceSeries? Find(string key)
    {
        lock (_gate) return _series.Values.FirstOrDefault(s => s.Info.Key == key);
    }

    /// <summary>Adds a value.</summary>
    public void Add(SeriesInfo info, double seconds, double value)
    {
        lock (_gate)
        {
            // The same signal can come from several endpoints (two services' process metrics): a series is a key at a source.
            var id = info.Key + "\u0000" + info.Source;
            if (!_series.TryGetValue(id, out var series)) _series[id] = series = new ResourceSeries(info);
            series.Add(seconds, value);
        }
    }
}
