using Hypercare.Core;
using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Objectives;
using Hypercare.Engagements.Register;
using Hypercare.Engagements.Requests;
using Hypercare.Engagements.WorkPlans;

namespace Hypercare.Engagements.Lifecycle;

/// <summary>The provider's decision on the service request.</summary>
public sealed record RequestDecision(bool Accepted, string By, DateTimeOffset At, IReadOnlyList<DeclineReason> Reasons, string? Note);

/// <summary>A confirmed acceptance milestone.</summary>
public sealed record MilestoneRecord(Milestone Milestone, string By, DateTimeOffset At, ConfirmationChannel Channel, string Reference);

/// <summary>The recorded conversation about completion before the service expired.</summary>
public sealed record ExpiryConversation(string By, string With, string Summary, DateTimeOffset At);

/// <summary>
/// One engagement: its definition and everything that happened to it. Commands check the statement of
/// work's rules, then record an event; <see cref="Replay"/> rebuilds the same state from stored events.
/// </summary>
public sealed partial class Engagement
{
    private readonly List<EngagementEvent> _history = [];
    private readonly List<EngagementEvent> _pending = [];
    private readonly List<Member> _members = [];
    private readonly Dictionary<PrerequisiteKind, ProvidedPrerequisite> _prerequisites = [];
    private readonly Dictionary<AuthorizationKind, GrantedAuthorization> _authorizations = [];
    private readonly List<WorkPlanVersion> _plan = [];
    private readonly List<ProposalRejection> _rejections = [];
    private readonly List<RegisterEntry> _register = [];
    private readonly List<ActionItem> _actions = [];
    private readonly Dictionary<DocumentKind, DocumentStatus> _documents = [];
    private readonly Dictionary<Milestone, MilestoneRecord> _milestones = [];
    private readonly List<Transition> _transitions = [];

    private Engagement(Guid id) => Id = id;

    /// <summary>The engagement's identifier.</summary>
    public Guid Id { get; }

    /// <summary>What the engagement file declared.</summary>
    public EngagementDefinition Definition { get; private set; } = null!;

    /// <summary>Where the engagement is in the process.</summary>
    public EngagementState State { get; private set; } = EngagementState.PreSales;

    /// <summary>When the engagement was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The provider's decision on the request, once made.</summary>
    public RequestDecision? Decision { get; private set; }

    /// <summary>Members from the file and those added since.</summary>
    public IReadOnlyList<Member> Members => _members;

    /// <summary>Prerequisites the customer provided.</summary>
    public IReadOnlyDictionary<PrerequisiteKind, ProvidedPrerequisite> Prerequisites => _prerequisites;

    /// <summary>Authorizations in force.</summary>
    public IReadOnlyDictionary<AuthorizationKind, GrantedAuthorization> Authorizations => _authorizations;

    /// <summary>All work plan versions, oldest first.</summary>
    public IReadOnlyList<WorkPlanVersion> WorkPlan => _plan;

    /// <summary>Rejections of confirmed proposals, with their justifications.</summary>
    public IReadOnlyList<ProposalRejection> Rejections => _rejections;

    /// <summary>The risk and issue register.</summary>
    public IReadOnlyList<RegisterEntry> RegisterEntries => _register;

    /// <summary>The action tracker.</summary>
    public IReadOnlyList<ActionItem> Actions => _actions;

    /// <summary>Confirmed acceptance milestones.</summary>
    public IReadOnlyDictionary<Milestone, MilestoneRecord> Milestones => _milestones;

    /// <summary>The pre-expiry conversation, once recorded.</summary>
    public ExpiryConversation? ExpiryTalk { get; private set; }

    /// <summary>Every transition, oldest first.</summary>
    public IReadOnlyList<Transition> Transitions => _transitions;

    /// <summary>Every event, oldest first, including those not yet stored.</summary>
    public IReadOnlyList<EngagementEvent> History => _history;

