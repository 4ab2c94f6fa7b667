using System.Text;
using Hypercare.Core.Problems;
using Hypercare.Data;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.Register;
using Hypercare.Engagements.Requests;
using Hypercare.Engagements.WorkPlans;
using Hypercare.Server.Auth;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Hypercare.Server.Api;

#pragma warning disable CA1711 // "Body" names what these types are: request bodies.
/// <summary>Accept a request.</summary>
public sealed record AcceptBody(string? Note = null);
/// <summary>Decline a request.</summary>
public sealed record DeclineBody(IReadOnlyList<DeclineReason> Reasons, string? Note = null);
/// <summary>Move to another state.</summary>
public sealed record TransitionBody(EngagementState To, string? Reason = null);
/// <summary>Add a member.</summary>
public sealed record MemberBody(string Name, string Email, MemberRole Role, Party? Party = null);
/// <summary>Record a prerequisite.</summary>
public sealed record PrerequisiteBody(PrerequisiteKind Kind, string? Note = null);
/// <summary>Grant an authorization.</summary>
public sealed record AuthorizationBody(AuthorizationKind Kind, string? Reference = null);
/// <summary>Withdraw an authorization.</summary>
public sealed record RevocationBody(string Reason);
/// <summary>Add a work plan item.</summary>
public sealed record PlanItemBody(string Title, LocalDate Start, LocalDate Due, Party Owner = Party.Provider, string? OwnerName = null, ServiceKind? Service = null);
/// <summary>Confirm the current plan version.</summary>
public sealed record ConfirmationBody(string Reference, ConfirmationChannel Channel = ConfirmationChannel.InApp, string? Sha256 = null);
/// <summary>Reject a confirmed item with a technical justification.</summary>
public sealed record RejectionBody(int Version, int Item, string Justification);
/// <summary>Record a risk or issue.</summary>
public sealed record RegisterBody(RegisterKind Kind, string Title, Severity Severity = Severity.Medium, string? Description = null);
/// <summary>Change a risk's or issue's status.</summary>
public sealed record RegisterStatusBody(RegisterStatus Status, string? Note = null);
/// <summary>Record an action.</summary>
public sealed record ActionBody(string Title, string? RegisterId = null, Party Owner = Party.Customer, string? OwnerName = null, LocalDate? Due = null, string? Reference = null);
/// <summary>Change an action's status.</summary>
public sealed record ActionStatusBody(ActionStatus Status, string? Note = null);
/// <summary>Draft or deliver a document.</summary>
public sealed record DocumentBody(DocumentKind Document, DocumentStatus Status, string? Reference = null);
/// <summary>Confirm an acceptance milestone.</summary>
public sealed record MilestoneBody(Milestone Milestone, string Reference, ConfirmationChannel Channel = ConfirmationChannel.InApp);
/// <summary>Record the pre-expiry conversation.</summary>
public sealed record ExpiryTalkBody(string With, string Summary);
#pragma warning restore CA1711

/// <summary>An engagement file with its calendar file, as import takes it in JSON and export gives it.</summary>
public sealed record ImportBody(string File, IReadOnlyList<CalendarFileBody>? Companions = null);

/// <summary>An exported engagement: the file and its companions.</summary>
public sealed record ExportView(string File, IReadOnlyList<CalendarFileBody> Companions);

/// <summary>Whether an activity may run, and if not, why and how to fix it.</summary>
public sealed record CanRunView(bool Allowed, string? Code, string? Reason, string? Fix);

