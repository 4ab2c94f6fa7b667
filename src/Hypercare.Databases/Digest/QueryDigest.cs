using System.Runtime.CompilerServices;
using Hypercare.Core.Problems;
using Hypercare.Databases.Fingerprints;
using Hypercare.Databases.MySql;
using Hypercare.Databases.Postgres;

namespace Hypercare.Databases.Digest;

/// <summary>
/// The entry point of the module: reads slow logs and groups their events into query classes by fingerprint, with
/// per-class statistics, ranked by total query time — the answers pt-query-digest gives, with exact statistics.
/// </summary>
public static class QueryDigest
{
    /// <summary>Reads and digests log files (plain or gzip) one after the other, streaming.</summary>
    /// <exception cref="BadInputException">A file is missing or unreadable, or the log_line_prefix is not valid.</exception>
    public static DigestReport Read(IReadOnlyList<string> paths, DigestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new DigestOptions();
        LogLinePrefix prefix;
        try
        {
            prefix = new LogLinePrefix(options.LogLinePrefix ?? LogLinePrefix.DebianDefault);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException("invalid-log-line-prefix", e.Message, "the server's own value: SHOW log_line_prefix", SourceLocation.ForField("--log-line-prefix"));
        }
        var missing = paths.Where(p => !File.Exists(p)).Select(p => new Problem("file-not-found", "the log does not exist or is not a file", new SourceLocation(p, 0, 0, null))).ToList();
        if (missing.Count > 0) throw new BadInputException(missing);
        var digest = new DigestBuilder(options);
        foreach (var path in paths)
        {
            try
            {
                var format = options.Format == LogFormat.Auto ? LogFormatDetector.Detect(path, prefix) : options.Format;
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                switch (format)
                {
                    case LogFormat.Postgres:
                        digest.Add(new ServerLogReader(stream, path, prefix.Text), path);
                        break;
                    case LogFormat.PgStatStatements:
                        digest.Add(new StatStatementsReader(stream, path), path);
                        break;
                    default:
                        digest.Add(new SlowLogReader(stream, path), path);
                        break;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new BadInputException("unreadable-log", $"'{path}' could not be read: {e.Message}", null, new SourceLocation(path, 0, 0, null));
            }
        }
        return digest.Build();
    }

    /// <summary>Digests PostgreSQL log events already read (one reader's, filtered by database, say).</summary>
    public static DigestReport FromServerLogEvents(IEnumerable<ServerLogEvent> events, DigestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var digest = new DigestBuilder(options ?? new DigestOptions());
        foreach (var e in events) digest.Add(e, null);
        return digest.Build();
    }

    /// <summary>Digests events already read (one reader's, or made up in tests).</summary>
    public static DigestReport FromEvents(IEnumerable<SlowLogEvent> events, DigestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var digest = new DigestBuilder(options ?? new DigestOptions());
        foreach (var e in events) digest.Add(e, null);
        return digest.Build();
    }
}

/// <summary>Aggregates events into classes; one instance per digest.</summary>
internal sealed class DigestBuilder(DigestOptions options)
{
    private readonly Dictionary<(LogFormat, string), ClassAccumulator> _classes = [];
    private readonly Dictionary<string, ViewAccumulator> _views = new(StringComparer.Ordinal);
    private readonly List<LogFileSummary> _files = [];
    private readonly List<Problem> _problems = [];
    private long _events, _timed, _skipped, _stray, _problemCount;
    private double _total;
    private DateTimeOffset? _first, _last;

    public void Add(SlowLogReader reader, string path)
    {
        long events = 0;
        foreach (var e in reader.Events())
        {
            Add(e, path);
            events++;
        }
        Summarize(path, LogFormat.MySqlSlow, reader.Compressed, events, reader.SkippedEvents, reader.StrayLines, reader.Problems, reader.ProblemCount);
        if (events == 0 && reader.StrayLines > 0)
            Problem(new Problem("not-a-slow-log", "no slow-log event was found in this file", new SourceLocation(path, 0, 0, null),
                "it holds no '# Time:', '# User@Host:' or '# Query_time:' lines; for a PostgreSQL log give --log-format postgres (and --log-line-prefix), for a pg_stat_statements export --log-format pg-stat-statements"));
    }

