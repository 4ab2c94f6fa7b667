using Hypercare.Core.Problems;
using Hypercare.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Server.Auth;

/// <summary>A new token's secret, shown once.</summary>
public sealed record IssuedToken(Guid Id, string Name, string Secret, TokenScope Scope, DateTimeOffset ExpiresAt);

/// <summary>
/// Organizations, users and tokens, with an audit entry for each change in the same transaction.
/// The web API and the CLI's <c>admin</c> commands both use it.
/// </summary>
public sealed class Accounts(HypercareDbContext db, UserManager<HypercareUser> users, TimeProvider time)
{
    /// <summary>The longest a token may live.</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(366);

    /// <summary>Whether anyone can sign in yet.</summary>
    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) => db.Users.AnyAsync(cancellationToken);

    /// <summary>The provider organization, if created.</summary>
    public Task<Organization?> ProviderAsync(CancellationToken cancellationToken = default) =>
        db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Kind == OrganizationKind.Provider, cancellationToken);

    /// <summary>Creates an organization. There is exactly one provider.</summary>
    public async Task<Organization> CreateOrganizationAsync(string name, OrganizationKind kind, string actor, CancellationToken cancellationToken = default)
    {
        Required(name, "name", "name the organization");
        if (name.Length > 200) throw new BadInputException("too-long", "the name is longer than 200 characters", null, SourceLocation.ForField("name"));
        if (kind == OrganizationKind.Provider && await ProviderAsync(cancellationToken) is { } existing)
            throw new RuleViolationException("provider-exists", $"the provider organization is already '{existing.Name}'", "create customer organizations instead");
        if (await db.Organizations.AnyAsync(o => o.Name == name.Trim(), cancellationToken))
            throw new RuleViolationException("organization-exists", $"an organization named '{name.Trim()}' exists", "choose another name");
        var organization = new Organization { Id = Guid.NewGuid(), Name = name.Trim(), Kind = kind, CreatedAt = time.GetUtcNow() };
        db.Organizations.Add(organization);
        await new AuditTrail(db).AppendAsync(actor, "organization.created", $"organization/{organization.Id}", new { name = organization.Name, kind = kind.ToString() }, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    /// <summary>Creates a user in an organization, with Identity's password rules.</summary>
    public async Task<HypercareUser> CreateUserAsync(string email, string name, string password, Guid organizationId, bool administrator, string actor, CancellationToken cancellationToken = default)
    {
        Required(email, "email", "give the person's e-mail address");
        Required(name, "name", "give the person's full name");
        Required(password, "password", "at least 12 characters");
        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
            throw new BadInputException("invalid-value", $"'{email}' is not an e-mail address", "write name@domain", SourceLocation.ForField("email"));
        if (name.Length > 200) throw new BadInputException("too-long", "the name is longer than 200 characters", null, SourceLocation.ForField("name"));
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
            throw new BadInputException("organization-unknown", $"there is no organization {organizationId}", "create it first", SourceLocation.ForField("organization_id"));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new HypercareUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = name.Trim(), OrganizationId = organizationId, IsAdministrator = administrator };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            var problems = result.Errors.Select(e => new Problem(
                e.Code.StartsWith("Password", StringComparison.Ordinal) ? "weak-password" : e.Code.Contains("Duplicate", StringComparison.Ordinal) ? "user-exists" : "invalid-user",
                e.Description, SourceLocation.ForField(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email"))).ToList();
            if (problems.Any(p => p.Code == "user-exists")) throw new RuleViolationException("user-exists", $"a user with the e-mail {email} exists");
            throw new BadInputException(problems);
        }
        await new AuditTrail(db).AppendAsync(actor, "user.created", $"user/{user.Id}", new { email = user.Email, organization = organizationId, administrator }, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>Issues a personal access token for a user.</summary>
    public async Task<IssuedToken> CreateTokenAsync(HypercareUser user, string name, TokenScope scope, int days, CancellationToken cancellationToken = default)
    {
        Required(name, "name", "say what the token is for, e.g. 'ci pipeline'");
        if (name.Length > 100) throw new BadInputException("too-long", "the name is longer than 100 characters", null, SourceLocation.ForField("name"));
        if (days < 1 || days > MaxTokenLifetime.TotalDays)
            throw new BadInputException("out-of-range", $"{days} days is outside 1..{MaxTokenLifetime.TotalDays}", "every token expires within a year", SourceLocation.ForField("expires_in_days"));
        var secret = AccessTokenSecrets.NewSecret();
        var now = time.GetUtcNow();
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = user.Id, Name = name.Trim(), Prefix = secret[..8], Hash = AccessTokenSecrets.Hash(secret),
            Scope = scope, CreatedAt = now, ExpiresAt = now.AddDays(days),
        };
        db.AccessTokens.Add(token);
        await new AuditTrail(db).AppendAsync(user.Email ?? user.Id, "token.created", $"token/{token.Id}", new { name = token.Name, prefix = token.Prefix, scope = scope.ToString(), expires = token.ExpiresAt }, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedToken(token.Id, token.Name, secret, scope, token.ExpiresAt);
    }

    /// <summary>Revokes one of the user's tokens.</summary>
    public async Task RevokeTokenAsync(HypercareUser user, Guid id, CancellationToken cancellationToken = default)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == user.Id, cancellationToken) ?? throw new NotVisibleException();
        if (token.RevokedAt is not null) return;
        token.RevokedAt = time.GetUtcNow();
        await new AuditTrail(db).AppendAsync(user.Email ?? user.Id, "token.revoked", $"token/{token.Id}", new { name = token.Name, prefix = token.Prefix }, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The user's tokens, without secrets.</summary>
    public async Task<IReadOnlyList<PersonalAccessToken>> TokensAsync(HypercareUser user, CancellationToken cancellationToken = default) =>
        await db.AccessTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderBy(t => t.Name).ToListAsync(cancellationToken);

    /// <summary>Creates the provider organization and its first administrator, when nobody exists yet.</summary>
    public async Task<HypercareUser> SetUpAsync(string providerName, string email, string name, string password, CancellationToken cancellationToken = default)
    {
        if (await AnyUserAsync(cancellationToken))
            throw new RuleViolationException("already-set-up", "Hypercare already has users", "sign in, or ask an administrator for an account");
        var provider = await ProviderAsync(cancellationToken) ?? await CreateOrganizationAsync(providerName, OrganizationKind.Provider, email, cancellationToken);
        return await CreateUserAsync(email, name, password, provider.Id, administrator: true, actor: "setup", cancellationToken);
    }

    private static void Required(string? value, string field, string hint)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BadInputException("missing-field", $"'{field}' is required", hint, SourceLocation.ForField(field));
    }
}
