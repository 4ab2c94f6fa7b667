using Hypercare.Core.Calendar;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Objectives;
using Hypercare.Engagements.Requests;
using NodaTime;

namespace Hypercare.Engagements.Lifecycle;

/// <summary>
/// What an engagement file declares: the order, the event and its objectives. The engagement's history
/// (decisions, confirmations, transitions) is kept as events, not here.
/// </summary>
public sealed record EngagementDefinition(
    string Name,
    string Customer,
    string Provider,
    Edition Edition,
    IReadOnlyList<ServiceKind>? CustomServices,
    int? NegotiatedDurationDays,
    string? Country,
    CalendarDocument? Calendar,
    string TimeZone,
    ServiceRequest Request,
    LocalDateTime? Expires,
    IReadOnlyList<KeyPhase> KeyPhases,
    IReadOnlyList<Member> Members,
    BusinessObjectives? Objectives,
    Scope Scope,
    Topology Topology)
{
    /// <summary>The services the engagement is entitled to.</summary>
    public IReadOnlyList<ServiceKind> Services => Edition == Edition.Custom && CustomServices is not null ? CustomServices : ServiceCatalog.ServicesOf(Edition);

    /// <summary>The service duration limit in days (negotiated for Custom).</summary>
    public int? MaxServiceDays => ServiceCatalog.MaxServiceDays(Edition) ?? NegotiatedDurationDays;

    /// <summary>
    /// The business calendar: the country's holidays and the calendar file's entries, from the file's text as it was
    /// when the engagement was created.
    /// </summary>
    public BusinessCalendar BusinessCalendar() => BusinessCalendars.ResolveDocument(Country, Calendar);

    /// <summary>The engagement's time zone.</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];
}