    public void Add(ServerLogReader reader, string path)
    {
        long events = 0;
        foreach (var e in reader.Events())
        {
            Add(e, path);
            events++;
        }
        Summarize(path, LogFormat.Postgres, reader.Compressed, events, reader.SkippedEvents, reader.StrayLines, reader.Problems, reader.ProblemCount);
    }

    public void Add(StatStatementsReader reader, string path)
    {
        long calls = 0, rows = 0;
        foreach (var row in reader.Rows())
        {
            rows++;
            if (row.Calls == 0) continue;
            var fingerprint = Normalizer.Normalize(row.Query);
            if (!_views.TryGetValue(fingerprint, out var view)) _views[fingerprint] = view = new ViewAccumulator(fingerprint, options);
            view.Add(row, path, reader.HasExtremes);
            calls += row.Calls;
            _events += row.Calls;
            _total += row.TotalTime;
        }
        Summarize(path, LogFormat.PgStatStatements, reader.Compressed, calls, reader.SkippedRows, 0, reader.Problems, reader.ProblemCount);
    }

    public void Add(ServerLogEvent e, string? file)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["Kind"] = e.Kind };
        if (e.PreparedName is { } name) attributes["Prepared"] = name;
        if (e.Application is { } app) attributes["Application"] = app;
        var converted = new SlowLogEvent(e.Time, e.User, e.ClientHost, e.Database, e.ProcessId, e.Duration, 0, 0, 0, attributes, e.Runnable, false, e.ByteOffset, e.Line);
        Add(converted, file, LogFormat.Postgres, Normalizer.Normalize(e.Statement));
    }

    private void Summarize(string path, LogFormat format, bool compressed, long events, long skipped, long stray, IReadOnlyList<Problem> problems, long problemCount)
    {
        _files.Add(new LogFileSummary(path, format, compressed, events, skipped));
        _skipped += skipped;
        _stray += stray;
        _problemCount += problemCount;
        foreach (var p in problems)
            if (_problems.Count < SlowLogReader.MaxProblems) _problems.Add(p);
    }

    private void Problem(Problem problem)
    {
        _problemCount++;
        if (_problems.Count < SlowLogReader.MaxProblems) _problems.Add(problem);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(SlowLogEvent e, string? file) => Add(e, file, LogFormat.MySqlSlow, Fingerprint.Of(e.Statement));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(SlowLogEvent e, string? file, LogFormat source, string fingerprint)
    {
        if (!_classes.TryGetValue((source, fingerprint), out var c)) _classes[(source, fingerprint)] = c = new ClassAccumulator(fingerprint, source, options);
        c.Add(e, file);
        _events++;
        _total += e.QueryTime;
        _timed++;
        if (e.Time is { } t)
        {
            if (_first is null || t < _first) _first = t;
            if (_last is null || t > _last) _last = t;
        }
    }

    public DigestReport Build()
    {
        var all = _classes.Values.Select(c => (Total: c.TotalTime, c.Calls, QueryId: Fingerprint.QueryId(c.Fingerprint), Build: (Func<int, string, QueryClass>)((rank, id) => c.Build(rank, id, _total))))
            .Concat(_views.Values.Select(v => (Total: v.TotalTime, v.Calls, QueryId: Fingerprint.QueryId(v.Fingerprint), Build: (Func<int, string, QueryClass>)((rank, id) => v.Build(rank, id, _total)))));
        var ordered = all
            .OrderByDescending(x => x.Total).ThenByDescending(x => x.Calls).ThenBy(x => x.QueryId, StringComparer.Ordinal)
            .Select((x, i) => x.Build(i + 1, x.QueryId))
            .ToList();
        // The rate counts the events of logs (pg_stat_statements calls have no time).
        return new DigestReport(ordered, _events, _total, _first, _last, Rate(_timed, _first, _last), _skipped, _stray, _files, _problems, _problemCount);
    }

    internal static double? Rate(long count, DateTimeOffset? first, DateTimeOffset? last) =>
        first is { } f && last is { } l && l > f ? count / (l - f).TotalSeconds : null;
}

