using Hypercare.Core.Calendar;
using Hypercare.Engagements.Requests;
using NodaTime;
using NodaTime.Text;

namespace Hypercare.Engagements.Tests.Requests;

public class LeadTimeRuleTests
{
    private static readonly BusinessCalendar Us = BusinessCalendars.Resolve("US", null);

    private static LocalDate D(string text) => LocalDatePattern.Iso.Parse(text).Value;

    private static BusinessCalendar China2024() =>
        BusinessCalendars.Resolve(null, Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", "cn-2024.yaml"));

    // Each expected earliest date was counted by hand: full business days strictly after the submission day,
    // the 15th of them, plus one day.
    [Theory]
    [InlineData("2027-09-01", false, "2027-09-24")] // Labor Day (09-06) skipped
    [InlineData("2027-11-15", false, "2027-12-08")] // Thanksgiving (11-25) skipped
    [InlineData("2027-01-29", false, "2027-02-23")] // month end, then Presidents' Day (02-15)
    [InlineData("2027-12-15", false, "2028-01-08")] // Christmas observed 12-24, New Year 2028 observed 12-31
    [InlineData("2027-01-31", true, "2027-02-28")]  // one month from January 31 is the last day of February
    [InlineData("2028-01-31", true, "2028-02-29")]  // ...in a leap year too
    [InlineData("2027-09-01", true, "2027-10-01")]  // the month is longer than the 15 business days
    [InlineData("2027-12-10", true, "2028-01-10")]  // one month lands on a Monday, later than 15 business days
    public void EarliestOrder_UsCalendar_IsCountedAcrossHolidaysAndMonthEnds(string submitted, bool large, string earliest)
    {
        Assert.Equal(D(earliest), LeadTimeRule.EarliestOrder(D(submitted), large, Us));
    }

    [Theory]
    [InlineData("2027-09-01", "2027-10-01", false, true, 20)]
    [InlineData("2027-09-01", "2027-09-24", false, true, 15)]
    [InlineData("2027-09-01", "2027-09-23", false, false, 14)]
    [InlineData("2027-09-01", "2027-09-30", true, false, 19)]
    [InlineData("2027-09-01", "2027-10-01", true, true, 20)]
    [InlineData("2027-09-01", "2027-09-01", false, false, 0)]
    public void Check_UsCalendar_PassesOnlyFromTheEarliestDate(string submitted, string order, bool large, bool passed, int available)
    {
        var result = LeadTimeRule.Check(new ServiceRequest(D(submitted), D(order), large), Us);
        Assert.Equal(passed, result.Passed);
        Assert.Equal(available, result.BusinessDaysAvailable);
    }

    [Fact]
    public void Check_TooLate_NamesTheEarliestOrderAndTheLatestSubmission()
    {
        var result = LeadTimeRule.Check(new ServiceRequest(D("2027-09-01"), D("2027-09-15"), false), Us);
        Assert.False(result.Passed);
        Assert.Equal(D("2027-09-24"), result.EarliestValidOrder);
        Assert.Equal(D("2027-08-23"), result.LatestValidSubmission);
        Assert.Contains("the earliest valid order date is 2027-09-24", result.Explanation);
        Assert.Contains("submit by 2027-08-23", result.Explanation);
        Assert.Contains(result.NonBusinessDays, d => d.Date == D("2027-09-06") && d.Kind == DayKind.PublicHoliday);
    }

    [Theory]
    [InlineData("2027-10-01", false, "2027-09-09")]
    [InlineData("2027-12-08", false, "2027-11-15")]
    [InlineData("2027-02-28", true, "2027-01-31")]
    [InlineData("2027-03-31", true, "2027-02-28")]
    public void LatestSubmission_IsTheLastDayThatStillPasses(string order, bool large, string latest)
    {
        var submission = LeadTimeRule.LatestSubmission(D(order), large, Us);
        Assert.Equal(D(latest), submission);
        Assert.True(LeadTimeRule.Check(new ServiceRequest(submission, D(order), large), Us).Passed);
        Assert.False(LeadTimeRule.Check(new ServiceRequest(submission.PlusDays(1), D(order), large), Us).Passed);
    }

    [Fact]
    public void EarliestOrder_ChinaCalendarFile_CountsWeekendWorkingDaysAndSkipsGoldenWeek()
    {
        // After Friday 2024-09-20: 23..27 (5), Sunday 29 is a working day (6), 30 (7), October 1..7 off,
        // 8..11 (11), Saturday 12 is a working day (12), 14, 15, 16 (15): earliest order 10-17.
        Assert.Equal(D("2024-10-17"), LeadTimeRule.EarliestOrder(D("2024-09-20"), false, China2024()));
    }

    [Fact]
    public void Check_ChinaCalendarFile_ExplainsTheGoldenWeek()
    {
        var result = LeadTimeRule.Check(new ServiceRequest(D("2024-09-20"), D("2024-10-16"), false), China2024());
        Assert.False(result.Passed);
        Assert.Equal(14, result.BusinessDaysAvailable);
        Assert.Contains(result.NonBusinessDays, d => d.Date == D("2024-10-03") && d.Name == "National Day");
        Assert.DoesNotContain(result.NonBusinessDays, d => d.Date == D("2024-09-29"));
    }
}
