using System.Globalization;
using System.Text;

namespace Hypercare.Samples.Shop.Data;

/// <summary>
/// The shop's slow-query log in the format of MySQL's <c>slow_query_log</c> (FILE output), so that the tools
/// that read MySQL slow logs read this one: a banner like the one mysqld writes when it opens the log, then
/// one event per statement that ran at least <c>long_query_time</c>. Appends only, one writer at a time, and
/// flushes each event so a crash or a concurrent reader never sees half of one.
/// </summary>
internal sealed class SlowQueryLog : IDisposable
{
    public const string Database = "shop";

    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;
    private readonly HashSet<int> _connectionsInDatabase = [];

    public SlowQueryLog(string path, TimeSpan longQueryTime, TimeProvider time, string sqliteVersion, string databaseFile)
    {
        LongQueryTime = longQueryTime;
        _time = time;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        // mysqld writes this banner each time it opens the log; with networking off it reports port 0, and
        // the "socket" of an embedded SQLite database is its file.
        _writer.Write(
            $"/usr/sbin/mysqld, Version: {sqliteVersion} (SQLite, Hypercare sample shop). started with:\n" +
            $"Tcp port: 0  Unix socket: {databaseFile}\n" +
            "Time                 Id Command    Argument\n");
        _writer.Flush();
    }

    public TimeSpan LongQueryTime { get; }

    /// <summary>Writes the event when the statement was slow enough; returns whether it did.</summary>
    public bool Record(SlowQueryEvent e)
    {
        if (e.QueryTime < LongQueryTime)
            return false;
        var text = new StringBuilder(256 + e.Statement.Length);
        lock (_gate)
        {
            // Reading the clock under the lock keeps the events of the file in time order.
            var end = _time.GetUtcNow();
            var start = end - e.QueryTime;
            text.Append("# Time: ").Append(end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append('\n');
            text.Append("# User@Host: shop[shop] @ localhost []  Id: ").Append(e.ConnectionId.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append('\n');
            text.Append("# Query_time: ").Append(Seconds(e.QueryTime))
                .Append("  Lock_time: ").Append(Seconds(e.LockTime))
                .Append(" Rows_sent: ").Append(e.RowsSent.ToString(CultureInfo.InvariantCulture))
                .Append("  Rows_examined: ").Append(e.RowsExamined.ToString(CultureInfo.InvariantCulture)).Append('\n');
            // mysqld writes "use db;" when the thread's current database differs from the one it last logged.
            if (_connectionsInDatabase.Add(e.ConnectionId))
                text.Append("use ").Append(Database).Append(";\n");
            text.Append("SET timestamp=").Append(start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append(";\n");
            text.Append(e.Statement).Append('\n');
            _writer.Write(text.ToString());
            _writer.Flush();
        }
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
            _writer.Dispose();
    }

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);
}

/// <summary>One executed statement, its text already with literals and its terminating ';'.</summary>
internal readonly record struct SlowQueryEvent(
    int ConnectionId, TimeSpan QueryTime, TimeSpan LockTime, long RowsSent, long RowsExamined, string Statement);
