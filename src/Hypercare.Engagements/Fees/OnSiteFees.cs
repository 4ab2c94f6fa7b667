using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Catalog;
using NodaTime;

namespace Hypercare.Engagements.Fees;

/// <summary>On-site work on one date.</summary>
/// <param name="Date">The date.</param>
/// <param name="Persons">How many people are on site that day (person-days).</param>
public sealed record OnSiteDay(LocalDate Date, int Persons = 1);

/// <summary>One priced line of an on-site quote.</summary>
public sealed record FeeLine(LocalDate Date, int Persons, DayKind Kind, string? HolidayName, decimal Multiplier, decimal Amount);

/// <summary>A priced on-site quote.</summary>
public sealed record FeeQuote(Edition Edition, decimal DayRate, string Calendar, IReadOnlyList<FeeLine> Lines, int OnSiteDays, int MaxDays)
{
    /// <summary>Total person-days.</summary>
    public int PersonDays => Lines.Sum(l => l.Persons);

    /// <summary>The total fee.</summary>
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>
/// On-site fees: a person-day rate on top of the edition; a national holiday costs three times a business
/// day; the on-site days never exceed the edition's service duration.
/// </summary>
/// <remarks>
/// The on-site duration is the number of distinct dates, not person-days: two engineers on one day are two
/// person-days of fees but one day of duration. The statement of work sets no weekend rate, so a weekend day
/// costs the business-day rate unless the caller passes another multiplier; an organization's own closure
/// (from a calendar file beside the country's holidays) is not a national holiday and costs the business rate.
/// </remarks>
public static class OnSiteFees
{
    /// <summary>The multiplier for a national holiday.</summary>
    public const decimal HolidayMultiplier = 3m;

    /// <summary>Prices on-site days.</summary>
    /// <param name="edition">The ordered edition.</param>
    /// <param name="negotiatedDays">For Custom, the negotiated service duration in days.</param>
    /// <param name="days">The on-site days.</param>
    /// <param name="dayRate">Fee for one person on one business day.</param>
    /// <param name="calendar">The country's calendar, for national holidays.</param>
    /// <param name="weekendMultiplier">Multiplier for weekend days, 1 unless agreed otherwise.</param>
    /// <exception cref="RuleViolationException">More on-site days than the edition's service duration.</exception>
    /// <exception cref="BadInputException">No days, a negative rate, a date twice, or a Custom edition without a negotiated duration.</exception>
    public static FeeQuote Quote(Edition edition, int? negotiatedDays, IReadOnlyList<OnSiteDay> days, decimal dayRate, BusinessCalendar calendar, decimal weekendMultiplier = 1m)
    {
        if (days.Count == 0) throw new BadInputException("no-onsite-days", "no on-site dates were given", "list the dates, e.g. --onsite 2027-11-25,2027-11-26", SourceLocation.ForField("onsite"));
        if (dayRate < 0) throw new BadInputException("negative-rate", $"the day rate {dayRate} is negative", "give the fee for one person on one business day", SourceLocation.ForField("day-rate"));
        if (weekendMultiplier < 0) throw new BadInputException("negative-rate", "the weekend multiplier is negative", null, SourceLocation.ForField("weekend-multiplier"));
        if (edition != Edition.Custom && negotiatedDays is not null)
            throw new BadInputException("not-negotiable", $"the {edition} edition's service duration is fixed at {ServiceCatalog.MaxServiceDays(edition)} days",
                "give a negotiated duration only with the custom edition", SourceLocation.ForField("negotiated-days"));
        var duplicate = days.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new BadInputException("duplicate-date", $"{duplicate.Key:yyyy-MM-dd} is listed twice", "give each date once; write DATE*N for N people on that date", SourceLocation.ForField("onsite"));
        var badPersons = days.FirstOrDefault(d => d.Persons < 1);
        if (badPersons is not null)
            throw new BadInputException("invalid-persons", $"{badPersons.Date:yyyy-MM-dd} has {badPersons.Persons} persons", "at least one person per on-site date", SourceLocation.ForField("onsite"));

        var max = ServiceCatalog.MaxServiceDays(edition) ?? negotiatedDays
            ?? throw new BadInputException("missing-negotiated-duration", "a Custom edition has no fixed service duration",
                "give the negotiated duration in days (engagement.negotiated_duration_days, or --negotiated-days)", SourceLocation.ForField("negotiated-days"));
        var distinct = days.Count;
        if (distinct > max)
            throw new RuleViolationException("onsite-exceeds-duration",
                $"{distinct} on-site days exceed the {edition} edition's service duration of {max} days",
                $"remove {distinct - max} on-site day(s), or order an edition with a longer service duration");

        var lines = new List<FeeLine>(days.Count);
        foreach (var day in days.OrderBy(d => d.Date))
        {
            var described = calendar.Describe(day.Date);
            var multiplier = described.Kind switch
            {
                DayKind.PublicHoliday => HolidayMultiplier,
                DayKind.Weekend => weekendMultiplier,
                _ => 1m,
            };
            lines.Add(new FeeLine(day.Date, day.Persons, described.Kind, described.Kind is DayKind.PublicHoliday or DayKind.OrganizationHoliday ? described.Name : null, multiplier, dayRate * multiplier * day.Persons));
        }
        return new FeeQuote(edition, dayRate, calendar.Source, lines, distinct, max);
    }
}
