using System.Globalization;
using System.Text;
using Hypercare.Core.Problems;
using NodaTime;

namespace Hypercare.Core.Calendar;

/// <summary>
/// A small, strict iCalendar (RFC 5545) reader for holiday calendars: VEVENTs with DTSTART, DTEND or DURATION,
/// SUMMARY, CATEGORIES and yearly RRULEs. Every problem carries file, line and column.
/// </summary>
/// <remarks>
/// <para>An event is an extra working day when CATEGORIES holds WORKDAY or WORKING-DAY, or when it has
/// <c>X-HYPERCARE-DAY-TYPE:WORKDAY</c>; otherwise it is a holiday. DTEND is exclusive and defaults to one day;
/// date-times count by their date part. Cancelled events (STATUS:CANCELLED) are skipped.</para>
/// <para>Published holiday feeds are read as they come: an event whose DESCRIPTION starts with "Observance"
/// (how public calendar services mark days such as Valentine's Day that are not days off) is skipped, and a
/// SUMMARY that names a working day ("Adjusted working day", "Workday", or the Chinese 补班 / 上班 of
/// adjusted-workday feeds) makes the event an extra working day.</para>
/// <para>The covered years are <c>X-HYPERCARE-YEARS</c> on the VCALENDAR when present, else the years of the
/// one-off events. Events that start outside the covered years are ignored (exports often span more years than
/// have been checked); yearly RRULEs are expanded over the covered years.</para>
/// <para>Extensions on the VCALENDAR: <c>X-HYPERCARE-YEARS</c>, <c>X-HYPERCARE-COUNTRY</c>, <c>X-HYPERCARE-SOURCE</c>;
/// <c>X-WR-CALNAME</c> names the calendar.</para>
/// </remarks>
internal static class ICalendarReader
{
    private const string SupportedRule = "Hypercare supports only RRULE:FREQ=YEARLY, with an optional COUNT or UNTIL";
    private const string LineForm = "each line is NAME:VALUE or NAME;PARAM=VALUE:VALUE, and a long line continues on lines that start with one space";
    private const int LongestEventDays = 366;

    public static CalendarFileContent Read(string path, string text) => new Parser(path).Read(text);

    /// <summary>A content line after unfolding, remembering where each piece came from.</summary>
    private sealed class LogicalLine
    {
        private readonly List<(int Offset, int Line, int Column)> _pieces;

        public LogicalLine(int line, string text)
        {
            Text = text;
            _pieces = [(0, line, 1)];
        }

        public string Text { get; private set; }

        public int Line => _pieces[0].Line;

        public void Continue(int line, string rest)
        {
            _pieces.Add((Text.Length, line, 2)); // the leading space or tab is column 1
            Text += rest;
        }

        public (int Line, int Column) Position(int index)
        {
            var piece = _pieces.Last(p => p.Offset <= index);
            return (piece.Line, piece.Column + index - piece.Offset);
        }
    }

    private sealed record Property(string Name, IReadOnlyDictionary<string, string> Parameters, string Value, int ValueIndex, LogicalLine Line);

    private sealed record IcsDate(LocalDate Date, LocalTime? Time);

    private sealed record Recurrence(int? Count, LocalDate? Until);

    private sealed class EventBuilder(LogicalLine begin)
    {
        public LogicalLine Begin { get; } = begin;
        public Property? StartProperty { get; set; }
        public IcsDate? Start { get; set; }
        public Property? EndProperty { get; set; }
        public IcsDate? End { get; set; }
        public Property? DurationProperty { get; set; }
        public int? DurationDays { get; set; }
        public string? Summary { get; set; }
        public List<string> Categories { get; } = [];
        public EntryKind? DayType { get; set; }
        public Property? RuleProperty { get; set; }
        public Recurrence? Rule { get; set; }
        public bool Cancelled { get; set; }
        public bool Observance { get; set; }
    }

    private sealed record Draft(EntryKind Kind, LocalDate First, LocalDate Last, string Name, Recurrence? Rule, SourceLocation Location);

    private sealed class Parser(string file)
    {
        private readonly List<Problem> _problems = [];
        private List<int>? _declaredYears;
        private SourceLocation? _yearsLocation;
        private string? _country;
        private SourceLocation? _countryLocation;
        private string? _name;
        private string? _source;

