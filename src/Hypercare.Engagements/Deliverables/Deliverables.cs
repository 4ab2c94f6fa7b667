using Hypercare.Engagements.Catalog;

namespace Hypercare.Engagements.Deliverables;

/// <summary>The documents the service delivers.</summary>
public enum DocumentKind
{
    /// <summary>Pre-event Assessment Report (readiness assessment).</summary>
    PreEventAssessmentReport,
    /// <summary>Cloud Hypercare Service Design.</summary>
    ServiceDesign,
    /// <summary>System Stress Testing Report.</summary>
    StressTestingReport,
    /// <summary>Optimization Plan for the Monitoring System.</summary>
    MonitoringOptimizationPlan,
    /// <summary>Cloud Hypercare Service Summary.</summary>
    ServiceSummary,
    /// <summary>Cloud Hypercare Service Acceptance Report.</summary>
    AcceptanceReport,
}

/// <summary>The state of a document.</summary>
public enum DocumentStatus
{
    /// <summary>Not started.</summary>
    NotStarted,
    /// <summary>Being written.</summary>
    Draft,
    /// <summary>Handed to the customer.</summary>
    Delivered,
    /// <summary>Accepted by the customer.</summary>
    Accepted,
    /// <summary>The edition does not include the service that produces it.</summary>
    NotApplicable,
}

/// <summary>One row of the deliverables table: a service and the documents it produces (none for live services).</summary>
public sealed record DeliverableRow(int Number, ServiceKind Service, IReadOnlyList<DocumentKind> Documents);

/// <summary>The two acceptance milestones.</summary>
public enum Milestone
{
    /// <summary>Design and verification done: the customer accepts the solution (design, stress report, monitoring plan).</summary>
    SolutionAccepted = 1,
    /// <summary>The service period ends: the customer confirms the summary and the acceptance report.</summary>
    AcceptanceConfirmed = 2,
}

/// <summary>The deliverables table and acceptance plan of the statement of work.</summary>
public static class DeliverableCatalog
{
    private static readonly DocumentKind[] DesignDocuments = [DocumentKind.ServiceDesign, DocumentKind.StressTestingReport, DocumentKind.MonitoringOptimizationPlan];

    /// <summary>The fifteen rows, numbered as in the statement of work.</summary>
    public static IReadOnlyList<DeliverableRow> Rows { get; } =
    [
        new(1, ServiceKind.ReadinessAssessment, [DocumentKind.PreEventAssessmentReport]),
        new(2, ServiceKind.RiskInspection, DesignDocuments),
        new(3, ServiceKind.CloudResourceAssessment, DesignDocuments),
        new(4, ServiceKind.StressTesting, DesignDocuments),
        new(5, ServiceKind.CapacityAssessment, DesignDocuments),
        new(6, ServiceKind.MonitoringOptimization, DesignDocuments),
        new(7, ServiceKind.TrafficProtectionPlanning, DesignDocuments),
        new(8, ServiceKind.SecurityHardeningPlanning, DesignDocuments),
        new(9, ServiceKind.ResourceBottleneckOptimization, DesignDocuments),
        new(10, ServiceKind.DatabaseOptimization, DesignDocuments),
        new(11, ServiceKind.ProcessOptimization, DesignDocuments),
        new(12, ServiceKind.EmergencyResponseChat, []),
        new(13, ServiceKind.ServiceManagerSupport, []),
        new(14, ServiceKind.EventSummary, [DocumentKind.ServiceSummary]),
        new(15, ServiceKind.AcceptanceReport, [DocumentKind.AcceptanceReport]),
    ];

    /// <summary>The title of a document.</summary>
    public static string Title(DocumentKind document) => document switch
    {
        DocumentKind.PreEventAssessmentReport => "Pre-event Assessment Report",
        DocumentKind.ServiceDesign => "Cloud Hypercare Service Design",
        DocumentKind.StressTestingReport => "System Stress Testing Report",
        DocumentKind.MonitoringOptimizationPlan => "Optimization Plan for the Monitoring System",
        DocumentKind.ServiceSummary => "Cloud Hypercare Service Summary",
        _ => "Cloud Hypercare Service Acceptance Report",
    };

    /// <summary>Whether a document applies to an engagement with these services.</summary>
    public static bool Applies(DocumentKind document, IReadOnlyCollection<ServiceKind> services) =>
        Rows.Any(r => r.Documents.Contains(document) && services.Contains(r.Service)) &&
        // The stress report needs a stress test to report on.
        (document != DocumentKind.StressTestingReport || services.Contains(ServiceKind.StressTesting));

    /// <summary>The documents a milestone accepts.</summary>
    public static IReadOnlyList<DocumentKind> ContentOf(Milestone milestone) => milestone == Milestone.SolutionAccepted
        ? DesignDocuments
        : [DocumentKind.ServiceSummary, DocumentKind.AcceptanceReport];

    /// <summary>What the milestone means.</summary>
    public static string Describe(Milestone milestone) => milestone == Milestone.SolutionAccepted
        ? "Design and verification complete: the customer accepts the solution (Service Design, Stress Testing Report, Monitoring Optimization Plan)"
        : "Service period ended: the customer confirms the Service Summary and the Acceptance Report";
}
