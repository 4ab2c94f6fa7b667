using NodaTime;

namespace Hypercare.Core.Calendar;

/// <summary>What a day is in a business calendar.</summary>
public enum DayKind
{
    /// <summary>An ordinary working day.</summary>
    BusinessDay,

    /// <summary>A weekend day with no holiday on it.</summary>
    Weekend,

    /// <summary>A national public holiday: no business is done, whatever the day of the week.</summary>
    PublicHoliday,

    /// <summary>
    /// A day the organization closes beside the national holidays (from a calendar file added to a country):
    /// no business is done, but it is not a national holiday.
    /// </summary>
    OrganizationHoliday,

    /// <summary>A weekend day that is worked, such as the adjusted working days in China: a business day.</summary>
    ExtraWorkingDay,
}

/// <summary>One day of a business calendar, with the name of its holiday or working-day adjustment.</summary>
/// <param name="Date">The date.</param>
/// <param name="Kind">What the day is.</param>
/// <param name="Name">The holiday's (or extra working day's) name; null for ordinary business days and weekends.</param>
public sealed record CalendarDay(LocalDate Date, DayKind Kind, string? Name)
{
    /// <summary>True when business is done on the day.</summary>
    public bool IsBusinessDay => Kind is DayKind.BusinessDay or DayKind.ExtraWorkingDay;
}