    /// <summary>Events recorded since the engagement was loaded or created.</summary>
    public IReadOnlyList<EngagementEvent> PendingEvents => _pending;

    /// <summary>The number of events already stored; the next stored event gets this sequence number.</summary>
    public int StoredVersion => _history.Count - _pending.Count;

    /// <summary>Called by the store once pending events are saved.</summary>
    public void MarkStored() => _pending.Clear();

    /// <summary>The status of each deliverable document.</summary>
    public DocumentStatus StatusOf(DocumentKind document) =>
        !DeliverableCatalog.Applies(document, Definition.Services.ToList()) ? DocumentStatus.NotApplicable
        : _documents.TryGetValue(document, out var status) ? status : DocumentStatus.NotStarted;

    /// <summary>The newest work plan version, or null before the first item.</summary>
    public WorkPlanVersion? CurrentPlan => _plan.Count == 0 ? null : _plan[^1];

    /// <summary>Creates an engagement from a validated definition.</summary>
    /// <exception cref="RuleViolationException">The key phases need more days than the edition allows.</exception>
    public static Engagement Create(Guid id, EngagementDefinition definition, string by, DateTimeOffset at)
    {
        var days = KeyPhases.ServiceDays(definition.KeyPhases);
        var max = definition.MaxServiceDays;
        if (max is { } limit && days > limit)
            throw new RuleViolationException("duration-exceeds-edition",
                $"the key phases cover {days} days but the {definition.Edition} edition's service lasts at most {limit} days",
                definition.Edition == Edition.Custom ? "negotiate a longer duration (engagement.negotiated_duration_days)" : "shorten the key phases, or order an edition with a longer service duration");
        var engagement = new Engagement(id);
        engagement.Record(new EngagementCreated(definition) { By = by, At = at });
        return engagement;
    }

    /// <summary>Rebuilds an engagement from its stored events.</summary>
    public static Engagement Replay(Guid id, IEnumerable<EngagementEvent> events)
    {
        var engagement = new Engagement(id);
        foreach (var e in events)
        {
            engagement.Apply(e);
            engagement._history.Add(e);
        }
        if (engagement._history.Count == 0 || engagement._history[0] is not EngagementCreated)
            throw new InvalidOperationException($"engagement {id} has no creation event");
        return engagement;
    }

    // ---------------------------------------------------------------- request

    /// <summary>The provider accepts the service request. The lead time must hold.</summary>
    public void AcceptRequest(string by, DateTimeOffset at, BusinessCalendar calendar, string? note = null)
    {
        RequireMember(by, "accept the service request", MemberRole.ProviderProjectManager, MemberRole.ServiceManager);
        RequireUndecided();
        var check = LeadTimeRule.Check(Definition.Request, calendar);
        if (!check.Passed)
            throw new RuleViolationException("lead-time-not-met", check.Explanation,
                $"move the planned order to {check.EarliestValidOrder:yyyy-MM-dd} or later, or decline with 'schedule-infeasible'");
        Record(new RequestAccepted(note) { By = by, At = at });
    }

    /// <summary>The provider declines the service request; the engagement ends as declined.</summary>
    public void DeclineRequest(string by, DateTimeOffset at, IReadOnlyList<DeclineReason> reasons, string? note = null)
    {
        RequireMember(by, "decline the service request", MemberRole.ProviderProjectManager, MemberRole.ServiceManager);
        RequireUndecided();
        if (reasons.Count == 0)
            throw new RuleViolationException("decline-reason-missing", "a declined request needs at least one reason",
                $"give one or more of: {string.Join(", ", KebabCase.Names<DeclineReason>())}");
        Record(new RequestDeclined(reasons.Distinct().ToList(), note) { By = by, At = at });
        Record(new StateChanged(State, EngagementState.Declined, string.Join("; ", reasons.Select(DeclineReasons.Describe))) { By = by, At = at });
    }

