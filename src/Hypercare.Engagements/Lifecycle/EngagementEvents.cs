using System.Text.Json.Serialization;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Register;
using Hypercare.Engagements.Requests;
using Hypercare.Engagements.WorkPlans;
using NodaTime;

namespace Hypercare.Engagements.Lifecycle;

/// <summary>
/// Something that happened to an engagement. The engagement's state is the fold of its events, so the
/// history (who, when, why) is never lost and storage needs no schema change when the model grows.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(EngagementCreated), "engagement-created")]
[JsonDerivedType(typeof(RequestAccepted), "request-accepted")]
[JsonDerivedType(typeof(RequestDeclined), "request-declined")]
[JsonDerivedType(typeof(MemberAdded), "member-added")]
[JsonDerivedType(typeof(PrerequisiteProvided), "prerequisite-provided")]
[JsonDerivedType(typeof(AuthorizationGranted), "authorization-granted")]
[JsonDerivedType(typeof(AuthorizationRevoked), "authorization-revoked")]
[JsonDerivedType(typeof(WorkPlanItemAdded), "work-plan-item-added")]
[JsonDerivedType(typeof(WorkPlanConfirmed), "work-plan-confirmed")]
[JsonDerivedType(typeof(ProposalRejected), "proposal-rejected")]
[JsonDerivedType(typeof(RegisterEntryRecorded), "register-entry-recorded")]
[JsonDerivedType(typeof(RegisterEntryStatusChanged), "register-entry-status-changed")]
[JsonDerivedType(typeof(ActionRecorded), "action-recorded")]
[JsonDerivedType(typeof(ActionStatusChanged), "action-status-changed")]
[JsonDerivedType(typeof(DocumentStatusChanged), "document-status-changed")]
[JsonDerivedType(typeof(MilestoneConfirmed), "milestone-confirmed")]
[JsonDerivedType(typeof(ExpiryConversationRecorded), "expiry-conversation-recorded")]
[JsonDerivedType(typeof(StateChanged), "state-changed")]
public abstract record EngagementEvent
{
    /// <summary>Who did it: a member's name or e-mail, or a system actor.</summary>
    public required string By { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }
}

/// <summary>The engagement was created from its definition.</summary>
public sealed record EngagementCreated(EngagementDefinition Definition) : EngagementEvent;

/// <summary>The provider accepted the service request.</summary>
public sealed record RequestAccepted(string? Note) : EngagementEvent;

/// <summary>The provider declined the service request.</summary>
public sealed record RequestDeclined(IReadOnlyList<DeclineReason> Reasons, string? Note) : EngagementEvent;

/// <summary>A person joined the engagement.</summary>
public sealed record MemberAdded(Member Member) : EngagementEvent;

/// <summary>The customer provided a prerequisite.</summary>
public sealed record PrerequisiteProvided(PrerequisiteKind Kind, string? Note) : EngagementEvent;

/// <summary>The customer granted an authorization.</summary>
public sealed record AuthorizationGranted(AuthorizationKind Kind, string? Reference) : EngagementEvent;

/// <summary>The customer withdrew an authorization.</summary>
public sealed record AuthorizationRevoked(AuthorizationKind Kind, string Reason) : EngagementEvent;

/// <summary>An item was added to the current draft of the work plan.</summary>
public sealed record WorkPlanItemAdded(int Version, WorkPlanItem Item) : EngagementEvent;

/// <summary>The customer's project manager confirmed a plan version in writing.</summary>
public sealed record WorkPlanConfirmed(int Version, ConfirmationChannel Channel, string Reference, string Sha256) : EngagementEvent;

/// <summary>The customer rejected a confirmed item with a technical justification.</summary>
public sealed record ProposalRejected(int Version, int Item, string Justification) : EngagementEvent;

/// <summary>A risk or issue was recorded.</summary>
public sealed record RegisterEntryRecorded(string Id, RegisterKind Kind, string Title, Severity Severity, EntrySource Source, string? Description) : EngagementEvent;

/// <summary>A risk or issue changed status.</summary>
public sealed record RegisterEntryStatusChanged(string Id, RegisterStatus Status, string? Note) : EngagementEvent;

/// <summary>An action was recorded.</summary>
public sealed record ActionRecorded(string Id, string Title, string? RegisterId, Party Owner, string? OwnerName, LocalDate? Due, string? Reference) : EngagementEvent;

/// <summary>An action changed status.</summary>
public sealed record ActionStatusChanged(string Id, ActionStatus Status, string? Note) : EngagementEvent;

/// <summary>A deliverable document changed status.</summary>
public sealed record DocumentStatusChanged(DocumentKind Document, DocumentStatus Status, string? Reference) : EngagementEvent;

/// <summary>The customer's project manager confirmed an acceptance milestone.</summary>
public sealed record MilestoneConfirmed(Milestone Milestone, ConfirmationChannel Channel, string Reference) : EngagementEvent;

/// <summary>The provider talked with the customer about completion before the service expired.</summary>
public sealed record ExpiryConversationRecorded(string With, string Summary) : EngagementEvent;

/// <summary>The engagement moved from one state to another.</summary>
public sealed record StateChanged(EngagementState From, EngagementState To, string? Reason) : EngagementEvent;
