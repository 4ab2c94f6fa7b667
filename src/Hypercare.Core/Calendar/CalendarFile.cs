using System.Collections.Frozen;
using Hypercare.Core.Problems;
using NodaTime;
using NodaTime.Text;

namespace Hypercare.Core.Calendar;

/// <summary>Whether a calendar-file entry is a day off or a worked weekend day.</summary>
internal enum EntryKind
{
    Holiday,
    WorkingDay,
}

/// <summary>One holiday or working day (or an inclusive range of them) as written in a calendar file.</summary>
/// <param name="Kind">A day off or a worked weekend day.</param>
/// <param name="First">The first day.</param>
/// <param name="Last">The last day, inclusive (the same as <paramref name="First"/> for one day).</param>
/// <param name="Name">The holiday's name, quoted in explanations.</param>
/// <param name="IsRange">True for a period (from/to, or a multi-day event); a single day inside a period may name it more precisely.</param>
/// <param name="Location">Where the entry is written, for errors.</param>
internal sealed record CalendarEntry(EntryKind Kind, LocalDate First, LocalDate Last, string Name, bool IsRange, SourceLocation Location)
{
    public IEnumerable<LocalDate> Days()
    {
        for (var d = First; d <= Last; d = d.PlusDays(1)) yield return d;
    }
}

/// <summary>What a calendar file says, before it is checked against the weekend.</summary>
internal sealed class CalendarFileContent
{
    public required string Path { get; init; }

    /// <summary>"YAML" or "iCalendar".</summary>
    public required string Format { get; init; }

    public string? Country { get; init; }

    public SourceLocation? CountryLocation { get; init; }

    public string? Name { get; init; }

    public string? Source { get; init; }

    /// <summary>The years the file speaks for, sorted.</summary>
    public required IReadOnlyList<int> Years { get; init; }

    /// <summary>Where the years are declared, or the file when they are implied by the entries.</summary>
    public required SourceLocation CoverageLocation { get; init; }

    /// <summary>How to add a year (the year, the file), for the error raised when a date is outside <see cref="Years"/>.</summary>
    public required Func<int, string, string> HowToAddYear { get; init; }

    /// <summary>A weekend written in the file, overriding the country's.</summary>
    public IReadOnlySet<IsoDayOfWeek>? Weekend { get; init; }

    public required IReadOnlyList<CalendarEntry> Entries { get; init; }
}

/// <summary>A checked calendar file: its days by year and the years it covers.</summary>
internal sealed class FileCalendar
{
    private readonly FrozenDictionary<int, CalendarDay[]> _daysByYear;
    private readonly FrozenSet<int> _years;

    private FileCalendar(CalendarFileContent content, FrozenDictionary<int, CalendarDay[]> daysByYear)
    {
        Content = content;
        _daysByYear = daysByYear;
        _years = content.Years.ToFrozenSet();
    }

    public CalendarFileContent Content { get; }

    public string Source
    {
        get
        {
            var details = new[] { Content.Name, Content.Source is null ? null : $"source: {Content.Source}" }.Where(s => s is not null).ToList();
            var text = $"calendar file {System.IO.Path.GetFileName(Content.Path)}";
            return details.Count == 0 ? text : $"{text} ({string.Join("; ", details)})";
        }
    }

    public bool Covers(int year) => _years.Contains(year);

    public IReadOnlyList<CalendarDay> DaysIn(int year) => _daysByYear.GetValueOrDefault(year) ?? [];

    public BadInputException NotCovered(LocalDate date)
    {
        var file = Content.Path;
        return new BadInputException("calendar-year-not-covered",
            $"calendar file {file} has no data for {date.Year} (asked about {Iso(date)}); it covers {string.Join(", ", Content.Years)}, " +
            "and Hypercare never takes a year missing from a calendar file as a year without holidays",
            Content.HowToAddYear(date.Year, file),
            Content.CoverageLocation);
    }

    /// <summary>Checks the entries against the weekend and each other; throws every problem found at once.</summary>
    public static FileCalendar Build(CalendarFileContent content, WeekendRule weekend)
    {
        var problems = new List<Problem>();
        var singles = new Dictionary<LocalDate, CalendarEntry>();
        var periods = new Dictionary<LocalDate, CalendarEntry>();
        foreach (var entry in content.Entries)
        {
            foreach (var day in entry.Days())
            {
                if (Check(entry, day, weekend, singles, periods) is { } problem)
                {
                    problems.Add(problem);
                    break; // one problem per entry is enough to find it
                }
                (entry.IsRange ? periods : singles)[day] = entry;
            }
        }
        if (problems.Count > 0) throw new BadInputException(problems);

        // A single day names itself even inside a period ("National Day" within "National Day Golden Week").
        var days = new Dictionary<LocalDate, CalendarEntry>(periods);
        foreach (var (day, entry) in singles) days[day] = entry;
        var byYear = days
            .Select(d => new CalendarDay(d.Key, d.Value.Kind == EntryKind.Holiday ? DayKind.PublicHoliday : DayKind.ExtraWorkingDay, d.Value.Name))
            .GroupBy(d => d.Date.Year)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(d => d.Date).ToArray());
        return new FileCalendar(content, byYear);
    }

    private static Problem? Check(CalendarEntry entry, LocalDate day, WeekendRule weekend,
        Dictionary<LocalDate, CalendarEntry> singles, Dictionary<LocalDate, CalendarEntry> periods)
    {
        if (entry.Kind == EntryKind.WorkingDay && !weekend.IsWeekend(day))
        {
            return new Problem("working-day-on-weekday",
                $"{Iso(day)} is a {day.DayOfWeek}, not a weekend day, so it cannot be an extra working day ('{entry.Name}')",
                entry.Location,
                $"extra working days are worked weekend days, and the weekend here is {WeekendRule.Describe(weekend.On(day))}; a weekday is a business day already: fix the date or remove the entry");
        }
        var same = entry.IsRange ? periods : singles;
        var other = entry.IsRange ? singles : periods;
        if (same.TryGetValue(day, out var earlier) || other.TryGetValue(day, out earlier) && earlier.Kind != entry.Kind)
        {
            return earlier.Kind != entry.Kind
                ? new Problem("holiday-and-working-day",
                    $"{Iso(day)} is both {Describe(earlier)} and {Describe(entry)}",
                    entry.Location, "a day is either off or worked: remove one of the two entries")
                : new Problem("duplicate-date",
                    $"{Iso(day)} is listed twice: {Describe(earlier)} and {Describe(entry)}",
                    entry.Location, "remove the duplicate; a single day may sit inside a period, but two single days or two periods may not overlap");
        }
        return null;
    }

    private static string Describe(CalendarEntry entry) =>
        $"{(entry.Kind == EntryKind.Holiday ? "a holiday" : "a working day")} '{entry.Name}'" +
        (entry.Location.Line > 0 ? $" (line {entry.Location.Line})" : "");

    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