    private void RequireUndecided()
    {
        if (Decision is not null)
            throw new RuleViolationException("request-already-decided",
                $"the request was already {(Decision.Accepted ? "accepted" : "declined")} by {Decision.By} at {Decision.At:u}");
    }

    // ---------------------------------------------------------------- people, prerequisites, authorizations

    /// <summary>Adds a member.</summary>
    public void AddMember(Member member, string by, DateTimeOffset at)
    {
        if (_members.Count > 0) RequireMember(by, "add members", MemberRole.CustomerProjectManager, MemberRole.ProviderProjectManager, MemberRole.ServiceManager);
        if (member.Role != MemberRole.Observer && Member.PartyOf(member.Role) != member.Party)
            throw new BadInputException("party-mismatch", $"a {KebabCase.Of(member.Role)} is on the {KebabCase.Of(Member.PartyOf(member.Role))} side, not the {KebabCase.Of(member.Party)} side",
                "leave the party out (it follows from the role); only observers choose a side", SourceLocation.ForField("party"));
        RequireText(member.Name, "name", "give the member's full name");
        if (!member.Email.Contains('@', StringComparison.Ordinal))
            throw new BadInputException("invalid-value", $"'{member.Email}' is not an e-mail address", "write name@domain", SourceLocation.ForField("email"));
        if (_members.Any(m => m.Email.Equals(member.Email, StringComparison.OrdinalIgnoreCase)))
            throw new RuleViolationException("member-exists", $"{member.Email} is already a member");
        Record(new MemberAdded(member) { By = by, At = at });
    }

    /// <summary>The customer records a prerequisite as provided.</summary>
    public void ProvidePrerequisite(PrerequisiteKind kind, string by, DateTimeOffset at, string? note = null)
    {
        RequireParty(by, Party.Customer, "provide prerequisites");
        Record(new PrerequisiteProvided(kind, note) { By = by, At = at });
    }

    /// <summary>The customer's project manager grants an authorization.</summary>
    public void Authorize(AuthorizationKind kind, string by, DateTimeOffset at, string? reference = null)
    {
        RequireMember(by, "authorize the provider", MemberRole.CustomerProjectManager);
        Record(new AuthorizationGranted(kind, reference) { By = by, At = at });
    }

    /// <summary>The customer's project manager withdraws an authorization.</summary>
    public void RevokeAuthorization(AuthorizationKind kind, string by, DateTimeOffset at, string reason)
    {
        RequireMember(by, "withdraw an authorization", MemberRole.CustomerProjectManager);
        if (!_authorizations.ContainsKey(kind))
            throw new RuleViolationException("not-authorized", $"{KebabCase.Of(kind)} is not authorized, so there is nothing to withdraw");
        RequireText(reason, "reason", "say why the authorization is withdrawn");
        Record(new AuthorizationRevoked(kind, reason) { By = by, At = at });
    }

    /// <summary>
    /// Refuses an activity on the customer's systems unless the edition includes its service and the customer
    /// authorized it (or provided what it needs).
    /// </summary>
    /// <exception cref="RuleViolationException">The edition does not include the service (exit 1).</exception>
    /// <exception cref="SafetyRefusalException">The customer's authorization or prerequisite is missing (exit 3).</exception>
    public void RequireCanRun(Activity activity)
    {
        ServiceCatalog.RequireIncluded(Definition.Edition, Definition.CustomServices, Consent.ServiceOf(activity));
        if (Consent.AuthorizationFor(activity) is { } authorization && !_authorizations.ContainsKey(authorization))
            throw new SafetyRefusalException("authorization-missing",
                $"refusing to {Describe(activity)}: the customer has not authorized {KebabCase.Of(authorization)}",
                $"the customer's project manager records it: hypercare authorize {Id} --kind {KebabCase.Of(authorization)} --by NAME");
        if (Consent.PrerequisiteFor(activity) is { } prerequisite && !_prerequisites.ContainsKey(prerequisite))
            throw new SafetyRefusalException("prerequisite-missing",
                $"refusing to {Describe(activity)}: the customer has not provided the {KebabCase.Of(prerequisite)}",
                $"the customer records it: hypercare prerequisites provide {Id} --kind {KebabCase.Of(prerequisite)} --by NAME");
    }

