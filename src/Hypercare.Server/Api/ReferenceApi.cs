using Hypercare.Core;
using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Fees;
using Hypercare.Engagements.Requests;
using NodaTime;

namespace Hypercare.Server.Api;

/// <summary>A calendar file sent with a request: its name (for the format) and text.</summary>
public sealed record CalendarFileBody(string Name, string Text);

/// <summary>A lead-time check.</summary>
public sealed record RequestCheckBody(LocalDate Submitted, LocalDate Order, bool LargeResources = false, string? Country = null, CalendarFileBody? Calendar = null);

/// <summary>The result of a lead-time check.</summary>
public sealed record RequestCheckResult(bool Passed, int BusinessDaysAvailable, int RequiredBusinessDays, LocalDate EarliestValidOrder, LocalDate LatestValidSubmission, LocalDate? OneMonthDate, string Calendar, string Explanation, IReadOnlyList<CalendarDay> NonBusinessDays);

/// <summary>An on-site date and how many people.</summary>
public sealed record OnSiteDayBody(LocalDate Date, int Persons = 1);

/// <summary>An on-site fee quote request.</summary>
public sealed record FeesBody(Edition Edition, IReadOnlyList<OnSiteDayBody> Onsite, decimal DayRate, string? Country = null, CalendarFileBody? Calendar = null, decimal WeekendMultiplier = 1m, int? NegotiatedDays = null);

/// <summary>What needs no engagement: the catalog, the RACI matrix, the lead-time check and fee quotes.</summary>
internal static class ReferenceApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/catalog", () => TypedResults.Ok(CatalogDocument.Current))
            .WithName("GetCatalog").WithSummary("The service catalog: editions, their services and durations").WithTags("Reference");
        api.MapGet("/raci", (string? task, string? party) =>
            {
                var tasks = task is null ? Enum.GetValues<ServiceKind>() : [KebabCase.Parse<ServiceKind>(task, "task")];
                var parties = party is null ? Enum.GetValues<Party>() : [KebabCase.Parse<Party>(party, "party")];
                return TypedResults.Ok(RaciView.For(tasks, parties));
            })
            .WithName("GetRaci").WithSummary("Who does what, per task and party").WithTags("Reference");
        api.MapPost("/requests/check", (RequestCheckBody body) =>
            {
                if (body.Order < body.Submitted)
                    throw new BadInputException("impossible-value", "the order date is before the submission date", "the request comes first", SourceLocation.ForField("order"));
                var result = LeadTimeRule.Check(new ServiceRequest(body.Submitted, body.Order, body.LargeResources), Calendar(body.Country, body.Calendar));
                return TypedResults.Ok(new RequestCheckResult(result.Passed, result.BusinessDaysAvailable, result.RequiredBusinessDays, result.EarliestValidOrder,
                    result.LatestValidSubmission, result.OneMonthDate, result.Calendar, result.Explanation, result.NonBusinessDays));
            })
            .WithName("CheckRequest").WithSummary("Check a service request's lead time and name the earliest valid order date").WithTags("Reference");
        api.MapPost("/fees", (FeesBody body) =>
            {
                if (body.Onsite is null) throw new BadInputException("missing-field", "'onsite' is required", "list the on-site dates", SourceLocation.ForField("onsite"));
                var quote = OnSiteFees.Quote(body.Edition, body.NegotiatedDays, body.Onsite.Select(d => new OnSiteDay(d.Date, d.Persons)).ToList(),
                    body.DayRate, Calendar(body.Country, body.Calendar), body.WeekendMultiplier);
                return TypedResults.Ok(new { quote.Edition, quote.DayRate, quote.Calendar, quote.OnSiteDays, quote.MaxDays, quote.PersonDays, quote.Total, quote.Lines });
            })
            .WithName("QuoteFees").WithSummary("Price on-site person-days: national holidays cost three times").WithTags("Reference");
    }

    internal static BusinessCalendar Calendar(string? country, CalendarFileBody? file)
    {
        if (file is not null && (string.IsNullOrWhiteSpace(file.Name) || file.Text is null))
            throw new BadInputException("missing-field", "a calendar file needs its name and text", "send {\"name\": \"holidays.yaml\", \"text\": \"...\"}", SourceLocation.ForField("calendar"));
        if (file is not null && file.Text.Length > 256 * 1024)
            throw new BadInputException("too-large", "the calendar file is larger than 256 KiB", null, SourceLocation.ForField("calendar.text"));
        return BusinessCalendars.ResolveDocument(country, file is null ? null : new CalendarDocument(Path.GetFileName(file.Name), file.Text));
    }
}
