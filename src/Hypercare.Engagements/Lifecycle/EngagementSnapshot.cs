using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Register;
using Hypercare.Engagements.WorkPlans;

namespace Hypercare.Engagements.Lifecycle;

/// <summary>A document's status in a snapshot.</summary>
public sealed record DocumentView(DocumentKind Document, string Title, DocumentStatus Status);

/// <summary>What blocks the next step in the process.</summary>
public sealed record NextStep(EngagementState To, IReadOnlyList<GuardFailure> Blockers);

/// <summary>Everything about an engagement at one moment, for output and APIs.</summary>
public sealed record EngagementSnapshot(
    Guid Id,
    EngagementState State,
    EngagementDefinition Definition,
    IReadOnlyList<ServiceKind> Services,
    int ServiceDays,
    RequestDecision? Decision,
    IReadOnlyList<Member> Members,
    IReadOnlyList<ProvidedPrerequisite> Prerequisites,
    IReadOnlyList<PrerequisiteKind> MissingPrerequisites,
    IReadOnlyList<GrantedAuthorization> Authorizations,
    IReadOnlyList<WorkPlanVersion> WorkPlan,
    IReadOnlyList<ProposalRejection> Rejections,
    IReadOnlyList<RegisterEntry> Register,
    IReadOnlyList<ActionItem> Actions,
    IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<MilestoneRecord> Milestones,
    ExpiryConversation? ExpiryConversation,
    IReadOnlyList<Transition> Transitions,
    NextStep? Next);

public sealed partial class Engagement
{
    /// <summary>A snapshot as of <paramref name="now"/> (which decides time-based guards).</summary>
    public EngagementSnapshot Snapshot(DateTimeOffset now)
    {
        var next = NextStates().FirstOrDefault(s => s is not EngagementState.Cancelled and not EngagementState.Declined);
        return new EngagementSnapshot(
            Id, State, Definition, Definition.Services, Objectives.KeyPhases.ServiceDays(Definition.KeyPhases), Decision, Members,
            _prerequisites.Values.OrderBy(p => p.Kind).ToList(),
            Consent.NeededForImplementation.Where(k => !_prerequisites.ContainsKey(k)).ToList(),
            _authorizations.Values.OrderBy(a => a.Kind).ToList(),
            _plan, _rejections, _register, _actions,
            Enum.GetValues<DocumentKind>().Select(d => new DocumentView(d, DeliverableCatalog.Title(d), StatusOf(d))).ToList(),
            _milestones.Values.OrderBy(m => m.Milestone).ToList(),
            ExpiryTalk, _transitions,
            IsTerminal(State) ? null : new NextStep(next, CheckGuards(next, now)));
    }
}
