using Hypercare.Core.Calendar;
using NodaTime;
using static Hypercare.Core.Tests.Calendar.CalendarTestFiles;

namespace Hypercare.Core.Tests.Calendar;

public class FileCalendarTests
{
    private static readonly BusinessCalendar ChinaYaml = BusinessCalendars.FromFile(PathOf("cn-2024.yaml"));
    private static readonly BusinessCalendar ChinaIcs = BusinessCalendars.FromFile(PathOf("cn-2024.ics"));

    public static TheoryData<string> ChinaFiles => new() { "cn-2024.yaml", "cn-2024.ics" };

    [Theory]
    [MemberData(nameof(ChinaFiles))]
    public void Describe_China2024Sunday20240929_IsAnExtraWorkingDay(string file)
    {
        var calendar = BusinessCalendars.FromFile(PathOf(file));

        Assert.Equal(new CalendarDay(Date("2024-09-29"), DayKind.ExtraWorkingDay, "Adjusted working day (National Day)"), calendar.Describe(Date("2024-09-29")));
        Assert.True(calendar.IsBusinessDay(Date("2024-09-29")));
    }

    [Theory]
    [MemberData(nameof(ChinaFiles))]
    public void Describe_China2024NationalDayWeek_IsAHoliday(string file)
    {
        var calendar = BusinessCalendars.FromFile(PathOf(file));

        Assert.Equal(new CalendarDay(Date("2024-10-03"), DayKind.PublicHoliday, "National Day"), calendar.Describe(Date("2024-10-03")));
        Assert.False(calendar.IsBusinessDay(Date("2024-10-03")));
    }

    [Theory]
    [MemberData(nameof(ChinaFiles))]
    public void BusinessDaysBetween_China20240920To20241015_MatchesTheHandCount(string file)
    {
        // Strictly between Fri 2024-09-20 and Tue 2024-10-15, counted by hand:
        //   Mon 23, Tue 24, Wed 25, Thu 26, Fri 27            5
        //   (Sat 28 weekend) Sun 29 worked                    6
        //   Mon 30                                            7
        //   (Tue 1 .. Mon 7 National Day holidays)
        //   Tue 8, Wed 9, Thu 10, Fri 11                      11
        //   Sat 12 worked                                     12
        //   (Sun 13 weekend) Mon 14                           13
        var calendar = BusinessCalendars.FromFile(PathOf(file));

        Assert.Equal(13, calendar.BusinessDaysBetween(Date("2024-09-20"), Date("2024-10-15")));
    }

    [Theory]
    [InlineData("2024-02-10", DayKind.PublicHoliday, "Spring Festival")] // a Saturday inside the holiday: the holiday wins
    [InlineData("2024-02-18", DayKind.ExtraWorkingDay, "Adjusted working day (Spring Festival)")]
    [InlineData("2024-02-19", DayKind.BusinessDay, null)]
    [InlineData("2024-05-11", DayKind.ExtraWorkingDay, "Adjusted working day (Labour Day)")]
    [InlineData("2024-05-12", DayKind.Weekend, null)]
    [InlineData("2024-06-10", DayKind.PublicHoliday, "Dragon Boat Festival")]
    [InlineData("2024-10-07", DayKind.PublicHoliday, "National Day")]
    [InlineData("2024-10-08", DayKind.BusinessDay, null)]
    public void Describe_China2024_ClassifiesHolidaysAndShiftedWorkdays(string date, DayKind kind, string? name)
    {
        Assert.Equal(new CalendarDay(Date(date), kind, name), ChinaYaml.Describe(Date(date)));
    }

    [Fact]
    public void Describe_China2024YamlAndIcs_AgreeOnEveryDayOfTheYear()
    {
        for (var day = Date("2024-01-01"); day.Year == 2024; day = day.PlusDays(1))
            Assert.Equal(ChinaYaml.Describe(day), ChinaIcs.Describe(day));
    }

    [Fact]
    public void FromFile_China2024_CountsTheOfficialNumberOfDays()
    {
        var offDays = ChinaYaml.NonBusinessDaysBetween(Date("2024-01-01"), Date("2024-12-31"));
        var worked = Enumerable.Range(0, 366).Select(i => ChinaYaml.Describe(Date("2024-01-01").PlusDays(i))).Count(d => d.Kind == DayKind.ExtraWorkingDay);

        Assert.Equal(1 + 8 + 3 + 5 + 1 + 3 + 7, offDays.Count(d => d.Kind == DayKind.PublicHoliday));
        Assert.Equal(8, worked);
    }

