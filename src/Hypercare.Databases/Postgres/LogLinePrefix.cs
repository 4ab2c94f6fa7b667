using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hypercare.Databases.Postgres;

/// <summary>
/// A server's <c>log_line_prefix</c> turned into a matcher: which lines start a message, and the time, process,
/// user, database, application and client host the prefix carries.
/// </summary>
/// <remarks>
/// Escapes: <c>%t %m %n</c> (times; <c>%m</c> and <c>%n</c> have milliseconds), <c>%p</c> process, <c>%l</c> line
/// number of the session, <c>%u</c> user, <c>%d</c> database, <c>%a</c> application, <c>%h</c> client host,
/// <c>%r</c> host and port, <c>%c</c> session id, <c>%s</c> session start, <c>%v</c> virtual transaction,
/// <c>%x</c> transaction, <c>%e</c> SQLSTATE, <c>%i</c> command tag, <c>%b</c> backend type, <c>%Q</c> query id,
/// <c>%P</c> parallel leader, <c>%q</c> (the rest is absent for background processes), <c>%%</c>. A padding such as
/// <c>%-10u</c> is accepted. The prefix is followed by the severity (<c>LOG:  </c>, <c>ERROR:  </c>, ...).
/// </remarks>
public sealed partial class LogLinePrefix
{
    /// <summary>The Debian and Ubuntu packages' default: <c>%m [%p] %q%u@%d </c>.</summary>
    public const string DebianDefault = "%m [%p] %q%u@%d ";

    private const string Severities = "LOG|ERROR|WARNING|FATAL|PANIC|DETAIL|HINT|STATEMENT|CONTEXT|NOTICE|INFO|QUERY|LOCATION|DEBUG[1-5]?";
    private const string Stamp = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d";
    private const string Zone = @"(?: [A-Za-z][A-Za-z0-9/_]*|[+-]\d\d(?::?\d\d)?| [+-]\d\d(?::?\d\d)?)?";

    private readonly Regex _regex;

