using Hypercare.Core.Problems;

namespace Hypercare.Databases.Digest;

/// <summary>The digest of one or more logs: the query classes in order, and what was read.</summary>
/// <param name="Classes">Every class, ranked (most total query time first).</param>
/// <param name="Events">Events digested (for pg_stat_statements, the calls the server counted).</param>
/// <param name="TotalQueryTime">Seconds of query time over all events.</param>
/// <param name="FirstSeen">The earliest event time.</param>
/// <param name="LastSeen">The latest event time.</param>
/// <param name="QueriesPerSecond">Events over the time range; null when the range is zero.</param>
/// <param name="SkippedEvents">Events that could not be used (truncated, no timings, too long); each has a problem.</param>
/// <param name="StrayLines">Lines outside any event that are not a banner.</param>
/// <param name="Files">Each log read.</param>
/// <param name="Problems">Located problems (the first ones; see <paramref name="ProblemCount"/>).</param>
/// <param name="ProblemCount">All problems met.</param>
public sealed record DigestReport(
    IReadOnlyList<QueryClass> Classes,
    long Events,
    double TotalQueryTime,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    double? QueriesPerSecond,
    long SkippedEvents,
    long StrayLines,
    IReadOnlyList<LogFileSummary> Files,
    IReadOnlyList<Problem> Problems,
    long ProblemCount);

/// <summary>One log read by the digest.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="Compressed">Whether it was gzip-compressed.</param>
/// <param name="Events">Events read from it.</param>
/// <param name="SkippedEvents">Events skipped in it.</param>
public sealed record LogFileSummary(string Path, LogFormat Format, bool Compressed, long Events, long SkippedEvents);

/// <summary>Log formats the digest knows of.</summary>
public enum LogFormat
{
    /// <summary>Decide from the content.</summary>
    Auto,

    /// <summary>MySQL, Percona Server or MariaDB slow query log.</summary>
    MySqlSlow,

    /// <summary>PostgreSQL server log (stderr format) with durations (<c>log_min_duration_statement</c>).</summary>
    Postgres,

    /// <summary>pg_stat_statements exported as CSV with a header.</summary>
    PgStatStatements,
}

/// <summary>How the digest reads and aggregates.</summary>
public sealed record DigestOptions
{
    /// <summary>The format of the logs. <value>Auto by default.</value></summary>
    public LogFormat Format { get; init; } = LogFormat.Auto;

    /// <summary>
    /// The PostgreSQL server's <c>log_line_prefix</c>, for its logs. <value>The Debian default <c>%m [%p] %q%u@%d </c> when null.</value>
    /// </summary>
    public string? LogLinePrefix { get; init; }

    /// <summary>
    /// Values of each measure kept per class for exact percentiles. <value>10,000 by default.</value>
    /// </summary>
    /// <remarks>What this gives up: beyond it, percentiles come from a histogram (within 1%); memory per class stays bounded.</remarks>
    public int ExactValues { get; init; } = 10_000;

    /// <summary>Distinct databases, users and hosts counted per class; later new ones count as "(others)". <value>100 by default.</value></summary>
    public int DistinctValues { get; init; } = 100;
}
