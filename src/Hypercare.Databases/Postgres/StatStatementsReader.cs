using System.Globalization;
using System.Text;
using Hypercare.Core.Problems;
using Hypercare.Databases.MySql;

namespace Hypercare.Databases.Postgres;

/// <summary>
/// One row of pg_stat_statements: a statement (already normalized by the server, with <c>$1</c> placeholders) and
/// what the server summed over its calls. Times are in seconds (the view has milliseconds).
/// </summary>
/// <param name="QueryId">The server's <c>queryid</c>, when exported.</param>
/// <param name="User"><c>userid</c> (an oid), or a role name when the export has <c>rolname</c>/<c>usename</c>/<c>username</c>.</param>
/// <param name="Database"><c>dbid</c> (an oid), or a name when the export has <c>datname</c>/<c>database</c>.</param>
/// <param name="TopLevel"><c>toplevel</c> (PostgreSQL 14+): false for statements run inside functions.</param>
/// <param name="Query">The statement text.</param>
/// <param name="Calls">Executions.</param>
/// <param name="TotalTime">Seconds over all calls (<c>total_exec_time</c>, or <c>total_time</c> before 13).</param>
/// <param name="MinTime">The fastest call (<c>min_exec_time</c>/<c>min_time</c>), when exported.</param>
/// <param name="MaxTime">The slowest call, when exported.</param>
/// <param name="MeanTime">The mean (<c>mean_exec_time</c>/<c>mean_time</c>), when exported; else total over calls.</param>
/// <param name="StandardDeviation">The population deviation (<c>stddev_exec_time</c>/<c>stddev_time</c>), when exported.</param>
/// <param name="Rows">Rows retrieved or affected over all calls.</param>
/// <param name="SharedBlocksHit">Shared buffer hits over all calls.</param>
/// <param name="SharedBlocksRead">Shared blocks read over all calls.</param>
/// <param name="Line">1-based line of the row in the file.</param>
public sealed record StatStatementsRow(
    string? QueryId,
    string? User,
    string? Database,
    bool? TopLevel,
    string Query,
    long Calls,
    double TotalTime,
    double? MinTime,
    double? MaxTime,
    double MeanTime,
    double? StandardDeviation,
    long? Rows,
    long? SharedBlocksHit,
    long? SharedBlocksRead,
    long Line);

/// <summary>
/// Reads pg_stat_statements exported as CSV with a header (<c>\copy (select * from pg_stat_statements) to
/// 'f.csv' csv header</c>): columns are found by name, PostgreSQL 13+ names (<c>total_exec_time</c>...) or older
/// ones (<c>total_time</c>...); quoted fields may hold line breaks and doubled quotes; plain or gzip.
/// </summary>
/// <remarks>
/// The view keeps sums, not executions: the count, total, mean and (when exported) min, max and deviation are the
/// server's; percentiles and a worst execution do not exist in it. A row that cannot be read is skipped, counted
/// and located; the reader never throws on content.
/// </remarks>
public sealed class StatStatementsReader
{
    /// <summary>How many located problems are kept; the rest are only counted.</summary>
    public const int MaxProblems = 100;

    private readonly Stream _stream;
    private readonly string? _file;
    private readonly int _maxFieldChars;
    private readonly List<Problem> _problems = [];

    /// <summary>Creates a reader over a stream (plain or gzip) that the caller owns.</summary>
    public StatStatementsReader(Stream stream, string? file = null, int maxFieldChars = 64 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _file = file;
        _maxFieldChars = maxFieldChars;
    }

    /// <summary>Rows that could not be used; each has a problem.</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Located problems met so far, at most <see cref="MaxProblems"/>.</summary>
    public IReadOnlyList<Problem> Problems => _problems;

    /// <summary>All problems met so far.</summary>
    public long ProblemCount { get; private set; }

    /// <summary>Whether the input was gzip-compressed.</summary>
    public bool Compressed { get; private set; }

    /// <summary>Whether the columns include min, max and deviation of the time per call.</summary>
    public bool HasExtremes { get; private set; }

    /// <summary>The rows, read lazily (enumerate once).</summary>
    public IEnumerable<StatStatementsRow> Rows()
    {
        using var input = Decompressed();
        using var reader = new StreamReader(input, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = new CsvRecords(reader, _maxFieldChars);
        Columns? columns = null;
        while (true)
        {
            List<string>? fields;
            try
            {
                fields = csv.Next();
            }
            catch (InvalidDataException e)
            {
                Report(csv.Line, "damaged-gzip", $"the compressed data is damaged ({e.Message}); the rest of the file cannot be read");
                yield break;
            }
            if (fields is null) break;
            if (csv.TooLong)
            {
                Skip(csv.RecordLine, $"a field is longer than {_maxFieldChars} characters");
                continue;
            }
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            if (columns is null)
            {
                columns = Columns.From(fields);
                if (columns.Problem is { } missing)
                {
                    Report(csv.RecordLine, "not-pg-stat-statements", missing);
                    yield break;
                }
                HasExtremes = columns.Min >= 0 && columns.Max >= 0;
                continue;
            }
            if (fields.Count != columns.Count)
            {
                Skip(csv.RecordLine, $"it has {fields.Count} fields where the header has {columns.Count}");
                continue;
            }
            if (Row(fields, columns, csv.RecordLine, out var why) is { } row) yield return row;
            else Skip(csv.RecordLine, why!);
        }
        if (csv.Unterminated) Report(csv.RecordLine, "unterminated-quote", "the file ends inside a quoted field (truncated?); that last row is skipped");
        if (columns is null && ProblemCount == 0) Report(1, "not-pg-stat-statements", "the file is empty: no header row");
    }

    private static StatStatementsRow? Row(List<string> f, Columns c, long line, out string? why)
    {
        why = null;
        if (!long.TryParse(f[c.Calls], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var calls) || calls < 0)
        {
            why = $"calls '{Cut(f[c.Calls])}' is not a count";
            return null;
        }
        if (!TryMs(f[c.Total], out var total) || total is not { } totalMs)
        {
            why = $"the total time '{Cut(f[c.Total])}' is not a number of milliseconds";
            return null;
        }
        TryMs(Field(f, c.Min), out var min);
        TryMs(Field(f, c.Max), out var max);
        TryMs(Field(f, c.Mean), out var mean);
        TryMs(Field(f, c.StdDev), out var stddev);
        var seconds = totalMs / 1000;
        bool? top = Field(f, c.TopLevel) switch { "t" or "true" or "True" or "TRUE" => true, "f" or "false" or "False" or "FALSE" => false, _ => null };
        return new StatStatementsRow(Empty(Field(f, c.QueryId)), Empty(Field(f, c.User)), Empty(Field(f, c.Database)), top, f[c.Query], calls, seconds,
            min / 1000, max / 1000, mean is { } m ? m / 1000 : calls > 0 ? seconds / calls : 0, stddev / 1000,
            Long(Field(f, c.Rows)), Long(Field(f, c.Hit)), Long(Field(f, c.Read)), line);
    }

    private static string? Field(List<string> f, int index) => index >= 0 ? f[index] : null;

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static bool TryMs(string? text, out double? ms)
    {
        ms = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0) { ms = v; return true; }
        return false;
    }