    [Fact]
    public void AddBusinessDays_China20240930PlusOne_SkipsNationalDayWeek()
    {
        Assert.Equal(Date("2024-10-08"), ChinaYaml.AddBusinessDays(Date("2024-09-30"), 1));
    }

    [Theory]
    [InlineData("cn-2024.yaml", "calendar file cn-2024.yaml (China public holidays 2024; source: State Council General Office notice on the 2024 holiday arrangements (2023))")]
    [InlineData("cn-2024.ics", "calendar file cn-2024.ics (China public holidays 2024; source: State Council General Office notice on the 2024 holiday arrangements (2023))")]
    public void FromFile_China2024_TakesCountryYearsAndSourceFromTheFile(string file, string source)
    {
        var calendar = BusinessCalendars.FromFile(PathOf(file));

        Assert.Equal("CN", calendar.Country);
        Assert.Equal(source, calendar.Source);
        Assert.Equal([2024], calendar.CoveredYears);
    }

    [Theory]
    [MemberData(nameof(ChinaFiles))]
    public void Resolve_CountryWithoutPackageDataAndAFile_UsesTheFile(string file)
    {
        var calendar = BusinessCalendars.Resolve("cn", PathOf(file));

        Assert.Equal("CN", calendar.Country);
        Assert.StartsWith("calendar file ", calendar.Source, StringComparison.Ordinal);
        Assert.True(calendar.IsBusinessDay(Date("2024-09-29")));
    }

    [Fact]
    public void Resolve_PackageCountryAndCompanyFile_FileWinsOnTheSameDate()
    {
        var calendar = BusinessCalendars.Resolve("us", PathOf("us-company-2027.yaml"));

        Assert.Equal(new CalendarDay(Date("2027-11-25"), DayKind.PublicHoliday, "Thanksgiving (office closed)"), calendar.Describe(Date("2027-11-25")));
        Assert.Equal(new CalendarDay(Date("2027-12-31"), DayKind.PublicHoliday, "Year-end shutdown"), calendar.Describe(Date("2027-12-31")));
    }

    [Theory]
    [InlineData("2027-11-26", DayKind.OrganizationHoliday, "Day after Thanksgiving")] // from the file: the organization's own closure, not national
    [InlineData("2027-07-05", DayKind.PublicHoliday, "Independence Day")]     // from the package
    [InlineData("2028-01-17", DayKind.PublicHoliday, "Martin Luther King Day")] // a year the file does not cover: package only
    public void Resolve_PackageCountryAndCompanyFile_MergesBothSources(string date, DayKind kind, string name)
    {
        var calendar = BusinessCalendars.Resolve("US", PathOf("us-company-2027.yaml"));

        Assert.Equal(new CalendarDay(Date(date), kind, name), calendar.Describe(Date(date)));
        Assert.Equal("PublicHoliday package (USAPublicHoliday, federal holidays) + calendar file us-company-2027.yaml (Example Corp office closures 2027)", calendar.Source);
    }

    [Fact]
    public void Resolve_FileOnlyWithPackageCountry_UsesOnlyTheFile()
    {
        var calendar = BusinessCalendars.Resolve(null, PathOf("us-company-2027.yaml"));

        Assert.Equal("US", calendar.Country);
        Assert.Equal(DayKind.BusinessDay, calendar.Describe(Date("2027-07-05")).Kind);
    }

    [Fact]
    public void FromFile_NamedDayInsideAPeriod_KeepsItsOwnName()
    {
        var calendar = BusinessCalendars.FromFile(PathOf("golden-week-2024.yaml"));

        Assert.Equal("National Day", calendar.Describe(Date("2024-10-01")).Name);
        Assert.Equal("National Day Golden Week", calendar.Describe(Date("2024-10-03")).Name);
        Assert.Null(calendar.Country);
    }

