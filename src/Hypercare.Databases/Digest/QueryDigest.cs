using System.Runtime.CompilerServices;
using Hypercare.Core.Problems;
using Hypercare.Databases.Fingerprints;
using Hypercare.Databases.MySql;

namespace Hypercare.Databases.Digest;

/// <summary>
/// The entry point of the module: reads slow logs and groups their events into query classes by fingerprint, with
/// per-class statistics, ranked by total query time — the answers pt-query-digest gives, with exact statistics.
/// </summary>
public static class QueryDigest
{
    /// <summary>Reads and digests log files (plain or gzip) one after the other, streaming.</summary>
    /// <exception cref="BadInputException">A file is missing or unreadable, or its format is not built yet.</exception>
    public static DigestReport Read(IReadOnlyList<string> paths, DigestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new DigestOptions();
        var format = options.Format;
        if (format is LogFormat.Postgres or LogFormat.PgStatStatements)
            throw new BadInputException("format-not-built", $"the {(format == LogFormat.Postgres ? "PostgreSQL log" : "pg_stat_statements")} reader is not built yet in this version", "digest MySQL slow logs (--log-format mysql-slow or auto) for now", SourceLocation.ForField("--log-format"));
        var missing = paths.Where(p => !File.Exists(p)).Select(p => new Problem("file-not-found", "the log does not exist or is not a file", new SourceLocation(p, 0, 0, null))).ToList();
        if (missing.Count > 0) throw new BadInputException(missing);
        var digest = new DigestBuilder(options);
        foreach (var path in paths)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                digest.Add(new SlowLogReader(stream, path), path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new BadInputException("unreadable-log", $"'{path}' could not be read: {e.Message}", null, new SourceLocation(path, 0, 0, null));
            }
        }
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
    private readonly Dictionary<string, ClassAccumulator> _classes = new(StringComparer.Ordinal);
    private readonly List<LogFileSummary> _files = [];
    private readonly List<Problem> _problems = [];
    private long _events, _skipped, _stray, _problemCount;
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
        _files.Add(new LogFileSummary(path, LogFormat.MySqlSlow, reader.Compressed, events, reader.SkippedEvents));
        _skipped += reader.SkippedEvents;
        _stray += reader.StrayLines;
        _problemCount += reader.ProblemCount;
        foreach (var p in reader.Problems)
            if (_problems.Count < SlowLogReader.MaxProblems) _problems.Add(p);
        if (events == 0 && reader.StrayLines > 0 && _problems.Count < SlowLogReader.MaxProblems)
        {
            _problemCount++;
            _problems.Add(new Problem("not-a-slow-log", "no slow-log event was found in this file", new SourceLocation(path, 0, 0, null),
                "it holds no '# Time:', '# User@Host:' or '# Query_time:' lines; PostgreSQL logs are not read yet in this version"));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(SlowLogEvent e, string? file)
    {
        var fingerprint = Fingerprint.Of(e.Statement);
        if (!_classes.TryGetValue(fingerprint, out var c)) _classes[fingerprint] = c = new ClassAccumulator(fingerprint, options);
        c.Add(e, file);
        _events++;
        _total += e.QueryTime;
        if (e.Time is { } t)
        {
            if (_first is null || t < _first) _first = t;
            if (_last is null || t > _last) _last = t;
        }
    }

    public DigestReport Build()
    {
        var ordered = _classes.Values
            .Select(c => (c, QueryId: Fingerprint.QueryId(c.Fingerprint)))
            .OrderByDescending(x => x.c.TotalTime).ThenByDescending(x => x.c.Calls).ThenBy(x => x.QueryId, StringComparer.Ordinal)
            .Select((x, i) => x.c.Build(i + 1, x.QueryId, _total))
            .ToList();
        return new DigestReport(ordered, _events, _total, _first, _last, Rate(_events, _first, _last), _skipped, _stray, _files, _problems, _problemCount);
    }

    internal static double? Rate(long count, DateTimeOffset? first, DateTimeOffset? last) =>
        first is { } f && last is { } l && l > f ? count / (l - f).TotalSeconds : null;
}

/// <summary>The running state of one class, bounded whatever the number of events.</summary>
internal sealed class ClassAccumulator(string fingerprint, DigestOptions options)
{
    private readonly MetricAccumulator _queryTime = new(options.ExactValues);
    private readonly MetricAccumulator _lockTime = new(options.ExactValues);
    private readonly MetricAccumulator _rowsSent = new(options.ExactValues);
    private readonly MetricAccumulator _rowsExamined = new(options.ExactValues);
    private readonly Dictionary<string, long> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _hosts = new(StringComparer.Ordinal);
    private readonly long[] _histogram = new long[8];
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
        Count(_databases, e.Database);
        Count(_users, e.User);
        Count(_hosts, e.Host);
        _histogram[Decade(e.QueryTime)]++;
        if (_worst is null || e.QueryTime > _worst.QueryTime) { _worst = e; _worstFile = file; }
        if (e.Time is { } t)
        {
            if (_first is null || t < _first) _first = t;
            if (_last is null || t > _last) _last = t;
        }
    }

    // Decades from 1 µs: [0, 10 µs) is 0, ..., [1 s, 10 s) is 6, 10 s and more is 7.
    private static int Decade(double seconds) => seconds < 1e-5 ? 0 : Math.Clamp((int)Math.Floor(Math.Log10(seconds) + 6), 1, 7);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(Dictionary<string, long> counts, string? value)
    {
        if (value is null) return;
        if (counts.TryGetValue(value, out var n)) counts[value] = n + 1;
        else if (counts.Count < options.DistinctValues) counts[value] = 1;
        else counts["(others)"] = counts.GetValueOrDefault("(others)") + 1;
    }

    public QueryClass Build(int rank, string queryId, double total)
    {
        var w = _worst!;
        return new QueryClass(rank, queryId, Fingerprint, Distillate.Of(Fingerprint), Calls, total > 0 ? TotalTime / total : 0,
            _queryTime.ToStatistics(), _lockTime.ToStatistics(), _rowsSent.ToStatistics(), _rowsExamined.ToStatistics(),
            Ordered(_databases), Ordered(_users), Ordered(_hosts), _first, _last, DigestBuilder.Rate(Calls, _first, _last), _histogram,
            new QuerySample(w.Statement, w.Time, w.Database, w.User, w.Host, w.QueryTime, w.LockTime, w.RowsSent, w.RowsExamined, _worstFile, w.ByteOffset, w.Line));
    }

    private static List<ValueCount> Ordered(Dictionary<string, long> counts) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new ValueCount(c.Key, c.Value))];
}
