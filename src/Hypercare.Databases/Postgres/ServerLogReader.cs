using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypercare.Core.Problems;
using Hypercare.Databases.MySql;

namespace Hypercare.Databases.Postgres;

/// <summary>
/// Reads a PostgreSQL server log (stderr format, any <c>log_line_prefix</c>) as a stream of
/// <see cref="ServerLogEvent"/>s: the statements logged with <c>duration: ... ms  statement: ...</c> (simple protocol)
/// and <c>duration: ... ms  execute NAME: ...</c> (extended protocol) with the <c>DETAIL:  parameters: ...</c> line
/// that follows.
/// </summary>
/// <remarks>
/// A line that matches the prefix and a severity starts a message; a line that starts with a tab continues the
/// message before it (the server indents the lines of a multi-line message so); any other line is stray, counted
/// and reported. Only <c>LOG</c> messages with a duration become events. The <c>parse</c> and <c>bind</c> steps
/// of the extended protocol (logged with their own durations when they are slow) are counted, not digested, so
/// that an execution counts once. Statements logged without a duration (<c>log_statement</c>) are counted;
/// other messages (<c>ERROR</c>, <c>STATEMENT</c>, <c>CONTEXT</c>, checkpoints, connections...) are passed over.
/// The reader works on bytes over a reused buffer, like the MySQL one; gzip is recognised by its magic bytes.
/// jsonlog (PostgreSQL 15+: one JSON object per line, its <c>detail</c> inside) is read as well, whatever the prefix;
/// csvlog is not: a log whose lines look like it is reported as such.
/// </remarks>
public sealed class ServerLogReader
{
    /// <summary>How many located problems are kept; the rest are only counted.</summary>
    public const int MaxProblems = 100;

    private readonly Stream _stream;
    private readonly string? _file;
    private readonly LogLinePrefix _prefix;
    private readonly int _maxStatementBytes;
    private readonly List<Problem> _problems = [];

