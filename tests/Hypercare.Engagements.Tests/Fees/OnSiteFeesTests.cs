using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Fees;

namespace Hypercare.Engagements.Tests.Fees;

public class OnSiteFeesTests
{
    private static readonly BusinessCalendar Us = BusinessCalendars.Resolve("US", null);

    [Fact]
    public void Quote_NationalHoliday_CostsThreeTimesABusinessDay()
    {
        // 2027-11-25 is Thanksgiving; 2027-11-26 a business day with two people; 2027-11-27 a Saturday.
        var quote = OnSiteFees.Quote(Edition.Standard, null, [new(new(2027, 11, 25)), new(new(2027, 11, 26), 2), new(new(2027, 11, 27))], 1200m, Us);
        Assert.Equal([3600m, 2400m, 1200m], quote.Lines.Select(l => l.Amount));
        Assert.Equal([DayKind.PublicHoliday, DayKind.BusinessDay, DayKind.Weekend], quote.Lines.Select(l => l.Kind));
        Assert.Equal("Thanksgiving", quote.Lines[0].HolidayName);
        Assert.Equal(7200m, quote.Total);
        Assert.Equal(3, quote.OnSiteDays);
        Assert.Equal(4, quote.PersonDays);
    }

    [Fact]
    public void Quote_OrganizationClosureBesideNationalHolidays_CostsTheBusinessRate()
    {
        var calendar = BusinessCalendars.Resolve("US", Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", "us-company-2027.yaml"));
        var quote = OnSiteFees.Quote(Edition.Standard, null, [new(new(2027, 11, 25)), new(new(2027, 11, 26)), new(new(2027, 12, 31))], 1000m, calendar);
        Assert.Equal([DayKind.PublicHoliday, DayKind.OrganizationHoliday, DayKind.PublicHoliday], quote.Lines.Select(l => l.Kind));
        Assert.Equal([3000m, 1000m, 3000m], quote.Lines.Select(l => l.Amount));
        Assert.Equal("Day after Thanksgiving", quote.Lines[1].HolidayName);
        Assert.False(calendar.IsBusinessDay(new(2027, 11, 26)));
    }

    [Fact]
    public void Quote_WeekendMultiplier_AppliesToWeekendsOnly()
    {
        var quote = OnSiteFees.Quote(Edition.Standard, null, [new(new(2027, 11, 27)), new(new(2027, 11, 25))], 1000m, Us, weekendMultiplier: 1.5m);
        Assert.Equal([3000m, 1500m], quote.Lines.Select(l => l.Amount));
    }

    [Theory]
    [InlineData(Edition.Basic, 3, 2)]
    [InlineData(Edition.Standard, 11, 10)]
    [InlineData(Edition.Advanced, 16, 15)]
    public void Quote_MoreOnSiteDaysThanTheEditionsDuration_IsRefused(Edition edition, int days, int max)
    {
        var list = Enumerable.Range(0, days).Select(i => new OnSiteDay(new NodaTime.LocalDate(2027, 11, 1).PlusDays(i))).ToList();
        var refusal = Assert.Throws<RuleViolationException>(() => OnSiteFees.Quote(edition, null, list, 1000m, Us));
        Assert.Equal($"{days} on-site days exceed the {edition} edition's service duration of {max} days", refusal.Problems[0].Message);
        OnSiteFees.Quote(edition, null, list.Take(max).ToList(), 1000m, Us);
    }

    [Fact]
    public void Quote_PersonDaysDoNotCountTowardsTheDuration()
    {
        var quote = OnSiteFees.Quote(Edition.Basic, null, [new(new(2027, 11, 22), 5), new(new(2027, 11, 23), 5)], 100m, Us);
        Assert.Equal(1000m, quote.Total);
    }

    [Fact]
    public void Quote_CustomEdition_UsesTheNegotiatedDuration_AndNeedsIt()
    {
        OnSiteFees.Quote(Edition.Custom, 20, Enumerable.Range(0, 20).Select(i => new OnSiteDay(new NodaTime.LocalDate(2027, 11, 1).PlusDays(i))).ToList(), 1m, Us);
        var e = Assert.Throws<BadInputException>(() => OnSiteFees.Quote(Edition.Custom, null, [new(new(2027, 11, 22))], 1m, Us));
        Assert.Equal("missing-negotiated-duration", e.Problems[0].Code);
    }

    [Fact]
    public void Quote_BadInput_IsNamed()
    {
        Assert.Equal("duplicate-date", Assert.Throws<BadInputException>(() => OnSiteFees.Quote(Edition.Standard, null, [new(new(2027, 11, 22)), new(new(2027, 11, 22))], 1m, Us)).Problems[0].Code);
        Assert.Equal("negative-rate", Assert.Throws<BadInputException>(() => OnSiteFees.Quote(Edition.Standard, null, [new(new(2027, 11, 22))], -1m, Us)).Problems[0].Code);
        Assert.Equal("no-onsite-days", Assert.Throws<BadInputException>(() => OnSiteFees.Quote(Edition.Standard, null, [], 1m, Us)).Problems[0].Code);
        Assert.Equal("invalid-persons", Assert.Throws<BadInputException>(() => OnSiteFees.Quote(Edition.Standard, null, [new(new(2027, 11, 22), 0)], 1m, Us)).Problems[0].Code);
    }
}
