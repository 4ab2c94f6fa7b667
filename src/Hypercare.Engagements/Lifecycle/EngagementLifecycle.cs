using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Objectives;

namespace Hypercare.Engagements.Lifecycle;

/// <summary>A lifecycle guard that does not hold, with what would make it hold.</summary>
public sealed record GuardFailure(string Code, string Message, string Hint);

public sealed partial class Engagement
{
    /// <summary>The process order of the statement of work.</summary>
    private static readonly EngagementState[] Process =
    [
        EngagementState.PreSales, EngagementState.Ordered, EngagementState.Preparation, EngagementState.Implementation,
        EngagementState.Summary, EngagementState.Acceptance, EngagementState.Completed,
    ];

    /// <summary>Whether the state ends the engagement.</summary>
    public static bool IsTerminal(EngagementState state) => state is EngagementState.Completed or EngagementState.Declined or EngagementState.Cancelled;

    /// <summary>The states reachable from the current one, guards aside.</summary>
    public IReadOnlyList<EngagementState> NextStates()
    {
        if (IsTerminal(State)) return [];
        var next = new List<EngagementState>();
        var index = Array.IndexOf(Process, State);
        next.Add(Process[index + 1]);
        if (State == EngagementState.PreSales) next.Add(EngagementState.Declined);
        next.Add(EngagementState.Cancelled);
        return next;
    }

    /// <summary>
    /// The guards that stop a transition to <paramref name="to"/> at <paramref name="at"/>; empty when it may happen.
    /// </summary>
    public IReadOnlyList<GuardFailure> CheckGuards(EngagementState to, DateTimeOffset at, string? reason = null)
    {
        var failures = new List<GuardFailure>();
        if (IsTerminal(State))
        {
            failures.Add(new GuardFailure("terminal-state", $"the engagement is {KebabCase.Of(State)}; nothing follows it", "create a new engagement"));
            return failures;
        }
        if (!NextStates().Contains(to))
        {
            var allowed = string.Join(" or ", NextStates().Select(KebabCase.Of));
            failures.Add(new GuardFailure("illegal-transition", $"{KebabCase.Of(State)} cannot move to {KebabCase.Of(to)}; the next state is {allowed}", $"advance to {allowed}"));
            return failures;
        }
        switch (to)
        {
            case EngagementState.Cancelled when string.IsNullOrWhiteSpace(reason):
                failures.Add(new GuardFailure("reason-missing", "cancelling needs a reason", "pass --reason"));
                break;
            case EngagementState.Declined when Decision is not { Accepted: false }:
                failures.Add(new GuardFailure("request-not-declined", "only a declined request ends as declined", "the provider declines the request: hypercare request decline"));
                break;
            case EngagementState.Ordered when Decision is not { Accepted: true }:
                failures.Add(new GuardFailure("request-not-accepted", "an order needs a service request the provider accepted", "the provider accepts it: hypercare request accept ID --by NAME"));
                break;
            case EngagementState.Preparation:
                if (!_members.Any(m => m.Role == MemberRole.CustomerProjectManager))
                    failures.Add(new GuardFailure("customer-pm-missing", "preparation needs the customer's project manager named", "add a member with role customer-project-manager"));
                if (!_members.Any(m => m.Role == MemberRole.ProviderProjectManager))
                    failures.Add(new GuardFailure("provider-pm-missing", "preparation needs the provider's project manager named", "add a member with role provider-project-manager"));
                break;
            case EngagementState.Implementation:
                var missing = Consent.NeededForImplementation.Where(k => !_prerequisites.ContainsKey(k)).ToList();
                if (missing.Count > 0)
                    failures.Add(new GuardFailure("prerequisites-missing",
                        $"implementation needs what the customer provides; still missing: {string.Join(", ", missing.Select(KebabCase.Of))}",
                        "the customer records each: hypercare prerequisites provide ID --kind KIND --by NAME"));
                var plan = CurrentPlan;
                if (plan is null)
                    failures.Add(new GuardFailure("plan-missing", "implementation needs a work plan confirmed in writing by the customer's project manager; there is no plan yet", "hypercare plan add, then hypercare plan confirm"));
                else if (!plan.IsConfirmed)
                    failures.Add(new GuardFailure("plan-not-confirmed",
                        $"implementation needs the work plan confirmed in writing by the customer's project manager; version {plan.Number} is not confirmed",
                        "the customer's project manager confirms it: hypercare plan confirm ID --by NAME --channel email --reference MESSAGE-ID"));
                break;
            case EngagementState.Summary:
                var end = KeyPhases.EventEnd(Definition.KeyPhases, Definition.Zone);
                if (end is { } e && at < e.ToDateTimeOffset())
                    failures.Add(new GuardFailure("event-not-over", $"the summary comes after the event; its last key phase ends {e.InZone(Definition.Zone):uuuu-MM-dd HH:mm} ({Definition.TimeZone})", "wait for the end of the last key phase"));
                break;
            case EngagementState.Acceptance:
                foreach (var document in new[] { DocumentKind.ServiceSummary, DocumentKind.AcceptanceReport })
                    if (StatusOf(document) is DocumentStatus.NotStarted or DocumentStatus.Draft)
                        failures.Add(new GuardFailure("document-not-delivered", $"acceptance needs the {DeliverableCatalog.Title(document)} delivered", $"hypercare engagement document ID --document {KebabCase.Of(document)} --status delivered --by NAME"));
                if (!_milestones.ContainsKey(Milestone.SolutionAccepted))
                    failures.Add(new GuardFailure("milestone-1-missing", "acceptance needs milestone 1: the customer accepted the Service Design, Stress Testing Report and Monitoring Optimization Plan", "hypercare engagement milestone ID --milestone 1 --by CUSTOMER-PM --reference MESSAGE-ID"));
                break;
            case EngagementState.Completed:
                if (_milestones.ContainsKey(Milestone.AcceptanceConfirmed)) break;
                var expires = ExpiresAt;
                if (expires is null)
                    failures.Add(new GuardFailure("acceptance-not-confirmed", "completion needs the customer's confirmation of the acceptance report (milestone 2), and this order has no service expiry to fall back on", "the customer's project manager confirms it: hypercare engagement milestone ID --milestone 2 --by CUSTOMER-PM --reference MESSAGE-ID"));
                else if (at < expires)
                    failures.Add(new GuardFailure("acceptance-not-confirmed", $"completion needs the customer's confirmation of the acceptance report (milestone 2), or the service's expiry at {expires:u}", "the customer's project manager confirms milestone 2, or wait for expiry"));
                else if (ExpiryTalk is null)
                    failures.Add(new GuardFailure("expiry-conversation-missing", "the service expired, but completion by expiry needs the conversation with the customer held before expiry, and none is recorded", "the provider records it (before expiry): hypercare engagement expiry-talk"));
                break;
        }
        return failures;
    }

    /// <summary>Moves the engagement to another state when every guard holds.</summary>
    /// <exception cref="RuleViolationException">A guard failed; the message names it.</exception>
    public void Advance(EngagementState to, string by, DateTimeOffset at, string? reason = null)
    {
        RequireMember(by, "move the engagement through its process",
            MemberRole.CustomerProjectManager, MemberRole.ProviderProjectManager, MemberRole.ServiceManager);
        var failures = CheckGuards(to, at, reason);
        if (failures.Count > 0)
            throw new HypercareException(FailureKind.RuleNotMet, failures.Select(f => new Problem(f.Code, f.Message, null, f.Hint)).ToList());
        Record(new StateChanged(State, to, reason) { By = by, At = at });
    }
}
