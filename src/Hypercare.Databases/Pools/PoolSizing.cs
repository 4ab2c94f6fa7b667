using System.Globalization;

namespace Hypercare.Databases.Pools;

/// <summary>What the connection-pool sizing starts from.</summary>
/// <param name="PeakRate">Requests per second at the event's peak.</param>
/// <param name="QueriesPerRequest">Database statements one request runs, on average.</param>
/// <param name="MeanQueryTime">Seconds one statement holds its connection, on average (from the digest).</param>
/// <param name="SlowLogOnly">True when the mean comes from a slow log that only holds statements above long_query_time: it is then an upper bound.</param>
/// <param name="Instances">How many application instances share the database at the peak (the service tier's largest size), if known.</param>
/// <param name="PoolPerInstance">The connection pool each instance declares, if known.</param>
/// <param name="ServerMaxConnections">The database server's max_connections, if known.</param>
/// <param name="Headroom">Planned headroom above the peak (0.3 = 30%).</param>
public sealed record PoolInputs(double PeakRate, double QueriesPerRequest, double MeanQueryTime, bool SlowLogOnly, int? Instances, long? PoolPerInstance, long? ServerMaxConnections, double Headroom = 0.3);

/// <summary>How a pool check came out.</summary>
public enum PoolVerdict
{
    /// <summary>The pools hold the peak and the server holds the pools.</summary>
    Fits,
    /// <summary>Requests will wait for a connection at the peak: the pools are too small.</summary>
    PoolsTooSmall,
    /// <summary>The pools together can open more connections than the server accepts.</summary>
    ServerTooSmall,
    /// <summary>Both.</summary>
    Both,
    /// <summary>A number needed is not known.</summary>
    NotMeasured,
}

/// <summary>
/// Connection-pool sizing by Little's law: connections busy at the peak = statements per second × seconds each
/// holds a connection. Held against the pools the application instances declare (together) and against what the
/// database server accepts.
/// </summary>
/// <param name="StatementsPerSecond">Statements per second at the peak.</param>
/// <param name="BusyConnections">Connections busy on average at the peak (L = λ × W).</param>
/// <param name="NeededWithHeadroom">Busy connections with the planned headroom.</param>
/// <param name="RecommendedPerInstance">Pool size per instance that holds the peak with headroom, when the instance count is known.</param>
/// <param name="DeclaredTotal">Pool per instance × instances, when both are known.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="Findings">What is wrong and what to change, with the numbers.</param>
/// <param name="Assumptions">What the numbers rest on.</param>
public sealed record PoolSizing(double StatementsPerSecond, double BusyConnections, double NeededWithHeadroom, int? RecommendedPerInstance, long? DeclaredTotal, PoolVerdict Verdict, IReadOnlyList<string> Findings, IReadOnlyList<string> Assumptions)
{
    /// <summary>Sizes the pools for the peak.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, count or time is negative or not finite.</exception>
    public static PoolSizing For(PoolInputs input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var (value, name) in new[] { (input.PeakRate, nameof(input.PeakRate)), (input.QueriesPerRequest, nameof(input.QueriesPerRequest)), (input.MeanQueryTime, nameof(input.MeanQueryTime)), (input.Headroom, nameof(input.Headroom)) })
            if (!double.IsFinite(value) || value < 0) throw new ArgumentOutOfRangeException(name, value, "must be a finite number of zero or more");
        var c = CultureInfo.InvariantCulture;
        var lambda = input.PeakRate * input.QueriesPerRequest;
        var busy = lambda * input.MeanQueryTime;
        var needed = busy * (1 + input.Headroom);
        var assumptions = new List<string>
        {
            string.Create(c, $"{input.PeakRate:0.##} requests/s × {input.QueriesPerRequest:0.##} statement(s) per request = {lambda:0.##} statements/s at the peak"),
            string.Create(c, $"each holds a connection {input.MeanQueryTime * 1000:0.###} ms on average (the digest's mean query time)"),
            "connections are held only while a statement runs (no transactions left open between statements, no time spent in the application while holding one)",
        };
        if (input.SlowLogOnly)
            assumptions.Add("the mean comes from a slow log, which holds only statements above long_query_time: it overstates the mean, so the busy connections are an upper bound (set long_query_time = 0 for a sample to measure it)");
        int? perInstance = input.Instances is { } n and > 0 ? (int)Math.Ceiling(needed / n) : null;
        long? declared = input.Instances is { } i && input.PoolPerInstance is { } p ? i * p : null;
        var findings = new List<string>();
        var poolsShort = declared is { } d && d < needed;
        var serverShort = declared is { } total && input.ServerMaxConnections is { } max && total > max;
        if (poolsShort)
            findings.Add(string.Create(c, $"the pools hold {declared} connections ({input.Instances} instances × {input.PoolPerInstance}); the peak keeps {busy:0.#} busy, {needed:0.#} with {input.Headroom * 100:0}% headroom: requests wait for a connection. Raise the pool to {perInstance} per instance, or cut the time statements hold connections (the digest's top classes)"));
        if (serverShort)
            findings.Add(string.Create(c, $"the pools can open {declared} connections ({input.Instances} × {input.PoolPerInstance}) but the server accepts {input.ServerMaxConnections}: at full scale-out new connections are refused. Raise max_connections, put a pooler (ProxySQL, PgBouncer, RDS proxy) in front, or lower the pool to {Math.Max(1, input.ServerMaxConnections!.Value / Math.Max(1, input.Instances!.Value))} per instance"));
        if (input.ServerMaxConnections is { } server && needed > server)
            findings.Add(string.Create(c, $"the peak needs {needed:0.#} connections busy at once with headroom, more than the server's max_connections of {server}: no pool setting fixes this; shorten the statements or add read replicas for the reads"));
        var verdict = declared is null || (input.ServerMaxConnections is null && !poolsShort) ? (poolsShort ? PoolVerdict.PoolsTooSmall : PoolVerdict.NotMeasured)
            : poolsShort && serverShort ? PoolVerdict.Both : poolsShort ? PoolVerdict.PoolsTooSmall : serverShort ? PoolVerdict.ServerTooSmall : PoolVerdict.Fits;
        return new PoolSizing(lambda, busy, needed, perInstance, declared, verdict, findings, assumptions);
    }
}
