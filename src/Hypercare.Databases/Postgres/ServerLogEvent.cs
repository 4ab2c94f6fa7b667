namespace Hypercare.Databases.Postgres;

/// <summary>One statement a PostgreSQL server logged with its duration (<c>log_min_duration_statement</c>).</summary>
/// <param name="Time">From the prefix (<c>%m</c>, <c>%n</c> or <c>%t</c>); null when the prefix has no time.</param>
/// <param name="ProcessId">The backend's process id (<c>%p</c>).</param>
/// <param name="User">The role (<c>%u</c>).</param>
/// <param name="Database">The database (<c>%d</c>).</param>
/// <param name="Application">The application name (<c>%a</c>).</param>
/// <param name="ClientHost">The client host (<c>%h</c> or <c>%r</c>).</param>
/// <param name="Duration">Seconds, from <c>duration: 12.345 ms</c>.</param>
/// <param name="Kind"><c>statement</c> (simple protocol) or <c>execute</c> (extended protocol).</param>
/// <param name="PreparedName">For <c>execute</c>: the prepared statement's name (<c>&lt;unnamed&gt;</c>, <c>S_1</c>...).</param>
/// <param name="Statement">The statement as logged (with <c>$1</c> placeholders for <c>execute</c>); lines of a multi-line statement keep their line breaks.</param>
/// <param name="Parameters">The <c>DETAIL:  parameters:</c> text after <c>parameters: </c>, or null.</param>
/// <param name="Runnable">The statement with its parameters substituted (the statement itself when it has none).</param>
/// <param name="ByteOffset">Offset of the event's first line in the (decompressed) log.</param>
/// <param name="Line">1-based line of the event's first line.</param>
public sealed record ServerLogEvent(
    DateTimeOffset? Time,
    int? ProcessId,
    string? User,
    string? Database,
    string? Application,
    string? ClientHost,
    double Duration,
    string Kind,
    string? PreparedName,
    string Statement,
    string? Parameters,
    string Runnable,
    long ByteOffset,
    long Line);
