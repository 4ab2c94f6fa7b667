namespace Hypercare.Engagements.Lifecycle;

/// <summary>Where an engagement is in the service process.</summary>
public enum EngagementState
{
    /// <summary>Pre-sales communication; the service request is under review.</summary>
    PreSales,
    /// <summary>The order is placed.</summary>
    Ordered,
    /// <summary>Project preparation: prerequisites and the work plan.</summary>
    Preparation,
    /// <summary>Project implementation, through the event.</summary>
    Implementation,
    /// <summary>Project summary after the event.</summary>
    Summary,
    /// <summary>Project acceptance.</summary>
    Acceptance,
    /// <summary>Completed: acceptance confirmed, or the service expired.</summary>
    Completed,
    /// <summary>The provider declined the request.</summary>
    Declined,
    /// <summary>Cancelled.</summary>
    Cancelled,
}

/// <summary>One recorded transition.</summary>
public sealed record Transition(EngagementState From, EngagementState To, string By, DateTimeOffset At, string? Reason);