    private static long? Long(string? text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Cut(string text) => text.Length > 40 ? text[..40] : text;

    /// <summary>Where each known column is (-1 when absent).</summary>
    private sealed class Columns
    {
        public int Count, Query = -1, Calls = -1, Total = -1, Mean = -1, Min = -1, Max = -1, StdDev = -1, Rows = -1, Hit = -1, Read = -1, QueryId = -1, User = -1, Database = -1, TopLevel = -1;
        public string? Problem;

        public static Columns From(List<string> header)
        {
            var c = new Columns { Count = header.Count };
            var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
            int Find(params string[] candidates)
            {
                foreach (var candidate in candidates)
                    if (names.IndexOf(candidate) is var i and >= 0) return i;
                return -1;
            }
            c.Query = Find("query");
            c.Calls = Find("calls");
            c.Total = Find("total_exec_time", "total_time");
            c.Mean = Find("mean_exec_time", "mean_time");
            c.Min = Find("min_exec_time", "min_time");
            c.Max = Find("max_exec_time", "max_time");
            c.StdDev = Find("stddev_exec_time", "stddev_time");
            c.Rows = Find("rows");
            c.Hit = Find("shared_blks_hit");
            c.Read = Find("shared_blks_read");
            c.QueryId = Find("queryid");
            c.User = Find("rolname", "usename", "username", "userid");
            c.Database = Find("datname", "database", "dbid");
            c.TopLevel = Find("toplevel");
            var missing = new List<string>();
            if (c.Query < 0) missing.Add("query");
            if (c.Calls < 0) missing.Add("calls");
            if (c.Total < 0) missing.Add("total_exec_time (or total_time)");
            if (missing.Count > 0)
                c.Problem = $"the header has no {string.Join(", ", missing)} column: export pg_stat_statements with \\copy (select * from pg_stat_statements) to 'f.csv' csv header";
            return c;
        }
    }

    private void Skip(long line, string why)
    {
        SkippedRows++;
        Report(line, "skipped-row", $"the row is skipped: {why}");
    }

    private void Report(long line, string code, string message)
    {
        ProblemCount++;
        if (_problems.Count < MaxProblems) _problems.Add(new Problem(code, message, new SourceLocation(_file, (int)Math.Min(line, int.MaxValue), 1, null)));
    }

    private Stream Decompressed()
    {
        var input = ReplayStream.Decompressed(_stream, out var compressed);
        Compressed = compressed;
        return input;
    }

    /// <summary>CSV records (RFC 4180: quoted fields with doubled quotes and line breaks), one at a time.</summary>
    private sealed class CsvRecords(TextReader reader, int maxFieldChars)
    {
        private readonly StringBuilder _field = new();

        /// <summary>1-based line the reader is on.</summary>
        public long Line { get; private set; } = 1;

        /// <summary>Line the last record started on.</summary>
        public long RecordLine { get; private set; }

        public bool TooLong { get; private set; }
        public bool Unterminated { get; private set; }

        public List<string>? Next()
        {
            TooLong = false;
            if (reader.Peek() < 0) return null;
            RecordLine = Line;
            var fields = new List<string>();
            _field.Clear();
            var quoted = false;
            var wasQuoted = false;
            while (true)
            {
                var c = reader.Read();
                if (c < 0)
                {
                    if (quoted) Unterminated = true;
                    if (quoted) return null;
                    fields.Add(_field.ToString());
                    return fields;
                }
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (reader.Peek() == '"') { reader.Read(); Add('"'); }
                        else quoted = false;
                        continue;
                    }
                    if (c == '\n') Line++;
                    Add((char)c);
                    continue;
                }
                switch (c)
                {
                    case '"' when _field.Length == 0 && !wasQuoted:
                        quoted = wasQuoted = true;
                        break;
                    case ',':
                        fields.Add(_field.ToString());
                        _field.Clear();
                        wasQuoted = false;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        Line++;
                        fields.Add(_field.ToString());
                        return fields;
                    default:
                        Add((char)c);
                        break;
                }
            }
        }

        private void Add(char c)
        {
            if (_field.Length >= maxFieldChars) { TooLong = true; return; }
            _field.Append(c);
        }
    }
}