    private static string Describe(Activity activity) => activity switch
    {
        Activity.StressTest => "run a stress test",
        Activity.VulnerabilityScan => "scan for vulnerabilities",
        Activity.PortScan => "scan ports",
        Activity.VirusScan => "scan for viruses and trojans",
        Activity.AntiDdosConfiguration => "configure Anti-DDoS",
        _ => "monitor the system",
    };

    // ---------------------------------------------------------------- work plan

    /// <summary>The provider adds an item to the plan; after a confirmation this starts a new version.</summary>
    public WorkPlanItem AddPlanItem(string title, ServiceKind? service, Party owner, string? ownerName, NodaTime.LocalDate start, NodaTime.LocalDate due, string by, DateTimeOffset at)
    {
        RequireParty(by, Party.Provider, "write the work plan");
        RequireText(title, "title", "say what the item does");
        if (due < start) throw new RuleViolationException("plan-dates", $"the item is due {due:yyyy-MM-dd}, before its start {start:yyyy-MM-dd}", "give a due date on or after the start");
        if (service is { } s) ServiceCatalog.RequireIncluded(Definition.Edition, Definition.CustomServices, s);
        var current = CurrentPlan;
        var version = current is null ? 1 : current.IsConfirmed ? current.Number + 1 : current.Number;
        var number = (current?.Items.Count ?? 0) + 1;
        var item = new WorkPlanItem(number, title.Trim(), service, owner, ownerName, start, due);
        Record(new WorkPlanItemAdded(version, item) { By = by, At = at });
        return item;
    }

    /// <summary>The customer's project manager confirms the current plan version in writing.</summary>
    /// <param name="by">The customer's project manager.</param>
    /// <param name="at">When the confirmation was received.</param>
    /// <param name="channel">How it was given.</param>
    /// <param name="reference">The e-mail's message id or the signed document.</param>
    /// <param name="reviewedSha256">The hash the customer reviewed; a different current hash means the plan changed since.</param>
    public WorkPlanVersion ConfirmPlan(string by, DateTimeOffset at, ConfirmationChannel channel, string reference, string? reviewedSha256 = null)
    {
        RequireMember(by, "confirm the work plan", MemberRole.CustomerProjectManager);
        var current = CurrentPlan ?? throw new RuleViolationException("plan-empty", "there is no work plan to confirm", "the provider adds items first: hypercare plan add");
        if (current.IsConfirmed)
            throw new RuleViolationException("plan-already-confirmed", $"version {current.Number} is already confirmed by {current.Confirmation!.By}; a confirmed plan never changes", "a change starts a new version, which needs a new confirmation");
        RequireText(reference, "reference", channel == ConfirmationChannel.Email ? "give the e-mail's message id" : "name the signed document or the in-app confirmation");
        var sha = current.Sha256;
        if (reviewedSha256 is not null && !reviewedSha256.Equals(sha, StringComparison.OrdinalIgnoreCase))
            throw new RuleViolationException("plan-changed", $"the plan's hash is {sha}, not the reviewed {reviewedSha256}: version {current.Number} changed after it was reviewed", "review the current version and confirm its hash");
        Record(new WorkPlanConfirmed(current.Number, channel, reference.Trim(), sha) { By = by, At = at });
        return CurrentPlan!;
    }

