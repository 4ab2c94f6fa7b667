using Hypercare.Core;
using Hypercare.Core.Problems;

namespace Hypercare.Engagements.Catalog;

/// <summary>One row of the service catalog.</summary>
/// <param name="Service">The service.</param>
/// <param name="Title">Its name as the statement of work prints it.</param>
/// <param name="Phase">Before, during or after the event.</param>
/// <param name="Description">What the service does.</param>
/// <param name="IncludedIn">The fixed editions that include it (Custom includes any service on demand).</param>
public sealed record CatalogEntry(ServiceKind Service, string Title, ServicePhase Phase, string Description, IReadOnlySet<Edition> IncludedIn);

/// <summary>
/// The service catalog of the statement of work: which edition includes which service, and how long
/// each edition's service may last.
/// </summary>
public static class ServiceCatalog
{
    private static readonly Edition[] All = [Edition.Basic, Edition.Standard, Edition.Advanced];
    private static readonly Edition[] StandardUp = [Edition.Standard, Edition.Advanced];
    private static readonly Edition[] AdvancedOnly = [Edition.Advanced];

    /// <summary>The catalog rows, in the statement of work's order.</summary>
    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Row(ServiceKind.ReadinessAssessment, "Readiness assessment", ServicePhase.Before, "Assess the customer's business and identify the objectives of the event.", All),
        Row(ServiceKind.RiskInspection, "Risk inspection", ServicePhase.Before, "Inspect the cloud-based business to find and prevent potential risks.", All),
        Row(ServiceKind.MonitoringOptimization, "Optimization for monitoring", ServicePhase.Before, "Define business-level metrics, limits and monitoring capabilities; optimize the existing monitoring system.", All),
        Row(ServiceKind.ProcessOptimization, "Process optimization", ServicePhase.Before, "Define the overall hypercare process, from the client side to the server side.", All),
        Row(ServiceKind.CloudResourceAssessment, "Cloud resource assessment", ServicePhase.Before, "Assess the cloud resources against the business requirements and objectives.", All),
        Row(ServiceKind.TrafficProtectionPlanning, "Traffic protection planning", ServicePhase.Before, "Design protection and plan resources for potential traffic bursts.", All),
        Row(ServiceKind.StressTesting, "On-demand stress testing", ServicePhase.Before, "Stress the system against the business objectives to choose specifications and find bottlenecks.", StandardUp),
        Row(ServiceKind.CapacityAssessment, "Capacity assessment", ServicePhase.Before, "Evaluate whether current specifications and elasticity fit the business objectives.", StandardUp),
        Row(ServiceKind.SecurityHardeningPlanning, "Security hardening planning", ServicePhase.Before, "Evaluate and improve the current security capabilities.", StandardUp),
        Row(ServiceKind.ResourceBottleneckOptimization, "Resource bottleneck optimization", ServicePhase.Before, "Evaluate and handle the existing resource bottlenecks.", AdvancedOnly),
        Row(ServiceKind.DatabaseOptimization, "Database optimization", ServicePhase.Before, "Optimize database performance.", AdvancedOnly),
        Row(ServiceKind.EmergencyResponseChat, "Emergency response group chat (24/7)", ServicePhase.During, "An event chat group with 24/7 service at the event's key phases.", All),
        Row(ServiceKind.ServiceManagerSupport, "Dedicated service manager support", ServicePhase.During, "A dedicated service manager, 24/7 at the event's key phases.", All),
        Row(ServiceKind.EventSummary, "Event management summary", ServicePhase.After, "Summarize the services given during the event, with reports.", All),
        Row(ServiceKind.AcceptanceReport, "Acceptance report", ServicePhase.After, "Provide the acceptance report.", All),
    ];

    private static CatalogEntry Row(ServiceKind service, string title, ServicePhase phase, string description, Edition[] editions) =>
        new(service, title, phase, description, new HashSet<Edition>(editions));

    /// <summary>The catalog row of a service.</summary>
    public static CatalogEntry Entry(ServiceKind service) => Entries[(int)service];

    /// <summary>
    /// The longest service an edition allows, in days; null for Custom, whose duration is negotiated.
    /// </summary>
    public static int? MaxServiceDays(Edition edition) => edition switch
    {
        Edition.Basic => 2,
        Edition.Standard => 10,
        Edition.Advanced => 15,
        _ => null,
    };

    /// <summary>Whether a fixed edition includes a service. Custom includes whatever was negotiated, so this is true for it.</summary>
    public static bool Includes(Edition edition, ServiceKind service) =>
        edition == Edition.Custom || Entry(service).IncludedIn.Contains(edition);

    /// <summary>The services a fixed edition includes.</summary>
    public static IReadOnlyList<ServiceKind> ServicesOf(Edition edition) =>
        Entries.Where(e => Includes(edition, e.Service)).Select(e => e.Service).ToList();

    /// <summary>The cheapest fixed edition that includes a service.</summary>
    public static Edition CheapestEditionWith(ServiceKind service) => Entry(service).IncludedIn.Min();

    /// <summary>
    /// Refuses a service that the engagement's edition does not include, with the reason and the cheapest
    /// edition that does.
    /// </summary>
    /// <param name="edition">The ordered edition.</param>
    /// <param name="customServices">For Custom, the negotiated services; ignored otherwise.</param>
    /// <param name="service">The requested service.</param>
    /// <exception cref="RuleViolationException">The edition does not include the service.</exception>
    public static void RequireIncluded(Edition edition, IReadOnlyCollection<ServiceKind>? customServices, ServiceKind service)
    {
        var entry = Entry(service);
        if (edition == Edition.Custom)
        {
            if (customServices is null || customServices.Contains(service)) return;
            throw new RuleViolationException("service-not-in-edition",
                $"{entry.Title} is not among the services negotiated for this Custom edition",
                $"add '{KebabCase.Of(service)}' to engagement.services and renegotiate the order");
        }
        if (entry.IncludedIn.Contains(edition)) return;
        var cheapest = CheapestEditionWith(service);
        throw new RuleViolationException("service-not-in-edition",
            $"{entry.Title} is not included in the {edition} edition; the cheapest edition that includes it is {cheapest}",
            $"order the {cheapest} edition, or buy it on demand as part of a Custom edition");
    }
}