/// <summary>The running state of one class, bounded whatever the number of events.</summary>
internal sealed class ClassAccumulator(string fingerprint, LogFormat source, DigestOptions options)
{
    private readonly MetricAccumulator _queryTime = new(options.ExactValues);
    private readonly MetricAccumulator _lockTime = new(options.ExactValues);
    private readonly MetricAccumulator _rowsSent = new(options.ExactValues);
    private readonly MetricAccumulator _rowsExamined = new(options.ExactValues);
    private readonly Dictionary<string, long> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _hosts = new(StringComparer.Ordinal);
    private readonly long[] _histogram = new long[8];
    private readonly long[] _flags = new long[7];
    private SlowLogEvent? _worst;
    private string? _worstFile;
    private DateTimeOffset? _first, _last;

    public string Fingerprint { get; } = fingerprint;
    public long Calls { get; private set; }
    public double TotalTime { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(SlowLogEvent e, string? file)
    {
        Calls++;
        TotalTime += e.QueryTime;
        _queryTime.Add(e.QueryTime);
        _lockTime.Add(e.LockTime);
        _rowsSent.Add(e.RowsSent);
        _rowsExamined.Add(e.RowsExamined);
        Counting.Count(_databases, e.Database, options);
        Counting.Count(_users, e.User, options);
        Counting.Count(_hosts, e.Host, options);
        _histogram[Decade(e.QueryTime)]++;
        if (e.Attributes is LazyAttributes || e.Attributes.Count > 0) CountFlags(e.Attributes);   // the reader's attributes are never empty; Count would decode them
        if (_worst is null || e.QueryTime > _worst.QueryTime) { _worst = e; _worstFile = file; }
        if (e.Time is { } t)
        {
            if (_first is null || t < _first) _first = t;
            if (_last is null || t > _last) _last = t;
        }
    }

    private static readonly string[][] FlagAttributes =
    [
        ["Full_scan", "Select_scan"], ["Full_join", "Select_full_join"], ["Tmp_table", "Created_tmp_tables"],
        ["Tmp_table_on_disk", "Created_tmp_disk_tables"], ["Filesort", "Sort_scan_count", "Sort_range_count"], ["Filesort_on_disk", "Sort_merge_passes"],
    ];

    private void CountFlags(IReadOnlyDictionary<string, string> attributes)
    {
        var logged = false;
        for (var f = 0; f < FlagAttributes.Length; f++)
        {
            var set = false;
            foreach (var name in FlagAttributes[f])
            {
                if (!attributes.TryGetValue(name, out var value)) continue;
                logged = true;
                set |= value.Equals("Yes", StringComparison.OrdinalIgnoreCase)
                    || long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0;
            }
            if (set) _flags[f + 1]++;
        }
        if (logged) _flags[0]++;
    }

    // Decades from 1 µs: [0, 10 µs) is 0, ..., [1 s, 10 s) is 6, 10 s and more is 7.
    internal static int Decade(double seconds) => seconds < 1e-5 ? 0 : Math.Clamp((int)Math.Floor(Math.Log10(seconds) + 6), 1, 7);

    public QueryClass Build(int rank, string queryId, double total)
    {
        var w = _worst!;
        return new QueryClass(rank, queryId, Fingerprint, Distillate.Of(Fingerprint), Calls, total > 0 ? TotalTime / total : 0,
            _queryTime.ToStatistics(), _lockTime.ToStatistics(), _rowsSent.ToStatistics(), _rowsExamined.ToStatistics(),
            Counting.Ordered(_databases), Counting.Ordered(_users), Counting.Ordered(_hosts), _first, _last, DigestBuilder.Rate(Calls, _first, _last), _histogram,
            new QuerySample(w.Statement, w.Time, w.Database, w.User, w.Host, w.QueryTime, w.LockTime, w.RowsSent, w.RowsExamined, _worstFile, w.ByteOffset, w.Line),
            source, source == LogFormat.Postgres ? ClassStatistics.PerExecutionTimeOnly : ClassStatistics.PerExecution)
        {
            Flags = _flags[0] == 0 ? ExecutionFlags.None : new ExecutionFlags(_flags[0], _flags[1], _flags[2], _flags[3], _flags[4], _flags[5], _flags[6]),
        };
    }
}

/// <summary>
/// A class from pg_stat_statements rows: the server's sums, merged over the rows (users, databases, top level)
/// whose statements normalize alike. Deviation combines exactly from each row's mean and deviation.
/// </summary>
internal sealed class ViewAccumulator(string fingerprint, DigestOptions options)
{
    private readonly Dictionary<string, long> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _users = new(StringComparer.Ordinal);
    private double _min = double.MaxValue, _max, _sumOfSquares;
    private bool _extremes = true, _deviation = true;
    private long _rows;
    private bool _hasRows = true;
    private StatStatementsRow? _sample;
    private string? _sampleFile;

