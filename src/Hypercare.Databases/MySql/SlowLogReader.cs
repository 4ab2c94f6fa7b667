using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Hypercare.Core.Problems;

namespace Hypercare.Databases.MySql;

/// <summary>
/// Reads a MySQL slow query log as a stream of <see cref="SlowLogEvent"/>s: 5.0/5.1 and 5.7+ time formats, Percona's
/// extended attributes, 8.0's <c>log_slow_extra</c>, <c>use</c> and <c>SET timestamp</c> lines, multi-line
/// statements, administrator commands, and the banner the server writes each time it (re)opens the log.
/// </summary>
/// <remarks>
/// The reader works on bytes, one line at a time over a reused buffer, so memory does not grow with the log; only
/// the statement being read is held. Gzip input is recognised by its magic bytes, whatever the file is called.
/// What it cannot read it skips and counts (<see cref="SkippedEvents"/>) with located <see cref="Problems"/>
/// (the first <see cref="MaxProblems"/>); it never throws on content.
/// </remarks>
public sealed class SlowLogReader
{
    /// <summary>How many located problems are kept; the rest are only counted.</summary>
    public const int MaxProblems = 100;

    private readonly Stream _stream;
    private readonly string? _file;
    private readonly int _maxStatementBytes;
    private readonly List<Problem> _problems = [];