    /// <summary>The customer rejects an item of a confirmed plan; the statement of work requires a justified technical reason.</summary>
    public void RejectProposal(int version, int item, string justification, string by, DateTimeOffset at)
    {
        RequireMember(by, "reject a confirmed proposal", MemberRole.CustomerProjectManager);
        var plan = _plan.FirstOrDefault(p => p.Number == version) ?? throw new RuleViolationException("plan-version-unknown", $"there is no work plan version {version}");
        if (!plan.IsConfirmed) throw new RuleViolationException("plan-not-confirmed", $"version {version} is not confirmed; change the draft instead of rejecting it");
        if (plan.Items.All(i => i.Number != item)) throw new RuleViolationException("plan-item-unknown", $"version {version} has no item {item}");
        if (string.IsNullOrWhiteSpace(justification) || justification.Trim().Length < 20)
            throw new RuleViolationException("justification-missing",
                "a confirmed technical proposal can only be rejected with a justified technical reason",
                "say what fails technically and how it was found (at least a sentence)");
        Record(new ProposalRejected(version, item, justification.Trim()) { By = by, At = at });
    }

    // ---------------------------------------------------------------- register and actions

    /// <summary>Records a risk or issue: the customer's project manager reports, the provider finds.</summary>
    public RegisterEntry RecordRegisterEntry(RegisterKind kind, string title, Severity severity, string? description, string by, DateTimeOffset at)
    {
        var member = RequireAnyMember(by, "record risks and issues");
        if (member.Party == Party.Customer && member.Role != MemberRole.CustomerProjectManager)
            throw new RuleViolationException("not-allowed", $"{member.Name} is a {KebabCase.Of(member.Role)}; the customer's project manager reports the customer's risks and issues");
        RequireText(title, "title", "say what the risk or issue is");
        var id = $"R-{_register.Count + 1}";
        var source = member.Party == Party.Customer ? EntrySource.CustomerReport : EntrySource.ProviderFinding;
        Record(new RegisterEntryRecorded(id, kind, title.Trim(), severity, source, description) { By = by, At = at });
        return _register[^1];
    }

    /// <summary>Changes the status of a risk or issue.</summary>
    public void SetRegisterStatus(string id, RegisterStatus status, string? note, string by, DateTimeOffset at)
    {
        RequireAnyMember(by, "update the register");
        if (_register.All(r => r.Id != id)) throw new RuleViolationException("register-entry-unknown", $"there is no register entry {id}");
        Record(new RegisterEntryStatusChanged(id, status, note) { By = by, At = at });
    }

    /// <summary>Records an action, usually the customer implementing advice.</summary>
    public ActionItem RecordAction(string title, string? registerId, Party owner, string? ownerName, NodaTime.LocalDate? due, string? reference, string by, DateTimeOffset at)
    {
        RequireAnyMember(by, "record actions");
        RequireText(title, "title", "say what must be done");
        if (registerId is not null && _register.All(r => r.Id != registerId)) throw new RuleViolationException("register-entry-unknown", $"there is no register entry {registerId}");
        var id = $"A-{_actions.Count + 1}";
        Record(new ActionRecorded(id, title.Trim(), registerId, owner, ownerName, due, reference) { By = by, At = at });
        return _actions[^1];
    }

    /// <summary>Changes the status of an action.</summary>
    public void SetActionStatus(string id, ActionStatus status, string? note, string by, DateTimeOffset at)
    {
        RequireAnyMember(by, "update actions");
        if (_actions.All(a => a.Id != id)) throw new RuleViolationException("action-unknown", $"there is no action {id}");
        Record(new ActionStatusChanged(id, status, note) { By = by, At = at });
    }

    // ---------------------------------------------------------------- deliverables and acceptance

    /// <summary>The provider drafts or delivers a document.</summary>
    public void SetDocumentStatus(DocumentKind document, DocumentStatus status, string? reference, string by, DateTimeOffset at)
    {
        RequireParty(by, Party.Provider, "deliver documents");
        if (StatusOf(document) == DocumentStatus.NotApplicable)
            throw new RuleViolationException("document-not-applicable", $"the {Definition.Edition} edition does not produce the {DeliverableCatalog.Title(document)}");
        if (status is DocumentStatus.Accepted or DocumentStatus.NotApplicable)
            throw new RuleViolationException("status-not-settable", $"a document becomes {KebabCase.Of(status)} through an acceptance milestone, not directly", "hypercare engagement milestone ID --milestone 1|2 --by CUSTOMER-PM --reference REF");
        Record(new DocumentStatusChanged(document, status, reference) { By = by, At = at });
    }

