using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using static Hypercare.Core.Tests.Calendar.CalendarTestFiles;

namespace Hypercare.Core.Tests.Calendar;

public class CalendarErrorTests
{
    /// <summary>
    /// Each row resolves a calendar (and, when a date is given, asks about it) and expects a bad-input problem:
    /// its code, its exact position (line 0 means a field location with no file), and key words of its text.
    /// </summary>
    [Theory]
    // YAML format
    [InlineData(null, "errors/unknown-key.yaml", null, "unknown-key", 3, 1, "unknown key 'holidayz'|did you mean 'holidays'?")]
    [InlineData(null, "errors/bad-date.yaml", null, "wrong-type", 3, 11, "expected a date (YYYY-MM-DD)|'2024-02-30'")]
    [InlineData(null, "errors/working-day-on-weekday.yaml", null, "working-day-on-weekday", 6, 11, "2024-09-30 is a Monday|not a weekend day|the weekend here is Saturday and Sunday")]
    [InlineData(null, "errors/duplicate-holiday.yaml", null, "duplicate-date", 5, 11, "2024-06-10 is listed twice|'Dragon Boat Festival' (line 3)")]
    [InlineData(null, "errors/holiday-and-working-day.yaml", null, "holiday-and-working-day", 7, 11, "2024-10-05 is both a holiday 'National Day'|a working day 'Worked Saturday'")]
    [InlineData(null, "errors/holidays-wrong-type.yaml", null, "wrong-type", 2, 11, "expected a list|'National Day'")]
    [InlineData(null, "errors/weekend-typo.yaml", null, "invalid-value", 3, 21, "'sundy' is not a day of the week|did you mean 'sunday'?")]
    [InlineData(null, "errors/date-outside-years.yaml", null, "date-outside-years", 4, 11, "2042-10-01|not listed under 'years:'")]
    [InlineData(null, "errors/range-without-end.yaml", null, "missing-key", 2, 5, "'to' is required with 'from'")]
    [InlineData(null, "errors/bad-country.yaml", null, "calendar-country-invalid", 1, 10, "'China' is not a country code|two letters")]
    // iCalendar format
    [InlineData(null, "errors/bad-rrule.ics", null, "ics-unsupported-rrule", 6, 12, "FREQ=MONTHLY is not supported|only RRULE:FREQ=YEARLY, with an optional COUNT or UNTIL")]
    [InlineData(null, "errors/byday-rrule.ics", null, "ics-unsupported-rrule", 6, 19, "BYMONTH=11 is not supported|only RRULE:FREQ=YEARLY")]
    [InlineData(null, "errors/missing-vcalendar.ics", null, "ics-missing-vcalendar", 1, 1, "does not start with BEGIN:VCALENDAR|found 'BEGIN:VEVENT'")]
    [InlineData(null, "errors/bad-date.ics", null, "invalid-date", 4, 20, "'20240230' is not a valid date|YYYYMMDD")]
    [InlineData(null, "errors/folded-bad-date.ics", null, "invalid-date", 7, 2, "'2024021' is not a valid date")]
    [InlineData(null, "errors/malformed-line.ics", null, "ics-malformed-line", 5, 8, "'SUMMARY Spring Festival'|expected ':'")]
    [InlineData(null, "errors/working-day-on-weekday.ics", null, "working-day-on-weekday", 4, 20, "2024-09-30 is a Monday|'Not a weekend day'")]
    [InlineData(null, "errors/unclosed-event.ics", null, "ics-malformed", 6, 5, "END:VCALENDAR does not close BEGIN:VEVENT (line 3)")]
    [InlineData(null, "errors/dtend-before-dtstart.ics", null, "out-of-range", 5, 18, "DTEND (20240210) must be after DTSTART (20240210)|exclusive")]
    // Coverage, countries and files
    [InlineData(null, "cn-2024.yaml", "2025-03-03", "calendar-year-not-covered", 5, 8, "cn-2024.yaml has no data for 2025|covers 2024|add the 2025 holidays to|list the year under 'years:'")]
    [InlineData(null, "cn-2024.ics", "2023-12-29", "calendar-year-not-covered", 9, 19, "cn-2024.ics has no data for 2023|list the year in X-HYPERCARE-YEARS")]
    [InlineData("JP", "cn-2024.yaml", null, "calendar-country-mismatch", 2, 10, "is for CN|the country given is JP")]
    [InlineData("CN", null, null, "calendar-missing", 0, 0, "no holiday data for CN|never guesses holiday dates|--calendar FILE|calendar: in the engagement file|.ics|.yaml")]
    [InlineData("USA", null, null, "calendar-country-invalid", 0, 0, "'USA' is not a country code|the United States is US")]
    [InlineData("UK", null, null, "calendar-country-invalid", 0, 0, "'UK' is not an ISO 3166-1 alpha-2 country code|the United Kingdom is GB")]
    [InlineData(null, null, null, "calendar-none", 0, 0, "a country or a calendar file|--calendar FILE")]
    [InlineData(null, "errors/calendar.txt", null, "calendar-file-type", 0, 0, "calendar.txt is neither iCalendar nor YAML|.ics|.yaml")]
    [InlineData(null, "errors/no-such-file.yaml", null, "calendar-file-not-found", 0, 0, "no-such-file.yaml does not exist")]
    public void Resolve_InvalidInput_ReportsTheProblemWhereItIs(string? country, string? file, string? askDate, string code, int line, int column, string words)
    {
        var path = file is null ? null : PathOf(file);

        var exception = Assert.Throws<BadInputException>(() =>
        {
            var calendar = BusinessCalendars.Resolve(country, path);
            if (askDate is not null) calendar.Describe(Date(askDate));
        });

        var problem = exception.Problems[0];
        Assert.Equal(code, problem.Code);
        Assert.Equal((line > 0 ? path : null, line, column), (problem.Location?.File, problem.Location?.Line ?? 0, problem.Location?.Column ?? 0));
        foreach (var word in words.Split('|'))
            Assert.Contains(word, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RruleWithTwoUnsupportedParts_ReportsEach()
    {
        var exception = Assert.Throws<BadInputException>(() => BusinessCalendars.FromFile(PathOf("errors/byday-rrule.ics")));

        Assert.Equal(["BYMONTH=11", "BYDAY=4TH"], exception.Problems.Select(p => p.Message.Split(' ')[1]));
        Assert.Equal([19, 30], exception.Problems.Select(p => p.Location!.Column));
    }

    [Fact]
    public void Resolve_CountryWithoutData_ListsTheCountriesThatHaveData()
    {
        var problem = SingleProblem(() => BusinessCalendars.Resolve("cn", null));

        Assert.Equal("country", problem.Location?.Path);
        Assert.Contains(string.Join(", ", BusinessCalendars.PackageCountries), problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_CountryArgumentDiffersFromFile_IsAMismatch()
    {
        var problem = SingleProblem(() => BusinessCalendars.FromFile(PathOf("cn-2024.ics"), "JP"));

        Assert.Equal("calendar-country-mismatch", problem.Code);
        Assert.Equal((6, 21), (problem.Location?.Line, problem.Location?.Column));
    }

    [Fact]
    public void FromFile_YamlWithOnlyComments_SaysTheCalendarIsEmpty()
    {
        var path = PathOf("errors/comments-only.yaml");

        var problem = SingleProblem(() => BusinessCalendars.FromFile(path));

        Assert.Equal(("empty-document", path), (problem.Code, problem.Location?.File));
        Assert.Contains("'holidays:'", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_YearOutsidePackageRange_IsBadInput()
    {
        var problem = SingleProblem(() => BusinessCalendars.Resolve("US", null).Describe(CalendarTestFiles.Date("2300-01-02")));

        Assert.Equal("calendar-year-out-of-range", problem.Code);
    }
}