    /// <summary>Creates a reader over a stream (plain or gzip) that the caller owns.</summary>
    /// <param name="stream">The log.</param>
    /// <param name="file">The file name used in problem locations, or null.</param>
    /// <param name="maxStatementBytes">A longer statement is skipped and counted. <value>64 MiB by default.</value></param>
    public SlowLogReader(Stream stream, string? file = null, int maxStatementBytes = 64 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStatementBytes, 16);
        _stream = stream;
        _file = file;
        _maxStatementBytes = maxStatementBytes;
    }

    /// <summary>Events read so far that could not be used (truncated, without a statement or timings, too long).</summary>
    public long SkippedEvents { get; private set; }

    /// <summary>Lines outside any event that are not a banner (garbage, another log format).</summary>
    public long StrayLines { get; private set; }

    /// <summary>Located problems met so far, at most <see cref="MaxProblems"/>.</summary>
    public IReadOnlyList<Problem> Problems => _problems;

    /// <summary>All problems met so far, including those not kept.</summary>
    public long ProblemCount { get; private set; }

    /// <summary>Whether the input was gzip-compressed.</summary>
    public bool Compressed { get; private set; }

    /// <summary>The events, read lazily as the sequence is enumerated (enumerate once).</summary>
    public IEnumerable<SlowLogEvent> Events()
    {
        // Disposing the decompressor frees zlib's memory; the caller's stream stays open (the replay wrapper does not close it).
        using var input = Decompressed();
        var source = new LineSource(input, _maxStatementBytes);
        var state = new ReadState(new PendingEvent(_maxStatementBytes));
        while (NextEvent(source, state) is { } e) yield return e;
        if (state.StrayCount > 0) Stray(state);
        if (source.Damage is { } damage) Report(source.Number + 1, "damaged-gzip", $"the compressed data is damaged after {source.Consumed} bytes ({damage}); the rest of the log cannot be read");
        if (Finish(state.Pending, state, atEnd: true) is { } last) yield return last;
    }

    // Lines until one completes an event; null at the end of the stream. The loop lives here rather than in the
    // iterator so that it is compiled optimized from the start.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SlowLogEvent? NextEvent(LineSource source, ReadState state)
    {
        while (source.Next(out var line))
        {
            if (Process(line, source, state) is { } e) return e;
        }
        return null;
    }

    private sealed class ReadState(PendingEvent pending)
    {
        public PendingEvent Pending { get; } = pending;
        public DateTimeOffset? Inherited;

        // The server writes "use db;" only when the database differs from the one it last wrote in this log.
        public string? LastDatabase;
        public long StrayStart, StrayCount;
    }

    // One line; returns the event it completes, if any (a line completes at most one).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SlowLogEvent? Process(ReadOnlySpan<byte> line, LineSource source, ReadState state)
    {
        var pending = state.Pending;
        var kind = Classify(line, pending);
        if (kind != LineKind.Stray && state.StrayCount > 0) Stray(state);
        SlowLogEvent? done = null;
        switch (kind)
        {
            case LineKind.Banner:
                done = Finish(pending, state);
                state.LastDatabase = null;
                break;
            case LineKind.Time:
                if (pending.Started && (pending.InStatement || pending.HasTime || pending.HasUserHost || pending.HasTimings)) done = Finish(pending, state);
                Start(pending, source);
                if (ParseTime(line[7..]) is { } time) state.Inherited = time;
                else Report(source.Number, "bad-time", $"'{Text(line)}' is not a time this reader knows (071015 21:43:52 or 2016-07-20T18:13:25.698433Z)");
                pending.HasTime = true;
                pending.Time = state.Inherited;
                break;
            case LineKind.UserHost:
                if (pending.Started && (pending.InStatement || pending.HasUserHost || pending.HasTimings)) done = Finish(pending, state);
                if (!pending.Started) Start(pending, source);
                pending.Time ??= state.Inherited;
                pending.HasUserHost = true;
                ParseUserHost(line[12..], pending);
                break;
            case LineKind.Timings:
                if (pending.Started && (pending.InStatement || pending.HasTimings)) done = Finish(pending, state);
                if (!pending.Started) Start(pending, source);
                pending.Time ??= state.Inherited;
                pending.HasTimings = true;
                ParseAttributes(line[2..], pending);
                break;
            case LineKind.Attributes:
                if (line.Length > 2) ParseAttributes(line[2..], pending);
                break;
            case LineKind.AdministratorCommand:
                pending.Administrator = true;
                pending.Append(line[2..], source.Cut);
                pending.InStatement = true;
                break;
            case LineKind.Use:
                pending.Database = state.LastDatabase = Unquote(pending.Texts.Get(line[4..].TrimEnd((byte)';').Trim((byte)' ')));
                pending.GotUse = true;
                break;
            case LineKind.Set:
                pending.GotSet = true;
                if (pending.Time is null && ParseSetTimestamp(line) is { } stamp) pending.Time = stamp;
                break;
            case LineKind.Statement:
                pending.Append(line, source.Cut);
                pending.InStatement = true;
                break;
            case LineKind.Stray:
                if (state.StrayCount++ == 0) state.StrayStart = source.Number;
                break;
        }
        return done;
    }

    private enum LineKind { Banner, Time, UserHost, Timings, Attributes, AdministratorCommand, Use, Set, Statement, Stray }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LineKind Classify(ReadOnlySpan<byte> line, PendingEvent pending)
    {
        if (IsBanner(line)) return LineKind.Banner;
        if (line.StartsWith("# Time:"u8)) return LineKind.Time;
        if (line.StartsWith("# User@Host:"u8)) return LineKind.UserHost;
        if (line.StartsWith("# Query_time:"u8)) return LineKind.Timings;
        if (!pending.Started) return LineKind.Stray;
        if (pending.InStatement && !pending.Administrator) return LineKind.Statement;
        if (pending.InStatement) return line.StartsWith("# "u8) ? LineKind.Attributes : LineKind.Stray;
        if (line.StartsWith("# administrator command:"u8)) return LineKind.AdministratorCommand;
        if (line.StartsWith("# "u8) || line.SequenceEqual("#"u8)) return LineKind.Attributes;
        if (!pending.GotUse && line.StartsWith("use "u8) && line.EndsWith(";"u8)) return LineKind.Use;
        if (!pending.GotSet && StartsWithIgnoreCase(line, "SET "u8) && line.EndsWith(";"u8) && IsSessionStamp(line)) return LineKind.Set;
        return LineKind.Statement;
    }

    // The server's own SET line before a statement carries only timestamp, insert_id and last_insert_id.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsSessionStamp(ReadOnlySpan<byte> line)
    {
        var body = line[4..^1];
        foreach (var range in body.Split((byte)','))
        {
            var part = body[range].Trim((byte)' ');
            var eq = part.IndexOf((byte)'=');
            if (eq < 0) return false;
            var name = part[..eq].Trim((byte)' ');
            if (!(name.SequenceEqual("timestamp"u8) || name.SequenceEqual("insert_id"u8) || name.SequenceEqual("last_insert_id"u8))) return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsBanner(ReadOnlySpan<byte> line) =>
        line.EndsWith("started with:"u8) && line.IndexOf(", Version: "u8) > 0
        || line.StartsWith("Tcp port: "u8)
        || line.StartsWith("Time "u8) && line.IndexOf(" Id Command"u8) > 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> line, ReadOnlySpan<byte> upperPrefix)
    {
        if (line.Length < upperPrefix.Length) return false;
        for (var i = 0; i < upperPrefix.Length; i++)
            if ((line[i] & 0xDF) != (upperPrefix[i] & 0xDF) && line[i] != upperPrefix[i]) return false;
        return true;
    }

    private Stream Decompressed()
    {
        var input = ReplayStream.Decompressed(_stream, out var compressed);
        Compressed = compressed;
        return input;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Start(PendingEvent pending, LineSource source) => pending.Reset(source.Offset, source.Number);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SlowLogEvent? Finish(PendingEvent pending, ReadState state, bool atEnd = false)
    {
        if (!pending.Started) return null;
        if (!pending.GotUse && pending.Schema is null) pending.Database = state.LastDatabase;
        var e = Build(pending, atEnd);
        pending.Started = false;
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SlowLogEvent? Build(PendingEvent p, bool atEnd)
    {
        string? why = null;
        if (p.TooLong) why = $"its statement is longer than {_maxStatementBytes} bytes";
        else if (!p.HasTimings) why = "it has no '# Query_time:' line";
        else if (p.Length == 0 && !p.GotUse) why = "it has no statement (truncated?)";
        else if (p.Length > 0 && !p.EndsWithSemicolon()) why = atEnd ? "the log ends inside its statement (truncated?)" : "its statement does not end with ';' (truncated?)";
        if (why is not null)
        {
            SkippedEvents++;
            Report(p.Line, "skipped-event", $"the event at byte {p.Offset} is skipped: {why}");
            return null;
        }
        var statement = p.Length == 0 ? $"use {p.Database}" : p.Statement();
        return new SlowLogEvent(p.Time, p.User, p.Host, p.GotUse ? p.Database : p.Schema ?? p.Database, p.ThreadId, p.QueryTime, p.LockTime, p.RowsSent, p.RowsExamined,
            p.TakeAttributes() ?? (IReadOnlyDictionary<string, string>)EmptyAttributes, statement, p.Administrator, p.Offset, p.Line);
    }

    private static readonly Dictionary<string, string> EmptyAttributes = [];

    private void Stray(ReadState state)
    {
        StrayLines += state.StrayCount;
        Report(state.StrayStart, "stray-text", state.StrayCount == 1 ? "a line outside any event is ignored (not a slow-log line)" : $"{state.StrayCount} lines outside any event are ignored (not slow-log lines)");
        state.StrayCount = 0;
    }

    private void Report(long line, string code, string message)
    {
        ProblemCount++;
        if (_problems.Count < MaxProblems) _problems.Add(new Problem(code, message, new SourceLocation(_file, (int)Math.Min(line, int.MaxValue), 1, null)));
    }

    private static string Text(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line.Length > 80 ? line[..80] : line);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Unquote(string name) => name.Length > 1 && name[0] == '`' && name[^1] == '`' ? name[1..^1] : name;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static DateTimeOffset? ParseTime(ReadOnlySpan<byte> value)
    {
        var text = Encoding.ASCII.GetString(value.Trim((byte)' '));
        if (text.Length > 0 && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso))
            return iso;
        // 5.0/5.1: yymmdd and an hour that may be padded with a space ("071015  1:43:52").
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && parts[0].Length == 6 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ymd)
            && TimeSpan.TryParseExact(parts[1], ["h\\:mm\\:ss", "hh\\:mm\\:ss"], CultureInfo.InvariantCulture, out var clock))
        {
            var (year, month, day) = (2000 + ymd / 10000, ymd / 100 % 100, ymd % 100);
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && clock < TimeSpan.FromDays(1))
                return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero) + clock;
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DateTimeOffset? ParseSetTimestamp(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOf("timestamp="u8);
        if (at < 0) return null;
        var value = line[(at + 10)..];
        return Utf8Parser.TryParse(value, out long seconds, out _) && seconds is > 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    // "root[root] @ localhost [127.0.0.1]  Id:     3", "[SQL_SLAVE] @  []", "app[app] @  [10.0.0.7]".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseUserHost(ReadOnlySpan<byte> rest, PendingEvent p)
    {
        rest = rest.TrimStart((byte)' ');
        var at = rest.IndexOf(" @ "u8);
        var who = at >= 0 ? rest[..at] : rest;
        if (who.StartsWith("["u8) && who.IndexOf((byte)']') is var close and > 0) p.User = p.Texts.Get(who[1..close]);
        else if (who.IndexOf((byte)'[') is var open and >= 0) p.User = p.Texts.Get(who[..open]);
        else p.User = who.Length > 0 ? p.Texts.Get(who) : null;
        if (at < 0) return;
        var where = rest[(at + 3)..].TrimStart((byte)' ');
        var space = where.IndexOfAny((byte)' ', (byte)'[');
        var host = space < 0 ? where : where[..space];
        string? ip = null;
        if (where.IndexOf((byte)'[') is var ipOpen and >= 0 && where[ipOpen..].IndexOf((byte)']') is var ipClose and > 0)
        {
            var inside = where.Slice(ipOpen + 1, ipClose - 1);
            if (inside.Length > 0) ip = p.AsciiTexts.Get(inside);
        }
        p.Host = host.Length > 0 ? p.Texts.Get(host) : ip;
        var id = where.IndexOf("Id:"u8);
        if (id >= 0 && Utf8Parser.TryParse(where[(id + 3)..].TrimStart((byte)' '), out long thread, out _)) p.ThreadId = thread;
    }

    // "Key: value" pairs separated by spaces; a key without a value (end of line) has an empty value.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseAttributes(ReadOnlySpan<byte> rest, PendingEvent p)
    {
        var i = 0;
        while (i < rest.Length)
        {
            while (i < rest.Length && rest[i] == ' ') i++;
            var keyStart = i;
            while (i < rest.Length && rest[i] != ' ' && rest[i] != ':') i++;
            if (i >= rest.Length || rest[i] != ':' || i == keyStart || !IsWord(rest[keyStart..i]))
            {
                while (i < rest.Length && rest[i] != ' ') i++;
                continue;
            }
            var key = rest[keyStart..i];
            i++;
            while (i < rest.Length && rest[i] == ' ') i++;
            var valueStart = i;
            while (i < rest.Length && rest[i] != ' ') i++;
            p.Set(key, rest[valueStart..i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsWord(ReadOnlySpan<byte> key)
    {
        foreach (var b in key)
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == '_')) return false;
        return true;
    }

    /// <summary>The event being read; reused from one event to the next.</summary>
    private sealed class PendingEvent(int maxStatementBytes)
    {
        private byte[] _statement = new byte[4096];

        public bool Started;
        public bool HasTime, HasUserHost, HasTimings, InStatement, Administrator, GotUse, GotSet, TooLong;
        public long Offset, Line;
        public DateTimeOffset? Time;
        public string? User, Host, Database, Schema;
        public long? ThreadId;
        public double QueryTime, LockTime;
        public long RowsSent, RowsExamined;
        public readonly Utf8StringCache Texts = new(Encoding.UTF8);
        public readonly Utf8StringCache AsciiTexts = new(Encoding.ASCII);

        // The other attributes as written, kept as bytes until someone reads them: most digests never do.
        private byte[] _attributeBytes = new byte[256];
        private int[] _attributeRanges = new int[32];
        private int _attributeBytesUsed, _attributeCount;
        public int Length;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Reset(long offset, long line)
        {
            Started = true;
            HasTime = HasUserHost = HasTimings = InStatement = Administrator = GotUse = GotSet = TooLong = false;
            Offset = offset;
            Line = line;
            Time = null;
            User = Host = Database = Schema = null;
            ThreadId = null;
            QueryTime = LockTime = 0;
            RowsSent = RowsExamined = 0;
            _attributeBytesUsed = _attributeCount = 0;
            Length = 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Append(ReadOnlySpan<byte> line, bool cut)
        {
            if (cut) TooLong = true;
            if (TooLong) return;
            var needed = Length + (Length > 0 ? 1 : 0) + line.Length;
            if (needed > maxStatementBytes) { TooLong = true; return; }
            if (needed > _statement.Length) Array.Resize(ref _statement, Math.Min(Math.Max(needed, _statement.Length * 2), maxStatementBytes));
            if (Length > 0) _statement[Length++] = (byte)'\n';
            line.CopyTo(_statement.AsSpan(Length));
            Length += line.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool EndsWithSemicolon() => _statement.AsSpan(0, Length).TrimEnd(" \t"u8).EndsWith(";"u8);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Statement()
        {
            var s = _statement.AsSpan(0, Length).TrimEnd(" \t"u8);
            if (s.EndsWith(";"u8)) s = s[..^1];
            if (Administrator && s.StartsWith("# "u8)) s = s[2..];
            return Encoding.UTF8.GetString(s);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            if (key.SequenceEqual("Query_time"u8)) QueryTime = Number(value);
            else if (key.SequenceEqual("Lock_time"u8)) LockTime = Number(value);
            else if (key.SequenceEqual("Rows_sent"u8)) RowsSent = (long)Number(value);
            else if (key.SequenceEqual("Rows_examined"u8)) RowsExamined = (long)Number(value);
            else
            {
                KeepAttribute(key, value);
                if (key.SequenceEqual("Thread_id"u8) && ThreadId is null && Digits(value) && Utf8Parser.TryParse(value, out long id, out var used) && used == value.Length) ThreadId = id;
                else if (key.SequenceEqual("Schema"u8) && value.Length > 0) Schema = Texts.Get(value);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool Digits(ReadOnlySpan<byte> value)
        {
            foreach (var b in value)
                if (b is < (byte)'0' or > (byte)'9') return false;
            return value.Length > 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void KeepAttribute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            var needed = _attributeBytesUsed + key.Length + value.Length;
            if (needed > _attributeBytes.Length) Array.Resize(ref _attributeBytes, Math.Max(needed, _attributeBytes.Length * 2));
            if ((_attributeCount + 1) * 3 > _attributeRanges.Length) Array.Resize(ref _attributeRanges, _attributeRanges.Length * 2);
            _attributeRanges[_attributeCount * 3] = _attributeBytesUsed;
            _attributeRanges[_attributeCount * 3 + 1] = key.Length;
            _attributeRanges[_attributeCount * 3 + 2] = value.Length;
            _attributeCount++;
            key.CopyTo(_attributeBytes.AsSpan(_attributeBytesUsed));
            value.CopyTo(_attributeBytes.AsSpan(_attributeBytesUsed + key.Length));
            _attributeBytesUsed = needed;
        }

        /// <summary>The event's other attributes, read as a dictionary on first use; null when there are none.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public IReadOnlyDictionary<string, string>? TakeAttributes() =>
            _attributeCount == 0 ? null : new LazyAttributes(_attributeBytes.AsSpan(0, _attributeBytesUsed).ToArray(), _attributeRanges.AsSpan(0, _attributeCount * 3).ToArray());

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double Number(ReadOnlySpan<byte> value) =>
            Utf8Parser.TryParse(value, out double d, out var used) && used == value.Length && double.IsFinite(d) && d >= 0 ? d : 0;
    }
}

/// <summary>
/// Attributes kept as the bytes of their names and values (start, name length, value length per attribute), turned
/// into a dictionary the first time they are read. A later attribute of the same name replaces an earlier one.
/// </summary>
internal sealed class LazyAttributes(byte[] bytes, int[] ranges) : IReadOnlyDictionary<string, string>
{
    private Dictionary<string, string>? _dictionary;

    private Dictionary<string, string> Dictionary => _dictionary ??= Build();

    private Dictionary<string, string> Build()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < ranges.Length; i += 3)
        {
            var (start, key, value) = (ranges[i], ranges[i + 1], ranges[i + 2]);
            d[Encoding.ASCII.GetString(bytes, start, key)] = Encoding.UTF8.GetString(bytes, start + key, value);
        }
        return d;
    }

    public string this[string key] => Dictionary[key];
    public IEnumerable<string> Keys => Dictionary.Keys;
    public IEnumerable<string> Values => Dictionary.Values;
    public int Count => Dictionary.Count;
    public bool ContainsKey(string key) => Dictionary.ContainsKey(key);
    /// <summary>Looks the key up in the bytes, the last occurrence winning, without building the dictionary: the digest asks for a few flags of every event.</summary>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        if (_dictionary is not null) return _dictionary.TryGetValue(key, out value);
        for (var i = ranges.Length - 3; i >= 0; i -= 3)
        {
            var (start, length, valueLength) = (ranges[i], ranges[i + 1], ranges[i + 2]);
            if (length == key.Length && Ascii.Equals(bytes.AsSpan(start, length), key))
            {
                value = Encoding.UTF8.GetString(bytes, start + length, valueLength);
                return true;
            }
        }
        value = null;
        return false;
    }
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Dictionary.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Strings of short byte sequences that repeat from event to event (users, hosts, databases), decoded once: a small
/// table indexed by a hash of the bytes, an entry replaced when another sequence lands on it. Bounded whatever the log.
/// </summary>
internal sealed class Utf8StringCache(Encoding encoding)
{
    private const int Size = 256;
    private const int Longest = 64;
    private readonly byte[]?[] _keys = new byte[]?[Size];
    private readonly string?[] _values = new string?[Size];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Longest) return encoding.GetString(bytes);
        var hash = (uint)bytes.Length;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619;
        var slot = (int)(hash % Size);
        if (_keys[slot] is { } key && bytes.SequenceEqual(key)) return _values[slot]!;
        var value = encoding.GetString(bytes);
        _keys[slot] = bytes.ToArray();
        _values[slot] = value;
        return value;
    }
}
