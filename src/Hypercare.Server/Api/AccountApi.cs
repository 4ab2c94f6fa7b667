using Hypercare.Core.Problems;
using Hypercare.Data;
using Hypercare.Server.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Server.Api;

/// <summary>First set-up.</summary>
public sealed record SetupBody(string Token, string Organization, string Name, string Email, string Password);

/// <summary>Sign-in with a password.</summary>
public sealed record SignInBody(string Email, string Password);

/// <summary>A new organization.</summary>
public sealed record OrganizationBody(string Name, OrganizationKind Kind = OrganizationKind.Customer);

/// <summary>A new user.</summary>
public sealed record UserBody(string Email, string Name, string Password, Guid OrganizationId, bool Administrator = false);

/// <summary>A new personal access token.</summary>
public sealed record TokenBody(string Name, TokenScope Scope = TokenScope.Read, int ExpiresInDays = 90);

/// <summary>Who is signed in.</summary>
public sealed record MeView(string Id, string Email, string Name, bool Administrator, Organization Organization);

/// <summary>A user as listed.</summary>
public sealed record UserView(string Id, string Email, string Name, Guid OrganizationId, bool Administrator);

/// <summary>A token as listed: never its secret.</summary>
public sealed record TokenView(Guid Id, string Name, string Prefix, TokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>Set-up, sign-in, organizations, users and tokens.</summary>
internal static class AccountApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/setup", async (SetupBody body, SetupToken setup, Accounts accounts, CancellationToken ct) =>
            {
                if (await accounts.AnyUserAsync(ct)) throw new RuleViolationException("already-set-up", "Hypercare already has users", "sign in instead");
                if (!setup.Matches(body.Token))
                    throw new SafetyRefusalException("setup-token-invalid", "the set-up token is wrong or was used already", "use the link the server printed when it started; restart the server for a new one");
                var user = await accounts.SetUpAsync(body.Organization, body.Email, body.Name, body.Password, ct);
                setup.TryConsume(body.Token);
                return TypedResults.Created($"/api/v1/users/{user.Id}", new UserView(user.Id, user.Email!, user.DisplayName, user.OrganizationId, user.IsAdministrator));
            })
            .AllowAnonymous().WithName("SetUp").WithSummary("Create the provider organization and its first administrator with the one-time set-up token").WithTags("Accounts");

        api.MapPost("/auth/signin", async (SignInBody body, SignInManager<HypercareUser> signIn, UserManager<HypercareUser> users) =>
            {
                Required(body.Email, "email");
                Required(body.Password, "password");
                var user = await users.FindByEmailAsync(body.Email.Trim());
                if (user is null) return Failure();
                var result = await signIn.PasswordSignInAsync(user, body.Password, isPersistent: false, lockoutOnFailure: true);
                if (result.IsLockedOut) throw new SafetyRefusalException("locked-out", "too many failed sign-ins: the account is locked for a while", "wait 15 minutes, or ask an administrator");
                return result.Succeeded ? Results.NoContent() : Failure();

                static IResult Failure() => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "the e-mail or password is wrong", type: "urn:hypercare:problem:sign-in-failed");
            })
            .AllowAnonymous().RequireRateLimiting("sign-in").WithName("SignIn").WithSummary("Sign in with e-mail and password (sets the session cookie)").WithTags("Accounts");

        api.MapPost("/auth/signout", async (SignInManager<HypercareUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return Results.NoContent();
            })
            .WithName("SignOut").WithSummary("Sign out (clears the session cookie)").WithTags("Accounts");

        api.MapGet("/me", async (CurrentUser current, CancellationToken ct) =>
            {
                var (user, organization) = await current.GetAsync(ct);
                return TypedResults.Ok(new MeView(user.Id, user.Email!, user.DisplayName, user.IsAdministrator, organization));
            })
            .WithName("GetMe").WithSummary("The signed-in user and their organization").WithTags("Accounts");

        api.MapGet("/organizations", async (CurrentUser current, HypercareDbContext db, CancellationToken ct) =>
            {
                var (_, organization) = await current.GetAsync(ct);
                var query = db.Organizations.AsNoTracking();
                if (organization.Kind == OrganizationKind.Customer) query = query.Where(o => o.Id == organization.Id);
                return TypedResults.Ok(await query.OrderBy(o => o.Name).ToListAsync(ct));
            })
            .WithName("ListOrganizations").WithSummary("Organizations: the provider sees all, a customer its own").WithTags("Accounts");

        api.MapPost("/organizations", async (OrganizationBody body, CurrentUser current, Accounts accounts, CancellationToken ct) =>
            {
                var user = await RequireProviderAdministratorAsync(current, ct);
                if (body.Kind == OrganizationKind.Provider) throw new RuleViolationException("provider-exists", "there is one provider organization", "create customer organizations");
                var organization = await accounts.CreateOrganizationAsync(body.Name, body.Kind, user.Email!, ct);
                return TypedResults.Created($"/api/v1/organizations/{organization.Id}", organization);
            })
            .WithName("CreateOrganization").WithSummary("Create a customer organization (provider administrators)").WithTags("Accounts");

        api.MapGet("/users", async (CurrentUser current, HypercareDbContext db, CancellationToken ct) =>
            {
                var (user, organization) = await current.GetAsync(ct);
                if (!user.IsAdministrator) throw new RuleViolationException("not-allowed", "only administrators list users");
                var query = db.Users.AsNoTracking();
                if (organization.Kind == OrganizationKind.Customer) query = query.Where(u => u.OrganizationId == organization.Id);
                return TypedResults.Ok(await query.OrderBy(u => u.Email).Select(u => new UserView(u.Id, u.Email!, u.DisplayName, u.OrganizationId, u.IsAdministrator)).ToListAsync(ct));
            })
            .WithName("ListUsers").WithSummary("Users: the provider's administrators see all, a customer's administrators their own").WithTags("Accounts");

        api.MapPost("/users", async (UserBody body, CurrentUser current, Accounts accounts, CancellationToken ct) =>
            {
                var (user, organization) = await current.GetAsync(ct);
                if (!user.IsAdministrator) throw new RuleViolationException("not-allowed", "only administrators create users");
                if (organization.Kind == OrganizationKind.Customer && body.OrganizationId != organization.Id)
                    throw new RuleViolationException("not-allowed", "a customer's administrator creates users of their own organization only");
                var created = await accounts.CreateUserAsync(body.Email, body.Name, body.Password, body.OrganizationId, body.Administrator, user.Email!, ct);
                return TypedResults.Created($"/api/v1/users/{created.Id}", new UserView(created.Id, created.Email!, created.DisplayName, created.OrganizationId, created.IsAdministrator));
            })
            .WithName("CreateUser").WithSummary("Create a user (administrators)").WithTags("Accounts");

        api.MapGet("/tokens", async (CurrentUser current, Accounts accounts, CancellationToken ct) =>
            {
                var (user, _) = await current.GetAsync(ct);
                return TypedResults.Ok((await accounts.TokensAsync(user, ct)).Select(t => new TokenView(t.Id, t.Name, t.Prefix, t.Scope, t.CreatedAt, t.ExpiresAt, t.RevokedAt)));
            })
            .WithName("ListTokens").WithSummary("Your personal access tokens (never their secrets)").WithTags("Accounts");

        api.MapPost("/tokens", async (TokenBody body, CurrentUser current, Accounts accounts, CancellationToken ct) =>
            {
                var (user, _) = await current.GetAsync(ct);
                var issued = await accounts.CreateTokenAsync(user, body.Name, body.Scope, body.ExpiresInDays, ct);
                return TypedResults.Created($"/api/v1/tokens/{issued.Id}", issued);
            })
            .WithName("CreateToken").WithSummary("Create a personal access token; its secret is shown once").WithTags("Accounts");

        api.MapDelete("/tokens/{tokenId:guid}", async (Guid tokenId, CurrentUser current, Accounts accounts, CancellationToken ct) =>
            {
                var (user, _) = await current.GetAsync(ct);
                await accounts.RevokeTokenAsync(user, tokenId, ct);
                return Results.NoContent();
            })
            .WithName("RevokeToken").WithSummary("Revoke one of your tokens").WithTags("Accounts");
    }

    internal static async Task<HypercareUser> RequireProviderAdministratorAsync(CurrentUser current, CancellationToken ct)
    {
        var (user, organization) = await current.GetAsync(ct);
        if (organization.Kind != OrganizationKind.Provider || !user.IsAdministrator)
            throw new RuleViolationException("not-allowed", "only the provider's administrators may do this");
        return user;
    }

    internal static void Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BadInputException("missing-field", $"'{field}' is required", null, SourceLocation.ForField(field));
    }
}