    public string Fingerprint { get; } = fingerprint;
    public long Calls { get; private set; }
    public double TotalTime { get; private set; }

    public void Add(StatStatementsRow row, string file, bool hasExtremes)
    {
        Calls += row.Calls;
        TotalTime += row.TotalTime;
        if (hasExtremes && row.MinTime is { } min && row.MaxTime is { } max)
        {
            _min = Math.Min(_min, min);
            _max = Math.Max(_max, max);
        }
        else _extremes = false;
        if (row.StandardDeviation is { } sd) _sumOfSquares += row.Calls * (sd * sd + row.MeanTime * row.MeanTime);
        else _deviation = false;
        if (row.Rows is { } rows) _rows += rows;
        else _hasRows = false;
        AddCount(_databases, row.Database, row.Calls);
        AddCount(_users, row.User, row.Calls);
        if (_sample is null || row.TotalTime > _sample.TotalTime) { _sample = row; _sampleFile = file; }
    }

    private void AddCount(Dictionary<string, long> counts, string? value, long n)
    {
        if (value is null) return;
        if (counts.ContainsKey(value) || counts.Count < options.DistinctValues) counts[value] = counts.GetValueOrDefault(value) + n;
        else counts["(others)"] = counts.GetValueOrDefault("(others)") + n;
    }

    public QueryClass Build(int rank, string queryId, double total)
    {
        var mean = Calls > 0 ? TotalTime / Calls : 0;
        var deviation = _deviation && Calls > 0 ? Math.Sqrt(Math.Max(0, _sumOfSquares / Calls - mean * mean)) : 0;
        var time = new MetricStatistics(Calls, TotalTime, _extremes ? _min : 0, _extremes ? _max : 0, mean, 0, 0, 0, deviation, false);
        var rows = _hasRows ? new MetricStatistics(Calls, _rows, 0, 0, Calls > 0 ? (double)_rows / Calls : 0, 0, 0, 0, 0, false) : MetricStatistics.Empty;
        var s = _sample!;
        var histogram = new long[8];
        return new QueryClass(rank, queryId, Fingerprint, Distillate.Of(Fingerprint), Calls, total > 0 ? TotalTime / total : 0,
            time, MetricStatistics.Empty, rows, MetricStatistics.Empty, Counting.Ordered(_databases), Counting.Ordered(_users), [], null, null, null, histogram,
            new QuerySample(s.Query, null, s.Database, s.User, null, s.MaxTime ?? s.MeanTime, 0, s.Rows ?? 0, 0, _sampleFile, 0, s.Line),
            LogFormat.PgStatStatements,
            _extremes && _deviation ? ClassStatistics.ServerSumsWithExtremes : ClassStatistics.ServerSums);
    }
}

internal static class Counting
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Count(Dictionary<string, long> counts, string? value, DigestOptions options)
    {
        if (value is null) return;
        if (counts.TryGetValue(value, out var n)) counts[value] = n + 1;
        else if (counts.Count < options.DistinctValues) counts[value] = 1;
        else counts["(others)"] = counts.GetValueOrDefault("(others)") + 1;
    }

    public static List<ValueCount> Ordered(Dictionary<string, long> counts) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new ValueCount(c.Key, c.Value))];
}