        public CalendarFileContent Read(string text)
        {
            var lines = Unfold(text);
            if (lines.Count == 0 || !lines[0].Text.Trim().Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadInputException("ics-missing-vcalendar",
                    lines.Count == 0 ? "the calendar file is empty: it has no BEGIN:VCALENDAR"
                        : $"the file does not start with BEGIN:VCALENDAR (found '{Shorten(lines[0].Text)}')",
                    "an iCalendar file starts with BEGIN:VCALENDAR, holds one VEVENT per holiday and ends with END:VCALENDAR",
                    lines.Count == 0 ? new SourceLocation(file, 0, 0, null) : At(lines[0], 0));
            }

            var events = ReadComponents(lines);
            ThrowIfAny();

            var drafts = events.Where(e => !e.Cancelled && !e.Observance).Select(ToDraft).OfType<Draft>().ToList();
            ThrowIfAny();

            var years = _declaredYears ?? drafts.Where(d => d.Rule is null).Select(d => d.First.Year).Distinct().Order().ToList();
            if (years.Count == 0)
            {
                _problems.Add(new Problem("calendar-empty",
                    "the calendar covers no year: it has no one-off events and no X-HYPERCARE-YEARS",
                    At(lines[0], 0),
                    "add the holidays as VEVENTs, or X-HYPERCARE-YEARS:2024,2025 after BEGIN:VCALENDAR to say which years the file is complete for"));
            }
            ThrowIfAny();

            return new CalendarFileContent
            {
                Path = file,
                Format = "iCalendar",
                Country = _country,
                CountryLocation = _countryLocation,
                Name = _name,
                Source = _source,
                Years = years,
                CoverageLocation = _yearsLocation ?? new SourceLocation(file, 0, 0, null),
                HowToAddYear = (year, path) => $"add the {year} events to {path} or list the year in X-HYPERCARE-YEARS on the VCALENDAR",
                Weekend = null,
                Entries = Expand(drafts, years),
            };
        }

        private List<LogicalLine> Unfold(string text)
        {
            var lines = new List<LogicalLine>();
            LogicalLine? current = null;
            var physical = text.Split('\n');
            for (var i = 0; i < physical.Length; i++)
            {
                var raw = physical[i].TrimEnd('\r');
                if (i == 0 && raw.Length > 0 && raw[0] == '\uFEFF') raw = raw[1..];
                if (raw.Length == 0)
                {
                    current = null; // blank lines are tolerated; they end a line
                    continue;
                }
                if (raw[0] is ' ' or '\t')
                {
                    if (current is null)
                        _problems.Add(new Problem("ics-malformed-line", "a continuation line (one that starts with a space) must follow a content line",
                            new SourceLocation(file, i + 1, 1, null), LineForm));
                    else
                        current.Continue(i + 1, raw[1..]);
                    continue;
                }
                current = new LogicalLine(i + 1, raw);
                lines.Add(current);
            }
            return lines;
        }

        private List<EventBuilder> ReadComponents(List<LogicalLine> lines)
        {
            var events = new List<EventBuilder>();
            var open = new Stack<(string Name, LogicalLine Line)>();
            open.Push(("VCALENDAR", lines[0]));
            EventBuilder? current = null;
            foreach (var line in lines.Skip(1))
            {
                if (open.Count == 0)
                {
                    Add(line, 0, "ics-malformed", $"'{Shorten(line.Text)}' comes after END:VCALENDAR",
                        "a file holds one VCALENDAR: move the line inside it or remove it");
                    break;
                }
                if (Lex(line) is not { } property) continue;
                switch (property.Name)
                {
                    case "BEGIN":
                        var component = property.Value.Trim().ToUpperInvariant();
                        open.Push((component, line));
                        if (component == "VEVENT" && open.Count == 2) current = new EventBuilder(line);
                        break;
                    case "END":
                        var closing = property.Value.Trim().ToUpperInvariant();
                        var (name, beginLine) = open.Peek();
                        if (closing != name)
                        {
                            Add(line, property.ValueIndex, "ics-malformed", $"END:{closing} does not close BEGIN:{name} (line {beginLine.Line})",
                                "every BEGIN:X needs a matching END:X, innermost first");
                            ThrowIfAny();
                        }
                        open.Pop();
                        if (closing == "VEVENT" && open.Count == 1 && current is not null)
                        {
                            events.Add(current);
                            current = null;
                        }
                        break;
                    default:
                        if (open.Count == 1) CalendarProperty(property);
                        else if (open.Count == 2 && current is not null) EventProperty(current, property);
                        break; // properties of other components (VTIMEZONE, VALARM, ...) do not matter here
                }
            }
            if (open.Count > 0)
            {
                var (name, beginLine) = open.Peek();
                Add(beginLine, 0, "ics-malformed", $"BEGIN:{name} is never closed", $"add END:{name}");
            }
            return events;
        }

