namespace Hypercare.Engagements.Requests;

/// <summary>Why the provider declines a service request.</summary>
public enum DeclineReason
{
    /// <summary>The business objectives are missing or too vague to plan against.</summary>
    ObjectivesUnclear,
    /// <summary>The schedule cannot be met (lead time, key phases, staffing).</summary>
    ScheduleInfeasible,
    /// <summary>The resources the request needs are not available from suppliers in time.</summary>
    ResourcesUnavailable,
    /// <summary>The request asks the provider to write the customer's code.</summary>
    OutOfScopeWritingCode,
    /// <summary>The request asks for routine operation of third-party software.</summary>
    OutOfScopeThirdPartyOperations,
}

/// <summary>What each decline reason tells the customer, including where to go instead.</summary>
public static class DeclineReasons
{
    /// <summary>The text shown to the customer for a reason.</summary>
    public static string Describe(DeclineReason reason) => reason switch
    {
        DeclineReason.ObjectivesUnclear =>
            "The business objectives are not clear enough to plan against: state peak requests per second, peak concurrent users, latency targets and the event's key phases.",
        DeclineReason.ScheduleInfeasible =>
            "The schedule is not feasible: the lead time, the key phases or the team's availability cannot be met; propose later dates.",
        DeclineReason.ResourcesUnavailable =>
            "The resources this request needs cannot be secured from suppliers in time; reduce the resource ask or move the event.",
        DeclineReason.OutOfScopeWritingCode =>
            "Writing the customer's code is outside the service: the provider advises on cloud products, configuration and architecture, " +
            "and the customer implements the changes (its own developers or a contracted partner).",
        DeclineReason.OutOfScopeThirdPartyOperations =>
            "Routine operation of third-party software (installation, testing, fault diagnosis, tuning) is outside the service: " +
            "ask the cloud provider's community forum, or contact the software's vendor through the cloud marketplace.",
        _ => reason.ToString(),
    };
}