    /// <summary>The customer's project manager confirms an acceptance milestone in writing.</summary>
    public void ConfirmMilestone(Milestone milestone, ConfirmationChannel channel, string reference, string by, DateTimeOffset at)
    {
        RequireMember(by, "confirm acceptance", MemberRole.CustomerProjectManager);
        if (_milestones.ContainsKey(milestone)) throw new RuleViolationException("milestone-confirmed", $"milestone {(int)milestone} is already confirmed");
        if (milestone == Milestone.AcceptanceConfirmed && !_milestones.ContainsKey(Milestone.SolutionAccepted))
            throw new RuleViolationException("milestone-order", "milestone 2 (acceptance report) comes after milestone 1 (solution accepted)", "confirm milestone 1 first");
        var missing = DeliverableCatalog.ContentOf(milestone)
            .Where(d => StatusOf(d) is DocumentStatus.NotStarted or DocumentStatus.Draft).ToList();
        if (missing.Count > 0)
            throw new RuleViolationException("documents-not-delivered",
                $"milestone {(int)milestone} accepts documents that are not delivered yet: {string.Join(", ", missing.Select(DeliverableCatalog.Title))}",
                "the provider delivers them first: hypercare engagement document ID --document NAME --status delivered");
        RequireText(reference, "reference", "give the e-mail's message id or the signed document");
        Record(new MilestoneConfirmed(milestone, channel, reference.Trim()) { By = by, At = at });
    }

    /// <summary>The provider records the conversation about completion held before the service expired.</summary>
    public void RecordExpiryConversation(string with, string summary, string by, DateTimeOffset at)
    {
        RequireMember(by, "record the pre-expiry conversation", MemberRole.ProviderProjectManager, MemberRole.ServiceManager);
        RequireText(with, "with", "name who at the customer took part");
        RequireText(summary, "summary", "say what was agreed about completion");
        if (ExpiresAt is { } expires && at >= expires)
            throw new RuleViolationException("after-expiry", $"the service expired at {expires:u}; the conversation must happen before expiry");
        Record(new ExpiryConversationRecorded(with.Trim(), summary.Trim()) { By = by, At = at });
    }

    /// <summary>The service's expiry as an instant, when the order set one.</summary>
    public DateTimeOffset? ExpiresAt => Definition.Expires is { } e ? e.InZoneLeniently(Definition.Zone).ToDateTimeOffset() : null;

    // ---------------------------------------------------------------- event folding

    private void Record(EngagementEvent e)
    {
        Apply(e);
        _history.Add(e);
        _pending.Add(e);
    }

