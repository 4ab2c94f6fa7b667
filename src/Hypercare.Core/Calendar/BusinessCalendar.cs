using System.Collections.Concurrent;
using System.Collections.Frozen;
using Hypercare.Core.Problems;
using NodaTime;

namespace Hypercare.Core.Calendar;

/// <summary>
/// Which days are business days in one country or organisation: weekends, public holidays (by the date they
/// are observed) and weekend days that are worked. Get one from <see cref="BusinessCalendars"/>.
/// </summary>
/// <remarks>
/// A calendar built from a file alone answers only for the years the file covers and throws
/// <see cref="BadInputException"/> for any other year: a year missing from a file is never taken as a year
/// without holidays. Calendars with package data answer for any year from 1900 to 2199. Instances are
/// immutable and safe to share between threads; holidays are computed once per year.
/// </remarks>
public sealed class BusinessCalendar
{
    private readonly WeekendRule _weekend;
    private readonly PackageHolidays? _package;
    private readonly FileCalendar? _file;
    private readonly ConcurrentDictionary<int, FrozenDictionary<LocalDate, CalendarDay>> _years = new();

    internal BusinessCalendar(string? country, WeekendRule weekend, PackageHolidays? package, FileCalendar? file)
    {
        if (package is null && file is null) throw new ArgumentException("a calendar needs package data or a file", nameof(file));
        Country = country;
        _weekend = weekend;
        _package = package;
        _file = file;
        Source = string.Join(" + ", new[] { package?.Source, file?.Source }.OfType<string>());
    }

    /// <summary>The ISO 3166-1 alpha-2 code in upper case, or null for a file without a country.</summary>
    public string? Country { get; }

    /// <summary>Where the holidays come from, for explanations: the package class, the calendar file, or both joined with " + ".</summary>
    public string Source { get; }

    /// <summary>The weekend days (for the UAE, the weekend in force since 2022).</summary>
    public IReadOnlySet<IsoDayOfWeek> Weekend => _weekend.Current;

    /// <summary>The years a file-only calendar covers, sorted; null when package data covers every year.</summary>
    public IReadOnlyList<int>? CoveredYears => _package is null ? _file!.Content.Years : null;

    /// <summary>What the date is, with the holiday's name.</summary>
    /// <exception cref="BadInputException">The calendar has no data for the date's year.</exception>
    public CalendarDay Describe(LocalDate date)
    {
        date = date.WithCalendar(CalendarSystem.Iso);
        if (DaysOf(date).TryGetValue(date, out var day)) return day;
        return new CalendarDay(date, _weekend.IsWeekend(date) ? DayKind.Weekend : DayKind.BusinessDay, null);
    }

    /// <summary>True for business days, including worked weekend days.</summary>
    /// <exception cref="BadInputException">The calendar has no data for the date's year.</exception>
    public bool IsBusinessDay(LocalDate date) => Describe(date).IsBusinessDay;

    /// <summary>The number of business days strictly between the two dates; 0 when <paramref name="endExclusive"/> is not after the day after <paramref name="startExclusive"/>.</summary>
    /// <exception cref="BadInputException">The calendar has no data for a year in between.</exception>
    public int BusinessDaysBetween(LocalDate startExclusive, LocalDate endExclusive)
    {
        var count = 0;
        for (var d = startExclusive.PlusDays(1); d < endExclusive; d = d.PlusDays(1))
            if (IsBusinessDay(d)) count++;
        return count;
    }

    /// <summary>
    /// The <paramref name="count"/>-th business day strictly after <paramref name="from"/>
    /// (1 is the next business day); a negative count goes backwards (-1 is the previous business day).
    /// </summary>
    /// <exception cref="BadInputException">The count is zero, or the calendar has no data for a year on the way.</exception>
    public LocalDate AddBusinessDays(LocalDate from, int count)
    {
        if (count == 0)
        {
            throw new BadInputException("invalid-value", "the number of business days to add must not be zero",
                "use 1 for the next business day or -1 for the previous one", SourceLocation.ForField("count"));
        }
        var step = count > 0 ? 1 : -1;
        var remaining = Math.Abs((long)count);
        var d = from;
        while (remaining > 0)
        {
            d = d.PlusDays(step);
            if (IsBusinessDay(d)) remaining--;
        }
        return d;
    }

    /// <summary>The weekends and holidays from <paramref name="from"/> to <paramref name="to"/> inclusive, in date order, to explain a count.</summary>
    /// <exception cref="BadInputException">The calendar has no data for a year in between.</exception>
    public IReadOnlyList<CalendarDay> NonBusinessDaysBetween(LocalDate from, LocalDate to)
    {
        var days = new List<CalendarDay>();
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            var day = Describe(d);
            if (!day.IsBusinessDay) days.Add(day);
        }
        return days;
    }

    /// <inheritdoc />
    public override string ToString() => Country is null ? Source : $"{Country}: {Source}";

    private FrozenDictionary<LocalDate, CalendarDay> DaysOf(LocalDate date)
    {
        if (_package is null && !_file!.Covers(date.Year)) throw _file.NotCovered(date);
        return _years.GetOrAdd(date.Year, year =>
        {
            var days = new Dictionary<LocalDate, CalendarDay>();
            if (_package is not null)
            {
                foreach (var (day, name) in _package.ObservedIn(year))
                    days[day] = new CalendarDay(day, DayKind.PublicHoliday, name);
            }
            if (_file is not null)
            {
                foreach (var day in _file.DaysIn(year))
                {
                    // Beside a country's national holidays, a file's extra closures are the organization's own days off
                    // (national-holiday rates do not apply to them); a file alone is the country's calendar.
                    var own = _package is not null && day.Kind == DayKind.PublicHoliday && !days.ContainsKey(day.Date);
                    days[day.Date] = own ? day with { Kind = DayKind.OrganizationHoliday } : day; // the file wins over the package
                }
            }
            return days.ToFrozenDictionary();
        });
    }
}