/// <summary>An engagement as listed.</summary>
public sealed record EngagementListItem(Guid Id, string Name, string Customer, string Edition, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Engagements: import from <c>hypercare.yaml</c>, read, and every step of the process. Each change runs as the
/// signed-in user, so the domain's rules about who may do what (by role in the engagement) apply unchanged.
/// </summary>
internal static class EngagementApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/engagements").WithTags("Engagements");

        group.MapGet("/", async (EngagementAccess access, CancellationToken ct) =>
            {
                var rows = await access.ListAsync(ct);
                return TypedResults.Ok(rows.Select(r => new EngagementListItem(r.Id, r.Name, r.Customer, r.Edition, r.State, r.CreatedAt, r.UpdatedAt)));
            })
            .WithName("ListEngagements").WithSummary("Engagements you may see, newest first");

        group.MapPost("/", async (HttpRequest request, [FromQuery(Name = "organization_id")] Guid? organizationId, CurrentUser current, EngagementAccess access, HypercareDbContext db, CancellationToken ct) =>
            {
                var (user, organization) = await current.GetAsync(ct);
                if (organization.Kind != OrganizationKind.Provider)
                    throw new RuleViolationException("not-allowed", "the provider creates engagements; a customer submits its request to the provider");
                if (organizationId is not { } customerId || !db.Organizations.Any(o => o.Id == customerId && o.Kind == OrganizationKind.Customer))
                    throw new BadInputException("organization-unknown", "organization_id must name a customer organization", "create the customer first: POST /api/v1/organizations", SourceLocation.ForField("organization_id"));
                var file = await ReadFileAsync(request, ct);
                var engagement = Engagement.FromFile(file, Guid.NewGuid(), user.Email!, access.Now);
                await access.Store.SaveAsync(engagement, user.Email, customerId, ct);
                return TypedResults.Created($"/api/v1/engagements/{engagement.Id}", engagement.Snapshot(access.Now));
            })
            .Accepts(typeof(string), "application/yaml", "text/yaml", "application/x-yaml", "text/plain", "application/json")
            .WithName("ImportEngagement").WithSummary("Create an engagement from its hypercare.yaml (provider), for a customer organization; as JSON, with its calendar file");

        group.MapGet("/{id:guid}/export", async (Guid id, EngagementAccess access, CancellationToken ct) =>
            {
                var (text, companions) = EngagementFileWriter.Export(await access.GetAsync(id, ct));
                return TypedResults.Ok(new ExportView(text, companions.Select(c => new CalendarFileBody(c.FileName, c.Text)).ToList()));
            })
            .WithName("ExportEngagement").WithSummary("The engagement as its hypercare.yaml, with its calendar file when it has one (the shape import takes as JSON)");

        group.MapGet("/{id:guid}/export/hypercare.yaml", async (Guid id, EngagementAccess access, CancellationToken ct) =>
                Results.Text(EngagementFileWriter.Export(await access.GetAsync(id, ct)).Text, "application/yaml", Encoding.UTF8))
            .WithName("ExportEngagementFile").WithSummary("The engagement file alone, as application/yaml");

        group.MapGet("/{id:guid}", async (Guid id, EngagementAccess access, CancellationToken ct) =>
                TypedResults.Ok((await access.GetAsync(id, ct)).Snapshot(access.Now)))
            .WithName("GetEngagement").WithSummary("The engagement: state, key phases, objectives, services, people, plan, register, deliverables and what blocks the next step");

        group.MapGet("/{id:guid}/timeline", async (Guid id, EngagementAccess access, CancellationToken ct) =>
                TypedResults.Ok((await access.GetAsync(id, ct)).History))
            .WithName("GetTimeline").WithSummary("Every event of the engagement: who, when, what");

        group.MapGet("/{id:guid}/guards/{state}", async (Guid id, string state, EngagementAccess access, CancellationToken ct) =>
                TypedResults.Ok((await access.GetAsync(id, ct)).CheckGuards(Hypercare.Core.KebabCase.Parse<EngagementState>(state, "state"), access.Now)))
            .WithName("CheckGuards").WithSummary("What stops a move to a state now (empty when nothing does)");

        group.MapGet("/{id:guid}/can-run/{activity}", async (Guid id, string activity, EngagementAccess access, CancellationToken ct) =>
            {
                var engagement = await access.GetAsync(id, ct);
                try
                {
                    engagement.RequireCanRun(Hypercare.Core.KebabCase.Parse<Activity>(activity, "activity"));
                    return TypedResults.Ok(new CanRunView(true, null, null, null));
                }
                catch (HypercareException e) when (e.Kind is FailureKind.Refused or FailureKind.RuleNotMet)
                {
                    return TypedResults.Ok(new CanRunView(false, e.Problems[0].Code, e.Problems[0].Message, e.Problems[0].Hint));
                }
            })
            .WithName("CanRun").WithSummary("Whether an activity on the customer's systems may run now: in the edition, and authorized by the customer");

        Change<AcceptBody>(group, "/{id:guid}/request/accept", "AcceptRequest", "The provider accepts the service request (the lead time must hold)",
            (e, b, by, at) => e.AcceptRequest(by, at, e.Definition.BusinessCalendar(), b.Note));
        Change<DeclineBody>(group, "/{id:guid}/request/decline", "DeclineRequest", "The provider declines the service request, with reasons",
            (e, b, by, at) => e.DeclineRequest(by, at, b.Reasons ?? [], b.Note));
        Change<TransitionBody>(group, "/{id:guid}/transitions", "Advance", "Move to the next state; a guard that does not hold answers 409 with its fix",
            (e, b, by, at) => e.Advance(b.To, by, at, b.Reason));
        Change<MemberBody>(group, "/{id:guid}/members", "AddMember", "Add a member with a role",
            (e, b, by, at) => e.AddMember(new Member(Text(b.Name, "name"), Text(b.Email, "email"), b.Role, b.Party ?? Member.PartyOf(b.Role)), by, at));
        Change<PrerequisiteBody>(group, "/{id:guid}/prerequisites", "ProvidePrerequisite", "The customer records a prerequisite as provided",
            (e, b, by, at) => e.ProvidePrerequisite(b.Kind, by, at, b.Note));
        Change<AuthorizationBody>(group, "/{id:guid}/authorizations", "Authorize", "The customer's project manager grants an authorization",
            (e, b, by, at) => e.Authorize(b.Kind, by, at, b.Reference));
        Change<RevocationBody>(group, "/{id:guid}/authorizations/{kind}/revocation", "RevokeAuthorization", "The customer's project manager withdraws an authorization",
            (e, b, by, at, route) => e.RevokeAuthorization(Hypercare.Core.KebabCase.Parse<AuthorizationKind>(route("kind"), "kind"), by, at, b.Reason));
        Change<PlanItemBody>(group, "/{id:guid}/plan/items", "AddPlanItem", "The provider adds a work plan item (after a confirmation, in a new version)",
            (e, b, by, at) => e.AddPlanItem(Text(b.Title, "title"), b.Service, b.Owner, b.OwnerName, b.Start, b.Due, by, at));
        Change<ConfirmationBody>(group, "/{id:guid}/plan/confirmations", "ConfirmPlan", "The customer's project manager confirms the current plan version in writing",
            (e, b, by, at) => e.ConfirmPlan(by, at, b.Channel, b.Reference, b.Sha256));
        Change<RejectionBody>(group, "/{id:guid}/plan/rejections", "RejectProposal", "The customer rejects a confirmed item, with a technical justification",
            (e, b, by, at) => e.RejectProposal(b.Version, b.Item, b.Justification, by, at));
        Change<RegisterBody>(group, "/{id:guid}/register", "RecordRegisterEntry", "Record a risk or issue",
            (e, b, by, at) => e.RecordRegisterEntry(b.Kind, Text(b.Title, "title"), b.Severity, b.Description, by, at));
        Change<RegisterStatusBody>(group, "/{id:guid}/register/{entry}/status", "SetRegisterStatus", "Change a risk's or issue's status",
            (e, b, by, at, route) => e.SetRegisterStatus(route("entry"), b.Status, b.Note, by, at));
        Change<ActionBody>(group, "/{id:guid}/actions", "RecordAction", "Record an action with an owner and a due date",
            (e, b, by, at) => e.RecordAction(Text(b.Title, "title"), b.RegisterId, b.Owner, b.OwnerName, b.Due, b.Reference, by, at));
        Change<ActionStatusBody>(group, "/{id:guid}/actions/{action}/status", "SetActionStatus", "Change an action's status",
            (e, b, by, at, route) => e.SetActionStatus(route("action"), b.Status, b.Note, by, at));
        Change<DocumentBody>(group, "/{id:guid}/documents", "SetDocumentStatus", "The provider drafts or delivers a deliverable document",
            (e, b, by, at) => e.SetDocumentStatus(b.Document, b.Status, b.Reference, by, at));
        Change<MilestoneBody>(group, "/{id:guid}/milestones", "ConfirmMilestone", "The customer's project manager confirms an acceptance milestone",
            (e, b, by, at) => e.ConfirmMilestone(b.Milestone, b.Channel, b.Reference, by, at));
        Change<ExpiryTalkBody>(group, "/{id:guid}/expiry-conversation", "RecordExpiryConversation", "The provider records the conversation about completion before expiry",
            (e, b, by, at) => e.RecordExpiryConversation(b.With, b.Summary, by, at));
    }

    private static void Change<TBody>(RouteGroupBuilder group, string pattern, string name, string summary, Action<Engagement, TBody, string, DateTimeOffset> change) where TBody : notnull =>
        Change<TBody>(group, pattern, name, summary, (e, b, by, at, _) => change(e, b, by, at));

    /// <summary>One changing endpoint: body in, the engagement's new snapshot out.</summary>
    private static void Change<TBody>(RouteGroupBuilder group, string pattern, string name, string summary, Action<Engagement, TBody, string, DateTimeOffset, Func<string, string>> change) where TBody : notnull =>
        group.MapPost(pattern, async (Guid id, TBody body, HttpContext http, EngagementAccess access, CancellationToken ct) =>
            {
                string Route(string key) => http.Request.RouteValues[key]?.ToString() ?? "";
                var engagement = await access.ChangeAsync(id, (e, by, at) => change(e, body, by, at, Route), ct);
                return TypedResults.Ok(engagement.Snapshot(access.Now));
            })
            .Accepts<TBody>("application/json")
            .WithName(name).WithSummary(summary);

    private static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new BadInputException("missing-field", $"'{field}' is required", null, SourceLocation.ForField(field)) : value;

    /// <summary>
    /// Reads an engagement file from the body: the YAML text itself, or JSON with the text and its calendar file.
    /// A calendar file is written to a private temporary folder only for as long as the loader reads it.
    /// </summary>
    private static async Task<EngagementFile> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        string text;
        IReadOnlyList<CalendarFileBody> companions = [];
        if (type == "application/json")
        {
            var body = await request.ReadFromJsonAsync<ImportBody>(ct)
                ?? throw new BadInputException("missing-field", "the body is empty", "send {\"file\": \"<hypercare.yaml text>\"}", SourceLocation.ForField("file"));
            text = body.File;
            companions = body.Companions ?? [];
        }
        else if (type is "application/yaml" or "text/yaml" or "application/x-yaml" or "text/plain")
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(ct);
        }
        else
        {
            throw new BadInputException("unsupported-media-type", $"the body must be the engagement file as application/yaml (or JSON with its calendar file), not {type ?? "nothing"}",
                "send Content-Type: application/yaml", SourceLocation.ForField("body"));
        }
        if (string.IsNullOrWhiteSpace(text)) throw new BadInputException("missing-field", "the engagement file is empty", "send the hypercare.yaml text", SourceLocation.ForField("file"));
        var folder = Directory.CreateTempSubdirectory("hypercare-import-");
        try
        {
            foreach (var companion in companions)
            {
                var name = Path.GetFileName(companion.Name ?? "");
                if (name.Length == 0 || companion.Text is null || !(name.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
                    throw new BadInputException("invalid-value", $"'{companion.Name}' is not a calendar file name", "companions are calendar files named *.ics, *.yaml or *.yml, with their text", SourceLocation.ForField("companions"));
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), companion.Text, ct);
            }
            return EngagementFileLoader.Parse("hypercare.yaml", text, folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
