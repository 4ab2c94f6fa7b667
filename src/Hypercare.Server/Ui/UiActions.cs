using Hypercare.Core;
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
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NodaTime.Text;

namespace Hypercare.Server.Ui;

/// <summary>
/// The browser's forms. Each posts here (antiforgery-checked), runs the same domain call the API does as the
/// signed-in user, and redirects back to the page with what happened (post, redirect, get).
/// </summary>
internal static class UiActions
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/account/signin", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<HypercareUser> signIn, UserManager<HypercareUser> users) =>
            {
                var back = $"/signin?returnUrl={Uri.EscapeDataString(Local(returnUrl))}";
                var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
                if (user is null || string.IsNullOrEmpty(password)) return Results.LocalRedirect($"{back}&error={Uri.EscapeDataString("The e-mail or password is wrong.")}");
                var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
                if (result.IsLockedOut) return Results.LocalRedirect($"{back}&error={Uri.EscapeDataString("Too many failed sign-ins: the account is locked for 15 minutes.")}");
                return result.Succeeded ? Results.LocalRedirect(Local(returnUrl)) : Results.LocalRedirect($"{back}&error={Uri.EscapeDataString("The e-mail or password is wrong.")}");
            })
            .AllowAnonymous().RequireRateLimiting("sign-in").ExcludeFromDescription();

        app.MapPost("/signout", async (SignInManager<HypercareUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return Results.LocalRedirect("/signin");
            })
            .RequireAuthorization().ExcludeFromDescription();

        app.MapPost("/account/setup", async ([FromForm] string token, [FromForm] string organization, [FromForm] string name, [FromForm] string email, [FromForm] string password, SetupToken setup, Accounts accounts, CancellationToken ct) =>
            {
                try
                {
                    if (await accounts.AnyUserAsync(ct)) return Results.LocalRedirect("/signin");
                    if (!setup.Matches(token)) return Results.LocalRedirect($"/setup?error={Uri.EscapeDataString("The set-up link is wrong or was used already; restart the server for a new one.")}");
                    await accounts.SetUpAsync(organization, email, name, password, ct);
                    setup.TryConsume(token);
                    return Results.LocalRedirect($"/signin?ok={Uri.EscapeDataString("The administrator account is ready: sign in.")}");
                }
                catch (HypercareException e)
                {
                    // The token is still good: the form can be sent again with the mistake fixed.
                    return Results.LocalRedirect($"/setup?token={Uri.EscapeDataString(token ?? "")}&error={Uri.EscapeDataString(Describe(e))}");
                }
            })
            .AllowAnonymous().ExcludeFromDescription();

        var ui = app.MapGroup("/ui").RequireAuthorization().ExcludeFromDescription();

        ui.MapPost("/requests", async ([FromForm] RequestForm form, CurrentUser current, EngagementAccess access, HypercareDbContext db, CancellationToken ct) =>
            {
                try
                {
                    var (user, organization) = await current.GetAsync(ct);
                    var customerId = organization.Kind == OrganizationKind.Customer ? organization.Id : form.OrganizationId;
                    var yaml = form.ToYaml(user, organization, db);
                    var file = EngagementFileLoader.Parse("request", yaml, Path.GetTempPath());
                    var engagement = Engagement.FromFile(file, Guid.NewGuid(), user.Email!, access.Now);
                    await access.Store.SaveAsync(engagement, user.Email, customerId, ct);
                    return Results.LocalRedirect($"/engagements/{engagement.Id}?ok={Uri.EscapeDataString("Request submitted: the provider reviews it next.")}");
                }
                catch (HypercareException e)
                {
                    return Results.LocalRedirect($"/requests/new?error={Uri.EscapeDataString(Describe(e))}");
                }
            });

        Change(ui, "/engagements/{id:guid}/accept", (e, f, by, at) => e.AcceptRequest(by, at, e.Definition.BusinessCalendar(), f["note"]), "Request accepted.");
        Change(ui, "/engagements/{id:guid}/decline", (e, f, by, at) => e.DeclineRequest(by, at, f["reasons"].Select(r => KebabCase.Parse<DeclineReason>(r!, "reasons")).ToList(), f["note"]), "Request declined.");
        Change(ui, "/engagements/{id:guid}/advance", (e, f, by, at) => e.Advance(KebabCase.Parse<EngagementState>(f["to"].ToString(), "to"), by, at, Optional(f["reason"])), "The engagement moved on.");
        Change(ui, "/engagements/{id:guid}/prerequisites", (e, f, by, at) =>
        {
            if (f["kinds"].Count == 0) throw new BadInputException("missing-field", "tick at least one prerequisite", null, SourceLocation.ForField("kinds"));
            foreach (var kind in f["kinds"]) e.ProvidePrerequisite(KebabCase.Parse<PrerequisiteKind>(kind!, "kinds"), by, at, Optional(f["note"]));
        }, "Prerequisites recorded.");
        Change(ui, "/engagements/{id:guid}/authorize", (e, f, by, at) => e.Authorize(KebabCase.Parse<AuthorizationKind>(f["kind"].ToString(), "kind"), by, at, Optional(f["reference"])), "Authorization recorded.");
        Change(ui, "/engagements/{id:guid}/plan/items", (e, f, by, at) => e.AddPlanItem(f["title"].ToString(),
            Optional(f["service"]) is { } s ? KebabCase.Parse<ServiceKind>(s, "service") : null,
            KebabCase.Parse<Party>(Optional(f["owner"]) ?? "provider", "owner"), Optional(f["owner_name"]),
            Date(f["start"], "start"), Date(f["due"], "due"), by, at), "Item added to the work plan.", "plan");
        Change(ui, "/engagements/{id:guid}/plan/confirm", (e, f, by, at) => e.ConfirmPlan(by, at, KebabCase.Parse<ConfirmationChannel>(Optional(f["channel"]) ?? "in-app", "channel"), f["reference"].ToString(), Optional(f["sha256"])), "Work plan confirmed in writing.", "plan");
        Change(ui, "/engagements/{id:guid}/members", (e, f, by, at) =>
        {
            var role = KebabCase.Parse<MemberRole>(f["role"].ToString(), "role");
            e.AddMember(new Member(f["name"].ToString(), f["email"].ToString(), role, Member.PartyOf(role)), by, at);
        }, "Member added.", "members");
        Change(ui, "/engagements/{id:guid}/register", (e, f, by, at) => e.RecordRegisterEntry(KebabCase.Parse<RegisterKind>(f["kind"].ToString(), "kind"), f["title"].ToString(),
            KebabCase.Parse<Severity>(Optional(f["severity"]) ?? "medium", "severity"), Optional(f["description"]), by, at), "Recorded in the register.");
        Change(ui, "/engagements/{id:guid}/documents", (e, f, by, at) => e.SetDocumentStatus(KebabCase.Parse<DocumentKind>(f["document"].ToString(), "document"),
            KebabCase.Parse<DocumentStatus>(f["status"].ToString(), "status"), Optional(f["reference"]), by, at), "Document status recorded.");
        Change(ui, "/engagements/{id:guid}/milestones", (e, f, by, at) => e.ConfirmMilestone(KebabCase.Parse<Milestone>(f["milestone"].ToString(), "milestone"),
            KebabCase.Parse<ConfirmationChannel>(Optional(f["channel"]) ?? "in-app", "channel"), f["reference"].ToString(), by, at), "Acceptance milestone confirmed in writing.");
        Change(ui, "/engagements/{id:guid}/actions", (e, f, by, at) => e.RecordAction(f["title"].ToString(), Optional(f["register_id"]),
            KebabCase.Parse<Party>(Optional(f["owner"]) ?? "customer", "owner"), Optional(f["owner_name"]), Optional(f["due"]) is { } d ? Date(d, "due") : null, null, by, at), "Action recorded.");
    }

    private static void Change(RouteGroupBuilder ui, string pattern, Action<Engagement, IFormCollection, string, DateTimeOffset> change, string done, string? page = null) =>
        ui.MapPost(pattern, async (Guid id, HttpRequest request, EngagementAccess access, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            var back = page is null ? $"/engagements/{id}" : $"/engagements/{id}/{page}";
            try
            {
                await access.ChangeAsync(id, (e, by, at) => change(e, form, by, at), ct);
                return Results.LocalRedirect($"{back}?ok={Uri.EscapeDataString(done)}");
            }
            catch (HypercareException e)
            {
                return Results.LocalRedirect($"{back}?error={Uri.EscapeDataString(Describe(e))}");
            }
        });

    internal static string Describe(HypercareException e) =>
        string.Join(" ", e.Problems.Select(p => p.Hint is null ? $"{Capital(p.Message)}." : $"{Capital(p.Message)} (fix: {p.Hint})."));

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrWhiteSpace(value) ? null : value.ToString().Trim();

    private static NodaTime.LocalDate Date(string? text, string field)
    {
        var r = LocalDatePattern.Iso.Parse(text ?? "");
        return r.Success ? r.Value : throw new BadInputException("invalid-date", $"'{text}' is not a date", "YYYY-MM-DD", SourceLocation.ForField(field));
    }

    /// <summary>Only local paths: a return address from the query string must not send the user elsewhere.</summary>
    internal static string Local(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