    /// <summary>Compiles a prefix.</summary>
    /// <exception cref="ArgumentException">The prefix ends in a lone <c>%</c>.</exception>
    public LogLinePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Text = prefix;
        var pattern = new StringBuilder("^");
        var optionalGroups = 0;
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < prefix.Length; i++)
        {
            var c = prefix[i];
            if (c != '%') { pattern.Append(Regex.Escape(c.ToString())); continue; }
            var j = i + 1;
            var padded = false;
            if (j < prefix.Length && prefix[j] == '-') j++;
            while (j < prefix.Length && char.IsAsciiDigit(prefix[j])) { j++; padded = true; }
            if (j >= prefix.Length) throw new ArgumentException($"the log_line_prefix '{prefix}' ends with a lone '%'", nameof(prefix));
            var escape = prefix[j];
            i = j;
            if (escape == 'q') { pattern.Append("(?:"); optionalGroups++; continue; }
            if (escape == '%') { pattern.Append('%'); continue; }
            var part = Part(escape, used);
            pattern.Append(padded ? $" *{part} *" : part);
        }
        for (var g = 0; g < optionalGroups; g++) pattern.Append(")?");
        pattern.Append($"(?<severity>{Severities}): +(?<message>.*)$");
        _regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    /// <summary>The prefix as given.</summary>
    public string Text { get; }

    private static string Part(char escape, HashSet<string> used)
    {
        // A name captured twice (%m and %t both) keeps the first group; later ones only match.
        string Group(string name, string body) => used.Add(name) ? $"(?<{name}>{body})" : $"(?:{body})";
        return escape switch
        {
            't' => Group("t", Stamp + Zone),
            'm' => Group("m", Stamp + @"\.\d+" + Zone),
            'n' => Group("n", @"\d+(?:\.\d+)?"),
            's' => $"(?:{Stamp}{Zone})",
            'p' => Group("p", @"\d+"),
            'P' => @"\d*",
            'l' => @"\d+",
            'u' => Group("u", ".*?"),
            'd' => Group("d", ".*?"),
            'a' => Group("a", ".*?"),
            'h' => Group("h", ".*?"),
            'r' => Group("h", ".*?") + @"(?:\(\d+\))?",
            'c' => @"[0-9a-f]+\.[0-9a-f]+",
            'v' => @"(?:\d+/\d+)?",
            'x' => @"\d+",
            'e' => @"[0-9A-Z]{5}",
            'Q' => @"-?\d+",
            _ => ".*?",
        };
    }

    /// <summary>Matches a line; null when it does not start with this prefix and a severity.</summary>
    public LogLinePrefixMatch? Match(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Match m;
        try
        {
            m = _regex.Match(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        if (!m.Success) return null;
        return new LogLinePrefixMatch(
            Time(m),
            m.Groups["p"].Success && int.TryParse(m.Groups["p"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null,
            Value(m, "u"), Value(m, "d"), Value(m, "a"), Value(m, "h"),
            m.Groups["severity"].Value, m.Groups["message"].Value);
    }

    private static string? Value(Match m, string name) =>
        m.Groups[name] is { Success: true, Length: > 0 } g && g.Value.Trim() is { Length: > 0 } v && v != "[unknown]" ? v : null;

    private static DateTimeOffset? Time(Match m)
    {
        if (m.Groups["m"].Success) return ParseStamp(m.Groups["m"].Value);
        if (m.Groups["n"].Success && double.TryParse(m.Groups["n"].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var epoch))
            return DateTimeOffset.UnixEpoch.AddTicks((long)(epoch * TimeSpan.TicksPerSecond));
        if (m.Groups["t"].Success) return ParseStamp(m.Groups["t"].Value);
        return null;
    }

    /// <summary>
    /// Reads <c>2017-09-06 08:48:45.123 CEST</c>: a numeric offset or a common zone abbreviation gives the offset;
    /// an abbreviation not known here is read as UTC.
    /// </summary>
    internal static DateTimeOffset? ParseStamp(string text)
    {
        var space = text.IndexOf(' ', 11);
        var clock = space < 0 ? text : text[..space];
        var zone = space < 0 ? "" : text[(space + 1)..];
        if (space < 0 && clock.Length > 19 && clock.LastIndexOfAny(['+', '-']) is var sign and > 18)
        {
            zone = clock[sign..];
            clock = clock[..sign];
        }
        if (!DateTime.TryParseExact(clock, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var offset = ZoneOffset(zone) ?? TimeSpan.Zero;
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private static TimeSpan? ZoneOffset(string zone)
    {
        if (zone.Length == 0) return null;
        var numeric = NumericZone().Match(zone);
        if (numeric.Success)
        {
            var hours = int.Parse(numeric.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            var minutes = numeric.Groups[3].Success ? int.Parse(numeric.Groups[3].ValueSpan, CultureInfo.InvariantCulture) : 0;
            var span = new TimeSpan(hours, minutes, 0);
            return numeric.Groups[1].Value == "-" ? -span : span;
        }
        return Zones.TryGetValue(zone, out var h) ? TimeSpan.FromHours(h) : null;
    }

    private static readonly Dictionary<string, double> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 1, ["CET"] = 1, ["WEST"] = 1, ["CEST"] = 2, ["EET"] = 2,
        ["EEST"] = 3, ["MSK"] = 3, ["IST"] = 5.5, ["JST"] = 9, ["KST"] = 9, ["AEST"] = 10, ["AEDT"] = 11,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
    };

    [GeneratedRegex(@"^([+-])(\d\d):?(\d\d)?$")]
    private static partial Regex NumericZone();
}

/// <summary>What a line's prefix said, and the message after its severity.</summary>
/// <param name="Time">From <c>%m</c>, <c>%n</c> or <c>%t</c>, whichever the prefix has (in that order of preference).</param>
/// <param name="ProcessId">From <c>%p</c>.</param>
/// <param name="User">From <c>%u</c>.</param>
/// <param name="Database">From <c>%d</c>.</param>
/// <param name="Application">From <c>%a</c>.</param>
/// <param name="ClientHost">From <c>%h</c> or <c>%r</c> (without the port).</param>
/// <param name="Severity"><c>LOG</c>, <c>DETAIL</c>, <c>ERROR</c>...</param>
/// <param name="Message">The rest of the line.</param>
public sealed record LogLinePrefixMatch(DateTimeOffset? Time, int? ProcessId, string? User, string? Database, string? Application, string? ClientHost, string Severity, string Message);
