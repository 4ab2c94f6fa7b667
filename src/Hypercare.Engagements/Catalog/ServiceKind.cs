namespace Hypercare.Engagements.Catalog;

/// <summary>The fifteen services of the statement of work, in its catalog order.</summary>
public enum ServiceKind
{
    /// <summary>Assess the customer's business and identify the event's objectives.</summary>
    ReadinessAssessment,
    /// <summary>Inspect the cloud-based business for risks before the event.</summary>
    RiskInspection,
    /// <summary>Define business-level metrics and limits and improve the existing monitoring.</summary>
    MonitoringOptimization,
    /// <summary>Define the overall process of the engagement, client side to server side.</summary>
    ProcessOptimization,
    /// <summary>Assess the cloud resources against the business objectives.</summary>
    CloudResourceAssessment,
    /// <summary>Design protection and plan resources for traffic bursts.</summary>
    TrafficProtectionPlanning,
    /// <summary>Stress the system against the objectives to size it and find bottlenecks.</summary>
    StressTesting,
    /// <summary>Decide whether specifications and elasticity fit the objectives.</summary>
    CapacityAssessment,
    /// <summary>Evaluate and improve the current security capabilities.</summary>
    SecurityHardeningPlanning,
    /// <summary>Find and handle the existing resource bottlenecks.</summary>
    ResourceBottleneckOptimization,
    /// <summary>Improve database performance.</summary>
    DatabaseOptimization,
    /// <summary>A 24/7 emergency-response group chat at the event's key phases.</summary>
    EmergencyResponseChat,
    /// <summary>A dedicated service manager, 24/7 at the event's key phases.</summary>
    ServiceManagerSupport,
    /// <summary>Summarize the services given during the event.</summary>
    EventSummary,
    /// <summary>The acceptance report the customer confirms.</summary>
    AcceptanceReport,
}

/// <summary>When in the event a service is given.</summary>
public enum ServicePhase
{
    /// <summary>Before the event.</summary>
    Before,
    /// <summary>During the event.</summary>
    During,
    /// <summary>After the event.</summary>
    After,
}

/// <summary>The editions a customer can order. Declaration order is price order, cheapest first.</summary>
public enum Edition
{
    /// <summary>Basic edition: at most 2 days of service.</summary>
    Basic,
    /// <summary>Standard edition: at most 10 days of service.</summary>
    Standard,
    /// <summary>Advanced edition: at most 15 days of service.</summary>
    Advanced,
    /// <summary>Custom edition: any subset of services, duration negotiated.</summary>
    Custom,
}
