namespace Hypercare.Databases.Digest;

/// <summary>One query class of the digest: every event whose statement has the same fingerprint.</summary>
/// <param name="Rank">1 for the class with the most total query time (the default order).</param>
/// <param name="QueryId">MD5 of the fingerprint, 32 uppercase hexadecimal digits (pt-query-digest prints it after <c>0x</c>).</param>
/// <param name="Fingerprint">The statement with its values abstracted (<see cref="Fingerprints.Fingerprint"/>).</param>
/// <param name="Item">A short name: the verb and the tables, such as <c>SELECT products</c>.</param>
/// <param name="Calls">How many events.</param>
/// <param name="Share">This class's share of all query time, 0 to 1.</param>
/// <param name="QueryTime">Seconds per execution.</param>
/// <param name="LockTime">Seconds waiting for locks.</param>
/// <param name="RowsSent">Rows sent per execution.</param>
/// <param name="RowsExamined">Rows examined per execution.</param>
/// <param name="Databases">Databases the class ran in, most frequent first.</param>
/// <param name="Users">Users, most frequent first.</param>
/// <param name="Hosts">Client hosts, most frequent first.</param>
/// <param name="FirstSeen">The earliest event time, when events have times.</param>
/// <param name="LastSeen">The latest event time.</param>
/// <param name="QueriesPerSecond">Calls over the time from first to last seen; null when that is zero.</param>
/// <param name="LatencyHistogram">Counts of query times in decades: under 10 µs, 100 µs, 1 ms, 10 ms, 100 ms, 1 s, 10 s, and 10 s or more.</param>
/// <param name="Worst">
/// The event with the largest query time; for a PostgreSQL log, with its parameters substituted; for
/// pg_stat_statements (which keeps no executions), the row with the most total time, its query time the row's
/// max (or mean) and its statement the server's normalized text.
/// </param>
/// <param name="Source">Where the class comes from: a MySQL slow log, a PostgreSQL log or pg_stat_statements.</param>
/// <param name="Statistics">Which statistics are measured and which do not exist for this source.</param>
public sealed record QueryClass(
    int Rank,
    string QueryId,
    string Fingerprint,
    string Item,
    long Calls,
    double Share,
    MetricStatistics QueryTime,
    MetricStatistics LockTime,
    MetricStatistics RowsSent,
    MetricStatistics RowsExamined,
    IReadOnlyList<ValueCount> Databases,
    IReadOnlyList<ValueCount> Users,
    IReadOnlyList<ValueCount> Hosts,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    double? QueriesPerSecond,
    IReadOnlyList<long> LatencyHistogram,
    QuerySample Worst,
    LogFormat Source = LogFormat.MySqlSlow,
    ClassStatistics Statistics = ClassStatistics.PerExecution)
{
    /// <summary>Variance over mean of the query time: near 0 the class is steady; large, some executions are far slower.</summary>
    public double VarianceToMean => QueryTime.VarianceToMean;

    /// <summary>How many events the server flagged with a full scan, a temporary table or a filesort, when it logs them.</summary>
    public ExecutionFlags Flags { get; init; } = ExecutionFlags.None;
}

/// <summary>
/// Events of a class that Percona Server's extended lines (<c>Full_scan: Yes</c>, <c>Tmp_table_on_disk: Yes</c>,
/// <c>Filesort: Yes</c>...) or MySQL 8.0's <c>log_slow_extra</c> (<c>Select_scan</c>, <c>Created_tmp_disk_tables</c>,
/// <c>Sort_merge_passes</c>...) flag. <see cref="Logged"/> is 0 when the log has neither.
/// </summary>
/// <param name="Logged">Events that carry any of these attributes.</param>
/// <param name="FullScan">Events that read a whole table (or index).</param>
/// <param name="FullJoin">Events that joined without an index.</param>
/// <param name="TmpTable">Events that made an internal temporary table.</param>
/// <param name="TmpTableOnDisk">Events whose temporary table went to disk.</param>
/// <param name="Filesort">Events that sorted rows.</param>
/// <param name="FilesortOnDisk">Events whose sort needed merge passes on disk.</param>
public sealed record ExecutionFlags(long Logged, long FullScan, long FullJoin, long TmpTable, long TmpTableOnDisk, long Filesort, long FilesortOnDisk)
{
    /// <summary>Nothing logged.</summary>
    public static readonly ExecutionFlags None = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>A value (database, user, host) and how many events had it.</summary>
public sealed record ValueCount(string Value, long Count);

/// <summary>One event kept as an example, with where it is in its log.</summary>
public sealed record QuerySample(string Statement, DateTimeOffset? Time, string? Database, string? User, string? Host, double QueryTime, double LockTime, long RowsSent, long RowsExamined, string? File, long ByteOffset, long Line);

/// <summary>What a class's statistics are made of.</summary>
public enum ClassStatistics
{
    /// <summary>Every execution was read: all statistics are exact (MySQL slow logs).</summary>
    PerExecution,

    /// <summary>
    /// Every execution was read, but the log has only the duration (PostgreSQL logs): lock time, rows sent and rows
    /// examined do not exist and are zero.
    /// </summary>
    PerExecutionTimeOnly,

    /// <summary>
    /// The server's sums (pg_stat_statements): calls, total and mean time and total rows; no percentiles, median,
    /// histogram, time range or worst execution; min, max and deviation were not exported.
    /// </summary>
    ServerSums,

    /// <summary>As <see cref="ServerSums"/>, with the server's min, max and deviation of the time per call.</summary>
    ServerSumsWithExtremes,
}