        private Property? Lex(LogicalLine line)
        {
            var t = line.Text;
            var i = NameEnd(t, 0);
            if (i == 0) return Malformed(line, 0, "a line must start with a property name");
            var name = t[..i].ToUpperInvariant();
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (i < t.Length && t[i] == ';')
            {
                var start = ++i;
                i = NameEnd(t, i);
                if (i == start) return Malformed(line, i, "expected a parameter name after ';'");
                var parameter = t[start..i];
                if (i >= t.Length || t[i] != '=') return Malformed(line, i, $"expected '=' after the parameter name {parameter}");
                var values = new List<string>();
                do
                {
                    i++;
                    if (i < t.Length && t[i] == '"')
                    {
                        var close = t.IndexOf('"', i + 1);
                        if (close < 0) return Malformed(line, i, "a quoted parameter value is not closed");
                        values.Add(t[(i + 1)..close]);
                        i = close + 1;
                    }
                    else
                    {
                        var start2 = i;
                        while (i < t.Length && t[i] is not (';' or ':' or ',' or '"')) i++;
                        values.Add(t[start2..i]);
                    }
                }
                while (i < t.Length && t[i] == ',');
                parameters[parameter] = string.Join(',', values);
            }
            if (i >= t.Length || t[i] != ':') return Malformed(line, i, $"expected ':' between the property {name} and its value");
            return new Property(name, parameters, t[(i + 1)..], i + 1, line);
        }

        private Property? Malformed(LogicalLine line, int index, string why)
        {
            Add(line, index, "ics-malformed-line", $"malformed iCalendar line '{Shorten(line.Text)}': {why}", LineForm);
            return null;
        }

