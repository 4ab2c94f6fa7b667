using System.IO.Compression;
using System.Text;
using Hypercare.Databases.MySql;
using Hypercare.Databases.Postgres;

namespace Hypercare.Databases.Digest;

/// <summary>Decides a log's format from its first lines (after gzip, when it is compressed).</summary>
internal static class LogFormatDetector
{
    private const int MaxLines = 50;

    /// <summary>
    /// MySQL slow log when a line starts with <c># Time:</c>, <c># User@Host:</c> or <c># Query_time:</c> or is the
    /// server's banner; pg_stat_statements when the first line is a CSV header with <c>calls</c> and <c>query</c>;
    /// a PostgreSQL log when a line matches the prefix and a severity, or is a jsonlog record, or holds <c> LOG:  </c> or <c>duration: </c>. Otherwise a MySQL slow log, whose reader
    /// then says what it could not read.
    /// </summary>
    public static LogFormat Detect(string path, LogLinePrefix prefix)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var first = new byte[2];
        var read = file.Read(first, 0, 2);
        if (read == 1) read += file.Read(first, 1, 1);
        var replay = new ReplayStream(first.AsMemory(0, read), file);
        using Stream input = read == 2 && first[0] == 0x1f && first[1] == 0x8b ? new GZipStream(replay, CompressionMode.Decompress) : replay;
        var buffer = new byte[64 * 1024];
        var length = 0;
        try
        {
            while (length < buffer.Length && input.Read(buffer, length, buffer.Length - length) is var n and > 0) length += n;
        }
        catch (InvalidDataException)
        {
            // A damaged gzip stream: decide from what came out, the reader will report the damage.
        }
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var lines = text.Split('\n').Take(MaxLines).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return LogFormat.MySqlSlow;
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
        if (header.Contains("calls") && header.Contains("query")) return LogFormat.PgStatStatements;
        foreach (var line in lines)
        {
            if (line.StartsWith("# Time:", StringComparison.Ordinal) || line.StartsWith("# User@Host:", StringComparison.Ordinal)
                || line.StartsWith("# Query_time:", StringComparison.Ordinal) || line.Contains(", Version: ", StringComparison.Ordinal) && line.EndsWith("started with:", StringComparison.Ordinal))
                return LogFormat.MySqlSlow;
            if (prefix.Match(line) is not null) return LogFormat.Postgres;
            if (line.StartsWith('{') && line.Contains("\"error_severity\":", StringComparison.Ordinal)) return LogFormat.Postgres;
        }
        // A PostgreSQL log written with another prefix: its reader says that the prefix does not match.
        return lines.Any(l => l.Contains(" LOG:  ", StringComparison.Ordinal) || l.Contains("duration: ", StringComparison.Ordinal)) ? LogFormat.Postgres : LogFormat.MySqlSlow;
    }
}
