using Hypercare.Core.Calendar;
using NodaTime;

namespace Hypercare.Core.Tests.Calendar;

/// <summary>Holiday feeds as calendar services and community projects publish them, not written for Hypercare.</summary>
public class PublishedFeedTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", "feeds", name);

    [Fact]
    public void Feed_ObservancesAreNotDaysOff_PublicHolidaysAre()
    {
        var calendar = BusinessCalendars.FromFile(PathOf("us-feed-2027.ics"));
        Assert.Equal(new CalendarDay(new LocalDate(2027, 2, 2), DayKind.BusinessDay, null), calendar.Describe(new LocalDate(2027, 2, 2))); // a Tuesday
        Assert.Equal(new CalendarDay(new LocalDate(2027, 11, 25), DayKind.PublicHoliday, "Thanksgiving Day"), calendar.Describe(new LocalDate(2027, 11, 25)));
        Assert.DoesNotContain(calendar.NonBusinessDaysBetween(new LocalDate(2027, 2, 1), new LocalDate(2027, 2, 28)), d => d.Name == "Groundhog Day");
    }

    [Fact]
    public void Feed_ChineseAdjustedWorkdays_AreBusinessDays()
    {
        var calendar = BusinessCalendars.FromFile(PathOf("cn-feed-2024.ics"));
        Assert.Equal(DayKind.ExtraWorkingDay, calendar.Describe(new LocalDate(2024, 9, 29)).Kind);  // 补班, a Sunday
        Assert.Equal(DayKind.ExtraWorkingDay, calendar.Describe(new LocalDate(2024, 10, 12)).Kind); // 上班, a Saturday
        Assert.Equal(DayKind.ExtraWorkingDay, calendar.Describe(new LocalDate(2024, 9, 14)).Kind);  // "adjusted working day"
        Assert.Equal(DayKind.PublicHoliday, calendar.Describe(new LocalDate(2024, 10, 3)).Kind);
        Assert.Equal("国庆节 假期", calendar.Describe(new LocalDate(2024, 10, 7)).Name);
    }
}
