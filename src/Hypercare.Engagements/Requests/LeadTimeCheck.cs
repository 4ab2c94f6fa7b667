using Hypercare.Core.Calendar;
using NodaTime;

namespace Hypercare.Engagements.Requests;

/// <summary>The dates of a service request that the lead-time rule looks at.</summary>
/// <param name="Submitted">The day the customer submits the request.</param>
/// <param name="PlannedOrder">The day the customer plans to place the order.</param>
/// <param name="LargeResources">Whether the request needs a large amount of resources (then one calendar month of lead time).</param>
public sealed record ServiceRequest(LocalDate Submitted, LocalDate PlannedOrder, bool LargeResources);

/// <summary>The outcome of the lead-time rule for one request.</summary>
/// <param name="Request">The request checked.</param>
/// <param name="Calendar">The calendar's source, for the record.</param>
/// <param name="BusinessDaysAvailable">Full business days strictly between submission and order.</param>
/// <param name="RequiredBusinessDays">Always 15.</param>
/// <param name="EarliestValidOrder">The first order date that satisfies the rule for this submission date.</param>
/// <param name="LatestValidSubmission">The last submission date that satisfies the rule for this order date.</param>
/// <param name="OneMonthDate">With large resources: the submission date plus one calendar month; otherwise null.</param>
/// <param name="NonBusinessDays">Weekends and holidays between submission and order, to explain the count.</param>
public sealed record LeadTimeResult(
    ServiceRequest Request,
    string Calendar,
    int BusinessDaysAvailable,
    int RequiredBusinessDays,
    LocalDate EarliestValidOrder,
    LocalDate LatestValidSubmission,
    LocalDate? OneMonthDate,
    IReadOnlyList<CalendarDay> NonBusinessDays)
{
    /// <summary>Whether the planned order date respects the lead time.</summary>
    public bool Passed => Request.PlannedOrder >= EarliestValidOrder;

    /// <summary>One sentence for people.</summary>
    public string Explanation
    {
        get
        {
            var rule = Request.LargeResources
                ? $"a request that needs large resources comes one calendar month ahead (and at least {RequiredBusinessDays} full business days)"
                : $"a request comes at least {RequiredBusinessDays} full business days before the order";
            return Passed
                ? $"OK: {BusinessDaysAvailable} full business days between {Request.Submitted:yyyy-MM-dd} and {Request.PlannedOrder:yyyy-MM-dd}; {rule}."
                : $"Too late: {rule}; submitted {Request.Submitted:yyyy-MM-dd}, the earliest valid order date is {EarliestValidOrder:yyyy-MM-dd} " +
                  $"(to order on {Request.PlannedOrder:yyyy-MM-dd}, submit by {LatestValidSubmission:yyyy-MM-dd}).";
        }
    }
}

/// <summary>
/// The statement of work's lead-time rule: a service request comes at least 15 business days before the
/// order, or one calendar month before it when it needs a large amount of resources.
/// </summary>
/// <remarks>
/// "Business days before the order" counts full business days strictly between the submission day and the
/// order day: a request may arrive late on its day and an order early on its, so neither day gives the
/// provider a full day of evaluation. A large-resource request must satisfy both the month and the 15 days,
/// because a month with many holidays can hold fewer than 15 business days.
/// One calendar month follows the calendar: 31 January plus one month is the last day of February.
/// </remarks>
public static class LeadTimeRule
{
    /// <summary>Business days of lead time for every request.</summary>
    public const int RequiredBusinessDays = 15;

    /// <summary>Checks a request against the rule.</summary>
    public static LeadTimeResult Check(ServiceRequest request, BusinessCalendar calendar)
    {
        var available = request.PlannedOrder > request.Submitted
            ? calendar.BusinessDaysBetween(request.Submitted, request.PlannedOrder)
            : 0;
        var earliest = EarliestOrder(request.Submitted, request.LargeResources, calendar);
        var latest = LatestSubmission(request.PlannedOrder, request.LargeResources, calendar);
        var nonBusiness = request.PlannedOrder > request.Submitted.PlusDays(1)
            ? calendar.NonBusinessDaysBetween(request.Submitted.PlusDays(1), request.PlannedOrder.PlusDays(-1))
            : [];
        return new LeadTimeResult(request, calendar.Source, available, RequiredBusinessDays, earliest, latest,
            request.LargeResources ? request.Submitted.PlusMonths(1) : null, nonBusiness);
    }

    /// <summary>The first order date that satisfies the rule for a submission date.</summary>
    public static LocalDate EarliestOrder(LocalDate submitted, bool largeResources, BusinessCalendar calendar)
    {
        var byBusinessDays = calendar.AddBusinessDays(submitted, RequiredBusinessDays).PlusDays(1);
        if (!largeResources) return byBusinessDays;
        var byMonth = submitted.PlusMonths(1);
        return byMonth > byBusinessDays ? byMonth : byBusinessDays;
    }

    /// <summary>The last submission date that satisfies the rule for an order date.</summary>
    public static LocalDate LatestSubmission(LocalDate order, bool largeResources, BusinessCalendar calendar)
    {
        var byBusinessDays = calendar.AddBusinessDays(order, -RequiredBusinessDays).PlusDays(-1);
        if (!largeResources) return byBusinessDays;
        // Month arithmetic clamps at month ends, so step from a safe date to the last one that still fits.
        var byMonth = order.PlusMonths(-1).PlusDays(-3);
        while (byMonth.PlusDays(1).PlusMonths(1) <= order) byMonth = byMonth.PlusDays(1);
        return byMonth < byBusinessDays ? byMonth : byBusinessDays;
    }
}
