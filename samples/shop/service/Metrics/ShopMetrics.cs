using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Hypercare.Samples.Shop.Metrics;

/// <summary>
/// The shop's own measurements and the runtime's, exposed at /metrics. Recording is lock-free or holds a
/// per-histogram lock briefly, so that measuring does not become the bottleneck under load.
/// </summary>
internal sealed class ShopMetrics
{
    private readonly ConcurrentDictionary<(string Route, string Method, int Status), StrongBox<long>> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _requestDurations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram> _queryDurations = new(StringComparer.Ordinal);
    private long _poolInUse;
    private long _poolWaiting;
    private long _poolQueued;

    public ShopMetrics(int poolSize) => PoolSize = poolSize;

    public int PoolSize { get; }

    public Histogram PoolWait { get; } = new(Histogram.StatementBuckets);

    public Histogram PaymentDuration { get; } = new(Histogram.RequestBuckets);

    public long PoolInUse => Interlocked.Read(ref _poolInUse);

    public long PoolWaiting => Interlocked.Read(ref _poolWaiting);

    public void RecordRequest(string route, string method, int status, double seconds)
    {
        var counter = _requests.GetOrAdd((route, method, status), static _ => new StrongBox<long>());
        Interlocked.Increment(ref counter.Value);
        _requestDurations.GetOrAdd(route, static _ => new Histogram(Histogram.RequestBuckets)).Observe(seconds);
    }

    public void RecordQuery(string query, double seconds) =>
        _queryDurations.GetOrAdd(query, static _ => new Histogram(Histogram.StatementBuckets)).Observe(seconds);

    public void PoolWaitStarted()
    {
        Interlocked.Increment(ref _poolWaiting);
        Interlocked.Increment(ref _poolQueued);
    }

    public void PoolWaitEnded() => Interlocked.Decrement(ref _poolWaiting);

    public void ConnectionLeased() => Interlocked.Increment(ref _poolInUse);

    public void ConnectionReturned() => Interlocked.Decrement(ref _poolInUse);

    /// <summary>The whole exposition, in a stable order of families.</summary>
    public string Render()
    {
        var w = new PrometheusTextWriter();

        w.Family("http_requests_total", "counter", "HTTP requests handled, by route template, method and status code.");
        foreach (var (key, count) in _requests.OrderBy(p => p.Key.Route, StringComparer.Ordinal)
                     .ThenBy(p => p.Key.Method, StringComparer.Ordinal).ThenBy(p => p.Key.Status))
            w.Sample("http_requests_total", Interlocked.Read(ref count.Value),
                ("route", key.Route), ("method", key.Method), ("status", key.Status.ToString()));

        w.Family("http_request_duration_seconds", "histogram", "Time from the request reaching the shop to its response, by route template.");
        foreach (var (route, histogram) in _requestDurations.OrderBy(p => p.Key, StringComparer.Ordinal))
            w.Histogram("http_request_duration_seconds", histogram, ("route", route));

        w.Family("shop_db_pool_size", "gauge", "Database connections the shop may hold open at once.");
        w.Sample("shop_db_pool_size", PoolSize);
        w.Family("shop_db_pool_in_use", "gauge", "Database connections leased by requests right now.");
        w.Sample("shop_db_pool_in_use", PoolInUse);
        w.Family("shop_db_pool_waiting", "gauge", "Requests queued for a database connection right now.");
        w.Sample("shop_db_pool_waiting", PoolWaiting);
        w.Family("shop_db_pool_queued_total", "counter", "Connection requests that found the pool exhausted and had to queue.");
        w.Sample("shop_db_pool_queued_total", Interlocked.Read(ref _poolQueued));
        w.Family("shop_db_pool_wait_seconds", "histogram", "Time a request waited for a database connection, zero when one was free.");
        w.Histogram("shop_db_pool_wait_seconds", PoolWait);

        w.Family("shop_db_query_duration_seconds", "histogram", "Time a statement took to execute and return its rows, by statement name.");
        foreach (var (query, histogram) in _queryDurations.OrderBy(p => p.Key, StringComparer.Ordinal))
            w.Histogram("shop_db_query_duration_seconds", histogram, ("query", query));

        w.Family("shop_payment_duration_seconds", "histogram", "Time the payment provider took to authorize a checkout, as seen by the shop.");
        w.Histogram("shop_payment_duration_seconds", PaymentDuration);

        using (var process = Process.GetCurrentProcess())
        {
            w.Family("process_cpu_seconds_total", "counter", "User and system CPU time of the process in seconds.");
            w.Sample("process_cpu_seconds_total", process.TotalProcessorTime.TotalSeconds);
            w.Family("process_resident_memory_bytes", "gauge", "Resident memory of the process in bytes.");
            w.Sample("process_resident_memory_bytes", process.WorkingSet64);
        }

        w.Family("dotnet_gc_collections_total", "counter", "Garbage collections since the process started, by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
            w.Sample("dotnet_gc_collections_total", GC.CollectionCount(generation), ("generation", generation.ToString()));
        w.Family("dotnet_gc_pause_seconds_total", "counter", "Time the runtime paused threads for garbage collection.");
        w.Sample("dotnet_gc_pause_seconds_total", GC.GetTotalPauseDuration().TotalSeconds);
        w.Family("dotnet_threadpool_queue_length", "gauge", "Work items queued for the thread pool and not yet started.");
        w.Sample("dotnet_threadpool_queue_length", ThreadPool.PendingWorkItemCount);
        w.Family("dotnet_threadpool_threads", "gauge", "Thread pool threads that exist right now.");
        w.Sample("dotnet_threadpool_threads", ThreadPool.ThreadCount);

        return w.ToString();
    }
}
