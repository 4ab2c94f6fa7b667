namespace Hypercare.Databases.MySql;

/// <summary>One event of a MySQL slow query log: a statement with what the server measured about it.</summary>
/// <param name="Time">
/// When it ended: the last <c># Time:</c> line at or before the event (the server writes one only when the second
/// changes, so later events inherit it); the <c>SET timestamp</c> when the log has no <c># Time:</c> yet; null when
/// neither is there. Times written without a zone (5.0/5.1 <c>071015 21:43:52</c>) are taken as UTC.
/// </param>
/// <param name="User">The user of <c># User@Host:</c> (<c>SQL_SLAVE</c> for replication threads), null when absent.</param>
/// <param name="Host">The host of <c># User@Host:</c>, or its IP address when the host name is empty; null when absent.</param>
/// <param name="Database">
/// The database of the event's <c>use db;</c> line, or Percona's <c>Schema:</c> attribute, or else the last <c>use</c>
/// in the log since it was (re)opened: the server writes <c>use</c> only when the database changes.
/// </param>
/// <param name="ThreadId">The connection id (<c>Id:</c> of User@Host, or <c>Thread_id:</c>).</param>
/// <param name="QueryTime">Seconds the statement ran.</param>
/// <param name="LockTime">Seconds it waited for locks.</param>
/// <param name="RowsSent">Rows sent to the client.</param>
/// <param name="RowsExamined">Rows the server read to answer.</param>
/// <param name="Attributes">Every other <c># Key: value</c> attribute as written (Percona's extended lines, 8.0's <c>log_slow_extra</c>).</param>
/// <param name="Statement">The statement without its final <c>;</c>; lines of a multi-line statement keep their line breaks.</param>
/// <param name="IsAdministratorCommand">True for <c># administrator command: Quit;</c> and its kind; the statement is then <c>administrator command: Quit</c>.</param>
/// <param name="ByteOffset">Offset of the event's first line in the (decompressed) log.</param>
/// <param name="Line">1-based line of the event's first line.</param>
public sealed record SlowLogEvent(
    DateTimeOffset? Time,
    string? User,
    string? Host,
    string? Database,
    long? ThreadId,
    double QueryTime,
    double LockTime,
    long RowsSent,
    long RowsExamined,
    IReadOnlyDictionary<string, string> Attributes,
    string Statement,
    bool IsAdministratorCommand,
    long ByteOffset,
    long Line);
