using Hypercare.Core.Calendar;
using NodaTime;
using static Hypercare.Core.Tests.Calendar.CalendarTestFiles;

namespace Hypercare.Core.Tests.Calendar;

public class PackageCalendarTests
{
    private static readonly BusinessCalendar Us = BusinessCalendars.Resolve("US", null);

    [Fact]
    public void Describe_Thanksgiving2027_IsPublicHolidayWithItsName()
    {
        var day = Us.Describe(Date("2027-11-25"));

        Assert.Equal(new CalendarDay(Date("2027-11-25"), DayKind.PublicHoliday, "Thanksgiving"), day);
    }

    [Theory]
    [InlineData("2027-06-18", DayKind.PublicHoliday, "Juneteenth")] // Friday: observed for Saturday June 19
    [InlineData("2027-06-19", DayKind.Weekend, null)]              // the holiday's own date is a plain Saturday
    [InlineData("2027-07-05", DayKind.PublicHoliday, "Independence Day")] // observed for Sunday July 4
    [InlineData("2027-12-24", DayKind.PublicHoliday, "Christmas")] // observed for Saturday December 25
    [InlineData("2027-12-31", DayKind.PublicHoliday, "New Year")]  // New Year 2028 (a Saturday) observed in 2027
    [InlineData("2027-11-26", DayKind.BusinessDay, null)]          // the day after Thanksgiving is not federal
    public void Describe_Us2027ObservedHolidays_UsesTheObservedDate(string date, DayKind kind, string? name)
    {
        Assert.Equal(new CalendarDay(Date(date), kind, name), Us.Describe(Date(date)));
    }

    [Theory]
    [InlineData("2027-11-22", "2027-11-29", 3)] // Tue 23, Wed 24, (Thanksgiving 25), Fri 26
    [InlineData("2027-09-28", "2027-10-05", 4)] // Wed 29, Thu 30, Fri 1, Mon 4: across a month end
    [InlineData("2027-05-27", "2027-06-03", 3)] // Fri 28, (Memorial Day Mon 31), Tue 1, Wed 2: month end on a holiday
    [InlineData("2027-11-25", "2027-11-26", 0)] // end is start + 1: nothing strictly between
    [InlineData("2027-11-26", "2027-11-22", 0)] // end before start
    public void BusinessDaysBetween_Us2027_CountsDaysStrictlyBetween(string start, string end, int expected)
    {
        Assert.Equal(expected, Us.BusinessDaysBetween(Date(start), Date(end)));
    }

    [Theory]
    [InlineData("2027-12-23", 1, "2027-12-27")]  // Christmas observed Fri 24, weekend 25-26
    [InlineData("2027-12-23", 5, "2028-01-03")]  // 27, 28, 29, 30, (New Year observed Fri 31), Mon 3
    [InlineData("2028-01-03", -1, "2027-12-30")] // backwards over the observed New Year
    [InlineData("2027-12-27", -1, "2027-12-23")] // backwards over Christmas and the weekend
    public void AddBusinessDays_AcrossChristmasAndNewYear2027_SkipsObservedHolidays(string from, int count, string expected)
    {
        Assert.Equal(Date(expected), Us.AddBusinessDays(Date(from), count));
    }

    [Fact]
    public void AddBusinessDays_ZeroCount_IsBadInput()
    {
        var problem = SingleProblem(() => Us.AddBusinessDays(Date("2027-12-23"), 0));

        Assert.Equal("invalid-value", problem.Code);
        Assert.Equal("count", problem.Location?.Path);
    }

    [Fact]
    public void NonBusinessDaysBetween_ChristmasToNewYear2027_ListsHolidaysAndWeekendsInOrder()
    {
        var days = Us.NonBusinessDaysBetween(Date("2027-12-23"), Date("2028-01-03"));

        Assert.Equal(
        [
            new CalendarDay(Date("2027-12-24"), DayKind.PublicHoliday, "Christmas"),
            new CalendarDay(Date("2027-12-25"), DayKind.Weekend, null),
            new CalendarDay(Date("2027-12-26"), DayKind.Weekend, null),
            new CalendarDay(Date("2027-12-31"), DayKind.PublicHoliday, "New Year"),
            new CalendarDay(Date("2028-01-01"), DayKind.Weekend, null),
            new CalendarDay(Date("2028-01-02"), DayKind.Weekend, null),
        ], days);
    }

    [Theory]
    [InlineData("JP", "2025-01-13", DayKind.PublicHoliday, "Coming Of Age Day")]
    [InlineData("JP", "2025-09-15", DayKind.PublicHoliday, "Respect For The Aged Day")]
    [InlineData("JP", "2025-09-16", DayKind.BusinessDay, null)]
    [InlineData("DE", "2025-10-03", DayKind.PublicHoliday, "Tag der Deutschen Einheit")]
    [InlineData("DE", "2025-04-18", DayKind.PublicHoliday, "Karfreitag")]
    [InlineData("DE", "2025-10-31", DayKind.BusinessDay, null)] // Reformation Day is regional, not national
    [InlineData("GB", "2027-12-27", DayKind.PublicHoliday, "Christmas")] // substitute for Saturday 25
    [InlineData("PT", "2025-07-01", DayKind.BusinessDay, null)] // Madeira's day is regional, not national
    public void Describe_PackageCountrySpotChecks_MatchNationalHolidays(string country, string date, DayKind kind, string? name)
    {
        Assert.Equal(new CalendarDay(Date(date), kind, name), BusinessCalendars.Resolve(country, null).Describe(Date(date)));
    }

    [Theory]
    [InlineData("us", "US", "PublicHoliday package (USAPublicHoliday, federal holidays)")]
    [InlineData(" gb ", "GB", "PublicHoliday package (UKBankHoliday, England and Wales bank holidays)")]
    [InlineData("De", "DE", "PublicHoliday package (GermanPublicHoliday, national holidays)")]
    public void Resolve_CountryOnly_IsCaseInsensitiveAndNamesTheSource(string country, string code, string source)
    {
        var calendar = BusinessCalendars.Resolve(country, null);

        Assert.Equal(code, calendar.Country);
        Assert.Equal(source, calendar.Source);
        Assert.Null(calendar.CoveredYears);
        Assert.Equal([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], calendar.Weekend.Order());
    }

    [Fact]
    public void PackageCountries_Always_ListsTheNationalClassesButNotCanada()
    {
        Assert.Equal(
            ["AT", "AU", "BE", "BR", "CZ", "DE", "DK", "EE", "ES", "FR", "GB", "GR", "HR", "HU", "IE", "IT", "JP", "KZ",
             "LT", "LU", "LV", "ME", "MX", "NL", "NO", "NZ", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "TR", "US", "ZA"],
            BusinessCalendars.PackageCountries);
    }

    [Fact]
    public void PackageCountries_EveryCountry_ComputesAYearWithNamedHolidays()
    {
        foreach (var country in BusinessCalendars.PackageCountries)
        {
            var holidays = BusinessCalendars.Resolve(country, null)
                .NonBusinessDaysBetween(Date("2026-01-01"), Date("2026-12-31"))
                .Where(d => d.Kind == DayKind.PublicHoliday)
                .ToList();
            Assert.True(holidays.Count >= 5, $"{country} has only {holidays.Count} holidays in 2026");
            Assert.All(holidays, d => Assert.False(string.IsNullOrWhiteSpace(d.Name)));
        }
    }
}
