using Hypercare.Core;
using Hypercare.Engagements.Deliverables;

namespace Hypercare.Engagements.Lifecycle;

/// <summary>One line per event, the same in the CLI's timeline and the web page's.</summary>
public static class EventDescriptions
{
    /// <summary>What an event did, as one line for a timeline.</summary>
    public static string Describe(EngagementEvent e) => e switch
    {
        EngagementCreated c => $"engagement created ({c.Definition.Edition} edition)",
        RequestAccepted => "service request accepted",
        RequestDeclined d => $"service request declined: {string.Join(", ", d.Reasons.Select(KebabCase.Of))}",
        MemberAdded m => $"{m.Member.Name} joined as {KebabCase.Of(m.Member.Role)}",
        PrerequisiteProvided p => $"prerequisite provided: {KebabCase.Of(p.Kind)}",
        AuthorizationGranted a => $"authorized: {KebabCase.Of(a.Kind)}{(a.Reference is null ? "" : $" ({a.Reference})")}",
        AuthorizationRevoked r => $"authorization withdrawn: {KebabCase.Of(r.Kind)} ({r.Reason})",
        WorkPlanItemAdded w => $"work plan v{w.Version} item {w.Item.Number}: {w.Item.Title}",
        WorkPlanConfirmed w => $"work plan v{w.Version} confirmed via {KebabCase.Of(w.Channel)} ({w.Reference}), sha256 {w.Sha256[..12]}…",
        ProposalRejected r => $"item {r.Item} of plan v{r.Version} rejected: {r.Justification}",
        RegisterEntryRecorded r => $"{KebabCase.Of(r.Kind)} {r.Id} ({KebabCase.Of(r.Severity)}): {r.Title}",
        RegisterEntryStatusChanged r => $"{r.Id} is {KebabCase.Of(r.Status)}",
        ActionRecorded a => $"action {a.Id} for {KebabCase.Of(a.Owner)}: {a.Title}",
        ActionStatusChanged a => $"action {a.Id} is {KebabCase.Of(a.Status)}",
        DocumentStatusChanged d => $"{DeliverableCatalog.Title(d.Document)}: {KebabCase.Of(d.Status)}",
        MilestoneConfirmed m => $"acceptance milestone {(int)m.Milestone} confirmed via {KebabCase.Of(m.Channel)} ({m.Reference})",
        ExpiryConversationRecorded x => $"pre-expiry conversation with {x.With}: {x.Summary}",
        StateChanged s => $"{KebabCase.Of(s.From)} → {KebabCase.Of(s.To)}{(s.Reason is null ? "" : $": {s.Reason}")}",
        _ => e.GetType().Name,
    };
}