    [Theory]
    [InlineData("2025-09-19", DayKind.Weekend)]     // Friday
    [InlineData("2025-09-20", DayKind.Weekend)]     // Saturday
    [InlineData("2025-09-21", DayKind.BusinessDay)] // Sunday
    [InlineData("2025-09-23", DayKind.PublicHoliday)]
    public void Describe_SaudiFileWithoutWeekend_UsesFridayAndSaturday(string date, DayKind kind)
    {
        var calendar = BusinessCalendars.FromFile(PathOf("sa-2025.yaml"));

        Assert.Equal(kind, calendar.Describe(Date(date)).Kind);
        Assert.Equal([IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday], calendar.Weekend.Order());
    }

    [Theory]
    [InlineData("2021-12-31", DayKind.Weekend)]     // Friday, before the change
    [InlineData("2021-12-26", DayKind.BusinessDay)] // Sunday, before the change
    [InlineData("2022-01-02", DayKind.Weekend)]     // Sunday, after the change
    [InlineData("2022-01-07", DayKind.BusinessDay)] // Friday, after the change
    public void Describe_UaeAround2022_FollowsTheWeekendChange(string date, DayKind kind)
    {
        var calendar = BusinessCalendars.FromFile(PathOf("ae-2021-2022.yaml"));

        Assert.Equal(kind, calendar.Describe(Date(date)).Kind);
        Assert.Equal([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], calendar.Weekend.Order());
    }

    [Fact]
    public void FromFile_YamlWeekend_OverridesTheBuiltInTable()
    {
        var calendar = BusinessCalendars.FromFile(PathOf("weekend-override.yaml"));

        Assert.Equal([IsoDayOfWeek.Friday], calendar.Weekend);
        Assert.True(calendar.IsBusinessDay(Date("2025-09-20"))); // Saturday
    }

    [Theory]
    [InlineData("SA", "Friday,Saturday")]
    [InlineData("IL", "Friday,Saturday")]
    [InlineData("EG", "Friday,Saturday")]
    [InlineData("IR", "Friday")]
    [InlineData("AE", "Saturday,Sunday")]
    [InlineData("US", "Saturday,Sunday")]
    [InlineData(null, "Saturday,Sunday")]
    public void WeekendsFor_Country_ComesFromTheBuiltInTable(string? country, string days)
    {
        Assert.Equal(days, string.Join(",", Weekends.For(country).Current.Order()));
    }

    [Theory]
    [InlineData("2024-03-15", DayKind.PublicHoliday)] // COUNT=2: 2024
    [InlineData("2025-03-15", DayKind.PublicHoliday)] // COUNT=2: 2025 (a Saturday, still the holiday)
    [InlineData("2026-03-16", DayKind.BusinessDay)]   // no third occurrence, and no shift to Monday
    [InlineData("2026-03-13", DayKind.BusinessDay)]
    [InlineData("2025-07-08", DayKind.PublicHoliday)] // UNTIL=20251231 includes 2025
    [InlineData("2026-07-08", DayKind.BusinessDay)]   // ... but not 2026
    [InlineData("2024-02-29", DayKind.PublicHoliday)] // a leap day recurs only in leap years
    [InlineData("2025-02-28", DayKind.BusinessDay)]
    [InlineData("2025-03-03", DayKind.BusinessDay)]
    [InlineData("2024-12-24", DayKind.PublicHoliday)] // a date-time event counts by its date
    [InlineData("2024-12-25", DayKind.BusinessDay)]   // DTEND at 18:00 the same day: one day only
    [InlineData("2024-06-10", DayKind.BusinessDay)]   // STATUS:CANCELLED
    public void FromFile_IcsRecurringEvents_ExpandYearlyOverTheCoveredYears(string date, DayKind kind)
    {
        var calendar = BusinessCalendars.FromFile(PathOf("recurring-2024-2026.ics"));

        Assert.Equal(kind, calendar.Describe(Date(date)).Kind);
        Assert.Equal([2024, 2025, 2026], calendar.CoveredYears);
        Assert.Null(calendar.Country);
    }

    [Fact]
    public void FromFile_IcsEventOutsideDeclaredYears_IsIgnoredAndTheYearStaysUncovered()
    {
        var calendar = BusinessCalendars.FromFile(PathOf("recurring-2024-2026.ics"));

        var problem = SingleProblem(() => calendar.Describe(Date("2023-01-02")));

        Assert.Equal("calendar-year-not-covered", problem.Code);
        Assert.Contains("X-HYPERCARE-YEARS", problem.Hint, StringComparison.Ordinal);
    }
}