    private void Apply(EngagementEvent e)
    {
        switch (e)
        {
            case EngagementCreated c:
                Definition = c.Definition;
                CreatedAt = c.At;
                _members.AddRange(c.Definition.Members);
                break;
            case RequestAccepted a:
                Decision = new RequestDecision(true, a.By, a.At, [], a.Note);
                break;
            case RequestDeclined d:
                Decision = new RequestDecision(false, d.By, d.At, d.Reasons, d.Note);
                break;
            case MemberAdded m:
                _members.Add(m.Member);
                break;
            case PrerequisiteProvided p:
                _prerequisites[p.Kind] = new ProvidedPrerequisite(p.Kind, p.By, p.At, p.Note);
                break;
            case AuthorizationGranted g:
                _authorizations[g.Kind] = new GrantedAuthorization(g.Kind, g.By, g.At, g.Reference);
                break;
            case AuthorizationRevoked r:
                _authorizations.Remove(r.Kind);
                break;
            case WorkPlanItemAdded w:
                if (_plan.Count == 0 || _plan[^1].Number != w.Version)
                    _plan.Add(new WorkPlanVersion(w.Version, _plan.Count == 0 ? [] : _plan[^1].Items, null));
                _plan[^1] = _plan[^1] with { Items = [.. _plan[^1].Items, w.Item] };
                break;
            case WorkPlanConfirmed c:
                var index = _plan.FindIndex(p => p.Number == c.Version);
                _plan[index] = _plan[index] with { Confirmation = new PlanConfirmation(c.By, c.Channel, c.Reference, c.At, c.Sha256) };
                break;
            case ProposalRejected r:
                _rejections.Add(new ProposalRejection(r.Version, r.Item, r.By, r.Justification, r.At));
                break;
            case RegisterEntryRecorded r:
                _register.Add(new RegisterEntry(r.Id, r.Kind, r.Title, r.Severity, r.Source, r.By, r.At, r.Description, RegisterStatus.Open));
                break;
            case RegisterEntryStatusChanged s:
                var ri = _register.FindIndex(x => x.Id == s.Id);
                _register[ri] = _register[ri] with { Status = s.Status };
                break;
            case ActionRecorded a:
                _actions.Add(new ActionItem(a.Id, a.Title, a.RegisterId, a.Owner, a.OwnerName, a.Due, ActionStatus.Open, a.Reference));
                break;
            case ActionStatusChanged s:
                var ai = _actions.FindIndex(x => x.Id == s.Id);
                _actions[ai] = _actions[ai] with { Status = s.Status };
                break;
            case DocumentStatusChanged d:
                _documents[d.Document] = d.Status;
                break;
            case MilestoneConfirmed m:
                _milestones[m.Milestone] = new MilestoneRecord(m.Milestone, m.By, m.At, m.Channel, m.Reference);
                foreach (var document in DeliverableCatalog.ContentOf(m.Milestone))
                    if (StatusOf(document) != DocumentStatus.NotApplicable) _documents[document] = DocumentStatus.Accepted;
                break;
            case ExpiryConversationRecorded x:
                ExpiryTalk = new ExpiryConversation(x.By, x.With, x.Summary, x.At);
                break;
            case StateChanged s:
                _transitions.Add(new Transition(s.From, s.To, s.By, s.At, s.Reason));
                State = s.To;
                break;
            default:
                throw new InvalidOperationException($"unknown event {e.GetType().Name}");
        }
    }

    // ---------------------------------------------------------------- who may do what

    private Member? Find(string nameOrEmail) => _members.FirstOrDefault(m => m.IsNamedBy(nameOrEmail));

    private Member RequireAnyMember(string by, string what)
    {
        var member = Find(by) ?? throw new RuleViolationException("not-a-member",
            $"'{by}' is not a member of this engagement, so cannot {what}",
            "name a member by name or e-mail, or add them: hypercare engagement member add");
        if (member.Role == MemberRole.Observer)
            throw new RuleViolationException("not-allowed", $"{member.Name} is an observer; observers only read");
        return member;
    }

    private Member RequireMember(string by, string what, params MemberRole[] roles)
    {
        var member = RequireAnyMember(by, what);
        if (!roles.Contains(member.Role))
            throw new RuleViolationException("not-allowed",
                $"{member.Name} is a {KebabCase.Of(member.Role)}; only a {string.Join(" or ", roles.Select(KebabCase.Of))} may {what}");
        return member;
    }

    private void RequireParty(string by, Party party, string what)
    {
        var member = RequireAnyMember(by, what);
        if (member.Party != party)
            throw new RuleViolationException("not-allowed", $"{member.Name} is on the {KebabCase.Of(member.Party)} side; the {KebabCase.Of(party)} may {what}");
    }

    private static void RequireText(string? text, string field, string hint)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new BadInputException("missing-text", $"the {field} is empty", hint, SourceLocation.ForField(field));
    }
}