    /// <summary>Creates a reader over a stream (plain or gzip) that the caller owns.</summary>
    /// <param name="stream">The log.</param>
    /// <param name="file">The file name used in problem locations, or null.</param>
    /// <param name="logLinePrefix">The server's <c>log_line_prefix</c>. <value><see cref="LogLinePrefix.DebianDefault"/> when null.</value></param>
    /// <param name="maxStatementBytes">A longer message is skipped and counted. <value>64 MiB by default.</value></param>
    public ServerLogReader(Stream stream, string? file = null, string? logLinePrefix = null, int maxStatementBytes = 64 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStatementBytes, 16);
        _stream = stream;
        _file = file;
        _prefix = new LogLinePrefix(logLinePrefix ?? LogLinePrefix.DebianDefault);
        _maxStatementBytes = maxStatementBytes;
    }

    /// <summary>Statements with a duration that could not be used (too long, unreadable duration); each has a problem.</summary>
    public long SkippedEvents { get; private set; }

    /// <summary>Lines that neither start with the prefix nor continue a message.</summary>
    public long StrayLines { get; private set; }

    /// <summary>Lines that matched the prefix.</summary>
    public long Messages { get; private set; }

    /// <summary><c>statement:</c> and <c>execute</c> lines logged without a duration (<c>log_statement</c>), not digested.</summary>
    public long StatementsWithoutDuration { get; private set; }

    /// <summary><c>duration: ... parse</c> and <c>bind</c> lines (steps of an <c>execute</c>), not digested.</summary>
    public long ProtocolSteps { get; private set; }

    /// <summary><c>duration: ... ms</c> lines without a statement (<c>log_duration</c>), not digested.</summary>
    public long DurationsWithoutStatement { get; private set; }

    /// <summary>Located problems met so far, at most <see cref="MaxProblems"/>.</summary>
    public IReadOnlyList<Problem> Problems => _problems;

    /// <summary>All problems met so far, including those not kept.</summary>
    public long ProblemCount { get; private set; }

    /// <summary>Whether the input was gzip-compressed.</summary>
    public bool Compressed { get; private set; }

    /// <summary>The events, read lazily as the sequence is enumerated (enumerate once).</summary>
    public IEnumerable<ServerLogEvent> Events()
    {
        using var input = Decompressed();
        var source = new LineSource(input, _maxStatementBytes);
        var state = new ReadState();
        while (source.Next(out var line))
        {
            if (line.Length > 0 && line[0] == (byte)'\t')
            {
                if (state.Current is { } current) current.Append(line[1..], source.Cut, _maxStatementBytes);
                else NoteStray(state, source.Number, line);
                continue;
            }
            if (line.IsEmpty) continue;
            if (line[0] == (byte)'{' && JsonRecord(line) is { } record)
            {
                // jsonlog: one record per line, its DETAIL inside it; no prefix, no continuation lines.
                if (state.StrayCount > 0) FlushStray(state);
                Messages++;
                JsonRecords++;
                if (state.Current is { } open && Process(open, state) is { } before) yield return before;
                state.Current = null;
                var message = new Message(record.Match, source.Offset, source.Number, source.Cut);
                message.Append(record.Match.Message, _maxStatementBytes);
                if (Process(message, state) is { } jsonDone) yield return jsonDone;
                if (state.Pending == message && record.Detail is { } detail && detail.StartsWith("parameters: ", StringComparison.Ordinal))
                    message.Parameters = detail["parameters: ".Length..];
                continue;
            }
            var text = Encoding.UTF8.GetString(line);
            if (_prefix.Match(text) is not { } match)
            {
                NoteStray(state, source.Number, line);
                continue;
            }
            if (state.StrayCount > 0) FlushStray(state);
            Messages++;
            if (state.Current is { } previous && Process(previous, state) is { } done) yield return done;
            state.Current = new Message(match, source.Offset, source.Number, source.Cut);
            state.Current.Append(match.Message, _maxStatementBytes);
        }
        if (state.StrayCount > 0) FlushStray(state);
        if (state.Current is { } last && Process(last, state) is { } lastDone) yield return lastDone;
        if (state.Pending is { } pending) yield return Build(pending, null);
        if (source.Damage is { } damage) Report(source.Number + 1, "damaged-gzip", $"the compressed data is damaged after {source.Consumed} bytes ({damage}); the rest of the log cannot be read");
        if (Messages == 0 && StrayLines > 0)
        {
            var hint = state.LooksLike is { } other
                ? $"it looks like a {other} log, which this version does not read; log to stderr (log_destination = 'stderr') to digest it"
                : $"give the server's log_line_prefix with --log-line-prefix (SHOW log_line_prefix; the one used was '{_prefix.Text}')";
            Report(1, "prefix-not-matched", "no line of this log starts with the log_line_prefix and a severity (LOG:, ERROR:...): " + hint);
        }
    }

    /// <summary>Lines read as jsonlog records.</summary>
    public long JsonRecords { get; private set; }

    private sealed record JsonLine(LogLinePrefixMatch Match, string? Detail);

    // A jsonlog record: {"timestamp":"2026-11-26 10:00:00.123 UTC","user":"u","dbname":"d","pid":12,...,"error_severity":"LOG","message":"duration: ..."}.
    private static JsonLine? JsonRecord(ReadOnlySpan<byte> line)
    {
        try
        {
            // Decoded first, so that invalid UTF-8 becomes U+FFFD as on the stderr path rather than an exception.
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(line));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error_severity", out var severity) || !root.TryGetProperty("message", out var message)
                || severity.ValueKind != JsonValueKind.String || message.ValueKind != JsonValueKind.String)
                return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } t ? t : null;
            int? pid = root.TryGetProperty("pid", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : null;
            var time = Text("timestamp") is { } stamp ? LogLinePrefix.ParseStamp(stamp) : null;
            return new JsonLine(new LogLinePrefixMatch(time, pid, Text("user"), Text("dbname"), Text("application_name"), Text("remote_host"), severity.GetString()!, message.GetString()!), Text("detail"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class ReadState
    {
        public Message? Current;
        public Message? Pending;
        public long StrayStart, StrayCount;
        public string? LooksLike;
    }

    /// <summary>One message: a prefixed line and the tab-indented lines that continue it.</summary>
    private sealed class Message(LogLinePrefixMatch match, long offset, long line, bool cut)
    {
        private readonly StringBuilder _text = new();

        public LogLinePrefixMatch Match { get; } = match;
        public long Offset { get; } = offset;
        public long Line { get; } = line;
        public bool TooLong { get; private set; } = cut;
        public string Text => _text.ToString();
        public string? Parameters;
        public double Duration;
        public string Kind = "";
        public string? Name;
        public string Statement = "";

        public void Append(string text, int max)
        {
            if (TooLong) return;
            if (_text.Length + text.Length + 1 > max) { TooLong = true; return; }
            _text.Append(text);
        }

        public void Append(ReadOnlySpan<byte> line, bool cut, int max)
        {
            if (cut) TooLong = true;
            if (TooLong) return;
            if (_text.Length + line.Length + 1 > max) { TooLong = true; return; }
            _text.Append('\n').Append(Encoding.UTF8.GetString(line));
        }
    }

    // A complete message; returns the event it completes, if any (the one waiting for its DETAIL line).
    private ServerLogEvent? Process(Message message, ReadState state)
    {
        ServerLogEvent? done = null;
        if (state.Pending is { } pending)
        {
            state.Pending = null;
            var text = message.Match.Severity == "DETAIL" && message.Match.ProcessId == pending.Match.ProcessId ? message.Text : null;
            if (text is not null && text.StartsWith("parameters: ", StringComparison.Ordinal))
            {
                pending.Parameters = text["parameters: ".Length..];
                return Build(pending, message);
            }
            done = Build(pending, null);
        }
        if (message.Match.Severity != "LOG") return done;
        var body = message.Text;
        if (body.StartsWith("duration: ", StringComparison.Ordinal))
        {
            var ms = body.IndexOf(" ms", 10, StringComparison.Ordinal);
            if (ms < 0 || !double.TryParse(body.AsSpan(10, ms - 10), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var duration) || !double.IsFinite(duration))
            {
                Skip(message, $"its duration '{Cut(body)}' cannot be read (expected 'duration: 12.345 ms')");
                return done;
            }
            var rest = body[(ms + 3)..].TrimStart(' ');
            message.Duration = duration / 1000;
            if (rest.Length == 0) { DurationsWithoutStatement++; return done; }
            if (rest.StartsWith("statement: ", StringComparison.Ordinal))
            {
                message.Kind = "statement";
                message.Statement = rest["statement: ".Length..];
            }
            else if (rest.StartsWith("execute ", StringComparison.Ordinal) && rest.IndexOf(": ", StringComparison.Ordinal) is var colon and > 8)
            {
                message.Kind = "execute";
                message.Name = rest[8..colon];
                message.Statement = rest[(colon + 2)..];
            }
            else if (rest.StartsWith("parse ", StringComparison.Ordinal) || rest.StartsWith("bind ", StringComparison.Ordinal))
            {
                ProtocolSteps++;
                return done;
            }
            else
            {
                Skip(message, $"'{Cut(rest)}' after the duration is neither 'statement:' nor 'execute'");
                return done;
            }
            if (message.TooLong)
            {
                Skip(message, $"its statement is longer than {_maxStatementBytes} bytes");
                return done;
            }
            state.Pending = message;
            return done;
        }
        if (body.StartsWith("statement: ", StringComparison.Ordinal) || body.StartsWith("execute ", StringComparison.Ordinal)) StatementsWithoutDuration++;
        return done;
    }

    private ServerLogEvent Build(Message m, Message? detail)
    {
        var runnable = m.Statement;
        if (m.Parameters is { } parameters)
        {
            if (ParseParameters(parameters) is { } values) runnable = Substitute(m.Statement, values);
            else Report(detail?.Line ?? m.Line, "unreadable-parameters", $"the parameters of the statement at line {m.Line} cannot be read; its sample keeps the placeholders");
        }
        var p = m.Match;
        return new ServerLogEvent(p.Time, p.ProcessId, p.User, p.Database, p.Application, p.ClientHost, m.Duration, m.Kind, m.Name, m.Statement, m.Parameters, runnable, m.Offset, m.Line);
    }

    /// <summary>Reads <c>$1 = '42', $2 = NULL, $3 = 'it''s'</c> into the literal of each placeholder.</summary>
    internal static Dictionary<int, string>? ParseParameters(string text)
    {
        var values = new Dictionary<int, string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '$') return null;
            var start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == start || !int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
            if (!text.AsSpan(i).StartsWith(" = ", StringComparison.Ordinal)) return null;
            i += 3;
            var valueStart = i;
            if (text.AsSpan(i).StartsWith("NULL", StringComparison.Ordinal)) i += 4;
            else if (i < text.Length && text[i] == '\'')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) return null;
                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'') { i += 2; continue; }
                        i++;
                        break;
                    }
                    i++;
                }
            }
            else return null;
            values[n] = text[valueStart..i];
            if (i == text.Length) break;
            if (!text.AsSpan(i).StartsWith(", ", StringComparison.Ordinal)) return null;
            i += 2;
        }
        return values;
    }

    /// <summary>Replaces each <c>$n</c> outside quotes and comments by its value.</summary>
    internal static string Substitute(string statement, Dictionary<int, string> values)
    {
        var b = new StringBuilder(statement.Length + 64);
        var i = 0;
        while (i < statement.Length)
        {
            var c = statement[i];
            if (c is '\'' or '"')
            {
                var end = statement.IndexOf(c, i + 1);
                while (end >= 0 && end + 1 < statement.Length && statement[end + 1] == c) end = statement.IndexOf(c, end + 2);
                end = end < 0 ? statement.Length : end + 1;
                b.Append(statement, i, end - i);
                i = end;
                continue;
            }
            if (c == '-' && i + 1 < statement.Length && statement[i + 1] == '-')
            {
                var end = statement.IndexOf('\n', i);
                end = end < 0 ? statement.Length : end;
                b.Append(statement, i, end - i);
                i = end;
                continue;
            }
            if (c == '$' && i + 1 < statement.Length && char.IsAsciiDigit(statement[i + 1]) && (i == 0 || !(char.IsLetterOrDigit(statement[i - 1]) || statement[i - 1] == '_')))
            {
                var j = i + 1;
                while (j < statement.Length && char.IsAsciiDigit(statement[j])) j++;
                if (int.TryParse(statement.AsSpan(i + 1, j - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && values.TryGetValue(n, out var value))
                {
                    b.Append(value);
                    i = j;
                    continue;
                }
            }
            b.Append(c);
            i++;
        }
        return b.ToString();
    }

    private void NoteStray(ReadState state, long line, ReadOnlySpan<byte> text)
    {
        if (state.StrayCount++ == 0) state.StrayStart = line;
        StrayLines++;
        if (state.LooksLike is null && Messages == 0)
        {
            if (text.Length > 24 && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text.IndexOf(",\"LOG\","u8) > 0) state.LooksLike = "csvlog";
        }
    }

    private void FlushStray(ReadState state)
    {
        Report(state.StrayStart, "stray-text", state.StrayCount == 1
            ? "a line that neither starts with the log_line_prefix nor continues a message (tab) is ignored"
            : $"{state.StrayCount} lines that neither start with the log_line_prefix nor continue a message (tab) are ignored");
        state.StrayCount = 0;
    }

    private void Skip(Message m, string why)
    {
        SkippedEvents++;
        Report(m.Line, "skipped-event", $"the statement at byte {m.Offset} is skipped: {why}");
    }

    private void Report(long line, string code, string message)
    {
        ProblemCount++;
        if (_problems.Count < MaxProblems) _problems.Add(new Problem(code, message, new SourceLocation(_file, (int)Math.Min(line, int.MaxValue), 1, null)));
    }

    private static string Cut(string text) => text.Length > 80 ? text[..80] : text;

    private Stream Decompressed()
    {
        var input = ReplayStream.Decompressed(_stream, out var compressed);
        Compressed = compressed;
        return input;
    }
}