        private static int NameEnd(string text, int i)
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '-')) i++;
            return i;
        }

        private void CalendarProperty(Property p)
        {
            switch (p.Name)
            {
                case "X-HYPERCARE-YEARS":
                    if (_declaredYears is not null)
                    {
                        Add(p.Line, 0, "ics-duplicate-property", "X-HYPERCARE-YEARS appears twice", "list all the years on one line, such as X-HYPERCARE-YEARS:2024,2025");
                        return;
                    }
                    _yearsLocation = At(p.Line, p.ValueIndex);
                    _declaredYears = [];
                    var offset = 0;
                    foreach (var part in p.Value.Split(','))
                    {
                        if (int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                            && year is >= PackageHolidays.FirstYear and <= PackageHolidays.LastYear)
                        {
                            if (!_declaredYears.Contains(year)) _declaredYears.Add(year);
                        }
                        else
                        {
                            Add(p.Line, p.ValueIndex + offset, "wrong-type",
                                $"X-HYPERCARE-YEARS: '{part.Trim()}' is not a year from {PackageHolidays.FirstYear} to {PackageHolidays.LastYear}",
                                "list years separated by commas, such as X-HYPERCARE-YEARS:2024,2025");
                        }
                        offset += part.Length + 1;
                    }
                    _declaredYears.Sort();
                    break;
                case "X-HYPERCARE-COUNTRY":
                    _countryLocation = At(p.Line, p.ValueIndex);
                    if (CountryCodes.TryNormalize(p.Value, out var code, out var why, out var hint)) _country = code;
                    else _problems.Add(new Problem(CountryCodes.Code, why, _countryLocation, hint));
                    break;
                case "X-HYPERCARE-SOURCE":
                    _source = Unescape(p.Value).Trim();
                    break;
                case "X-WR-CALNAME":
                    _name = Unescape(p.Value).Trim();
                    break;
            }
        }

        private void EventProperty(EventBuilder e, Property p)
        {
            switch (p.Name)
            {
                case "DTSTART":
                    if (Once(e.StartProperty, p)) (e.StartProperty, e.Start) = (p, ParseDate(p));
                    break;
                case "DTEND":
                    if (Once(e.EndProperty, p)) (e.EndProperty, e.End) = (p, ParseDate(p));
                    break;
                case "DURATION":
                    if (Once(e.DurationProperty, p)) (e.DurationProperty, e.DurationDays) = (p, ParseDuration(p));
                    break;
                case "SUMMARY":
                    e.Summary = Unescape(p.Value).Trim();
                    break;
                case "CATEGORIES":
                    e.Categories.AddRange(SplitList(p.Value).Select(c => Unescape(c).Trim()));
                    break;
                case "X-HYPERCARE-DAY-TYPE":
                    e.DayType = p.Value.Trim().ToUpperInvariant() switch
                    {
                        "WORKDAY" or "WORKING-DAY" => EntryKind.WorkingDay,
                        "HOLIDAY" => EntryKind.Holiday,
                        _ => Invalid(p, $"X-HYPERCARE-DAY-TYPE '{p.Value}' is neither WORKDAY nor HOLIDAY", "use X-HYPERCARE-DAY-TYPE:WORKDAY for a worked weekend day"),
                    };
                    break;
                case "RRULE":
                    if (Once(e.RuleProperty, p)) (e.RuleProperty, e.Rule) = (p, ParseRule(p));
                    break;
                case "RDATE" or "EXDATE" or "EXRULE":
                    Add(p.Line, 0, "ics-unsupported", $"{p.Name} is not supported",
                        $"write each date as its own VEVENT; {SupportedRule}");
                    break;
                case "DESCRIPTION":
                    e.Observance = Unescape(p.Value).TrimStart().StartsWith("Observance", StringComparison.OrdinalIgnoreCase);
                    break;
                case "STATUS":
                    e.Cancelled = p.Value.Trim().Equals("CANCELLED", StringComparison.OrdinalIgnoreCase);
                    break;
            }
        }

        private bool Once(Property? earlier, Property p)
        {
            if (earlier is null) return true;
            Add(p.Line, 0, "ics-duplicate-property", $"{p.Name} appears twice in one VEVENT (first on line {earlier.Line.Line})", "keep one of them");
            return false;
        }

        private EntryKind? Invalid(Property p, string message, string hint)
        {
            Add(p.Line, p.ValueIndex, "invalid-value", message, hint);
            return null;
        }

        private IcsDate? ParseDate(Property p)
        {
            var value = p.Value.Trim();
            var dateOnly = p.Parameters.TryGetValue("VALUE", out var type) && type.Equals("DATE", StringComparison.OrdinalIgnoreCase);
            if (TryParseDate(value, out var date) && !(dateOnly && date.Time is not null)) return date;
            Add(p.Line, p.ValueIndex, "invalid-date", $"{p.Name} '{value}' is not a valid {(dateOnly ? "date" : "date or date-time")}",
                dateOnly ? "write a VALUE=DATE date as YYYYMMDD, such as 20240101" : "write YYYYMMDD (with VALUE=DATE) or YYYYMMDDTHHMMSS, such as 20240101T000000");
            return null;
        }

        private static bool TryParseDate(string s, out IcsDate date)
        {
            date = new IcsDate(default, null);
            if (s.Length < 8 || !Digits(s, 0, 8, out var ymd)) return false;
            int year = ymd / 10000, month = ymd / 100 % 100, day = ymd % 100;
            if (year is < 1 or > 9998 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)) return false;
            var localDate = new LocalDate(year, month, day);
            if (s.Length == 8)
            {
                date = new IcsDate(localDate, null);
                return true;
            }
            var utc = s.Length == 16 && s[15] is 'Z' or 'z';
            if (s.Length != 15 && !utc || s[8] is not ('T' or 't') || !Digits(s, 9, 6, out var hms)) return false;
            int hour = hms / 10000, minute = hms / 100 % 100, second = hms % 100;
            if (hour > 23 || minute > 59 || second > 60) return false;
            date = new IcsDate(localDate, new LocalTime(hour, minute, Math.Min(second, 59)));
            return true;
        }

        private static bool Digits(string s, int start, int length, out int value)
        {
            value = 0;
            for (var i = start; i < start + length; i++)
            {
                if (!char.IsAsciiDigit(s[i])) return false;
                value = value * 10 + (s[i] - '0');
            }
            return true;
        }

        private int? ParseDuration(Property p)
        {
            // Whole days or weeks only (P3D, P1W): a holiday is a number of days.
            var value = p.Value.Trim().ToUpperInvariant();
            if (value.Length >= 3 && value[0] == 'P' && value[^1] is 'D' or 'W'
                && int.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= LongestEventDays)
            {
                return value[^1] == 'W' ? n * 7 : n;
            }
            Add(p.Line, p.ValueIndex, "invalid-value", $"DURATION '{p.Value.Trim()}' is not a whole number of days or weeks",
                "use DTEND, or a DURATION such as P1D, P3D or P1W");
            return null;
        }

        private Recurrence? ParseRule(Property p)
        {
            string? frequency = null;
            int? count = null;
            LocalDate? until = null;
            var problems = _problems.Count;
            var offset = 0;
            foreach (var part in p.Value.Split(';'))
            {
                var at = p.ValueIndex + offset;
                offset += part.Length + 1;
                if (part.Length == 0) continue;
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    Unsupported(p, at, $"RRULE part '{part}' is not NAME=VALUE");
                    continue;
                }
                var key = part[..equals].ToUpperInvariant();
                var value = part[(equals + 1)..];
                var valueAt = at + equals + 1;
                switch (key)
                {
                    case "FREQ":
                        frequency = value.ToUpperInvariant();
                        if (frequency != "YEARLY") Unsupported(p, valueAt, $"RRULE FREQ={value} is not supported");
                        break;
                    case "COUNT":
                        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) count = n;
                        else Unsupported(p, valueAt, $"RRULE COUNT={value} is not a positive whole number");
                        break;
                    case "UNTIL":
                        if (TryParseDate(value, out var date)) until = date.Date;
                        else Add(p.Line, valueAt, "invalid-date", $"RRULE UNTIL={value} is not a valid date or date-time", "write YYYYMMDD or YYYYMMDDTHHMMSSZ");
                        break;
                    case "INTERVAL" when value == "1":
                        break; // every year: the same as no INTERVAL
                    default:
                        Unsupported(p, at, $"RRULE {key}={value} is not supported");
                        break;
                }
            }
            if (frequency is null && _problems.Count == problems) Unsupported(p, p.ValueIndex, "the RRULE has no FREQ");
            if (count is not null && until is not null) Unsupported(p, p.ValueIndex, "an RRULE may not have both COUNT and UNTIL");
            return _problems.Count == problems ? new Recurrence(count, until) : null;
        }

        private void Unsupported(Property p, int index, string what) =>
            Add(p.Line, index, "ics-unsupported-rrule", $"{what}: {SupportedRule}",
                "write the other dates as separate VEVENTs, one per occurrence");

        private Draft? ToDraft(EventBuilder e)
        {
            if (e.StartProperty is null)
            {
                Add(e.Begin, 0, "missing-key", "the VEVENT has no DTSTART", "add DTSTART;VALUE=DATE:YYYYMMDD");
                return null;
            }
            if (e.Start is not { } start) return null; // already reported
            var first = start.Date;
            var last = first;
            if (e.EndProperty is not null && e.DurationProperty is not null)
            {
                Add(e.DurationProperty.Line, 0, "conflicting-keys", "a VEVENT may have DTEND or DURATION, not both", "keep DTEND");
                return null;
            }
            if (e.EndProperty is { } endProperty)
            {
                if (e.End is not { } end) return null;
                // DTEND is exclusive: a date (or a midnight date-time) ends the day before; a later time ends that day.
                last = end.Time is { } time && time != LocalTime.Midnight ? end.Date : end.Date.PlusDays(-1);
                if (last < first)
                {
                    Add(endProperty.Line, endProperty.ValueIndex, "out-of-range",
                        $"DTEND ({endProperty.Value.Trim()}) must be after DTSTART ({e.StartProperty.Value.Trim()})",
                        "DTEND is exclusive: a one-day holiday on 20240101 ends 20240102");
                    return null;
                }
            }
            else if (e.DurationDays is { } days)
            {
                last = first.PlusDays(days - 1);
            }
            else if (e.DurationProperty is not null)
            {
                return null;
            }
            if (Period.DaysBetween(first, last) >= LongestEventDays)
            {
                Add((e.EndProperty ?? e.DurationProperty ?? e.StartProperty).Line, 0, "out-of-range", "the event is longer than a year", "check the years of DTSTART and DTEND");
                return null;
            }
            if (e.RuleProperty is not null && e.Rule is null) return null;
            var working = e.Categories.Any(c => c.Equals("WORKDAY", StringComparison.OrdinalIgnoreCase) || c.Equals("WORKING-DAY", StringComparison.OrdinalIgnoreCase))
                || NamesAWorkingDay(e.Summary);
            var kind = e.DayType ?? (working ? EntryKind.WorkingDay : EntryKind.Holiday);
            var name = string.IsNullOrEmpty(e.Summary) ? kind == EntryKind.Holiday ? "Holiday" : "Extra working day" : e.Summary;
            return new Draft(kind, first, last, name, e.Rule, At(e.StartProperty.Line, e.StartProperty.ValueIndex));
        }

        private static bool NamesAWorkingDay(string? summary) =>
            summary is not null && (summary.Contains("补班", StringComparison.Ordinal) || summary.Contains("上班", StringComparison.Ordinal) ||
                                    System.Text.RegularExpressions.Regex.IsMatch(summary, @"\bwork(ing)?[ -]?day\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

        private static List<CalendarEntry> Expand(List<Draft> drafts, List<int> years)
        {
            var entries = new List<CalendarEntry>();
            var lastYear = years.Count == 0 ? 0 : years.Max();
            foreach (var draft in drafts)
            {
                var span = Period.DaysBetween(draft.First, draft.Last);
                if (draft.Rule is not { } rule)
                {
                    if (years.Contains(draft.First.Year)) entries.Add(new CalendarEntry(draft.Kind, draft.First, draft.Last, draft.Name, span > 0, draft.Location));
                    continue;
                }
                var occurrences = 0;
                for (var year = draft.First.Year; year <= lastYear; year++)
                {
                    // RFC 5545: an occurrence on a date that does not exist (29 February) is skipped and not counted.
                    if (draft.First is { Month: 2, Day: 29 } && !CalendarSystem.Iso.IsLeapYear(year)) continue;
                    var start = new LocalDate(year, draft.First.Month, draft.First.Day);
                    if (rule.Until is { } until && start > until || rule.Count is { } count && occurrences >= count) break;
                    occurrences++;
                    if (years.Contains(year)) entries.Add(new CalendarEntry(draft.Kind, start, start.PlusDays(span), draft.Name, span > 0, draft.Location));
                }
            }
            return entries;
        }

        private static IEnumerable<string> SplitList(string value)
        {
            var start = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\') i++;
                else if (value[i] == ',')
                {
                    yield return value[start..i];
                    start = i + 1;
                }
            }
            yield return value[start..];
        }

        private static string Unescape(string value)
        {
            var sb = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '\\' && i + 1 < value.Length)
                {
                    var next = value[++i];
                    sb.Append(next is 'n' or 'N' ? ' ' : next);
                }
                else sb.Append(value[i]);
            }
            return sb.ToString();
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

        private SourceLocation At(LogicalLine line, int index)
        {
            var (l, c) = line.Position(index);
            return new SourceLocation(file, l, c, null);
        }

        private void Add(LogicalLine line, int index, string code, string message, string? hint = null) =>
            _problems.Add(new Problem(code, message, At(line, index), hint));

        private void ThrowIfAny()
        {
            if (_problems.Count > 0) throw new BadInputException(_problems.ToList());
        }
    }
}
