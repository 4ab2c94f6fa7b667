using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hypercare.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hypercare.Server.Auth;

/// <summary>Authentication scheme names.</summary>
public static class AuthSchemes
{
    /// <summary>Picks the token scheme for a Bearer header and the cookie otherwise.</summary>
    public const string Smart = "smart";

    /// <summary>Personal access tokens.</summary>
    public const string Token = "token";

    /// <summary>The claim that carries a token's scope.</summary>
    public const string ScopeClaim = "hypercare:scope";
}

/// <summary>Creating and checking personal access tokens. The secret is shown once; only its SHA-256 is kept.</summary>
public static class AccessTokenSecrets
{
    /// <summary>Every token starts so, which lets secret scanners recognise a leaked one.</summary>
    public const string Prefix = "hc_";

    /// <summary>A new random secret: <c>hc_</c> and 40 characters of base64url (240 bits).</summary>
    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(30));

    /// <summary>The stored form of a secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// The account a request's access token belongs to, loaded with the token. <see cref="CurrentUser"/> takes it
/// from the request's features instead of querying the same rows again.
/// </summary>
internal sealed record TokenAccount(PersonalAccessToken Token, HypercareUser User, Organization Organization);

/// <summary>Authenticates <c>Authorization: Bearer hc_...</c> against the stored hashes.</summary>
internal sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    HypercareDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // One round trip for the token, its user and their organization. (Not EF.CompileAsyncQuery: a compiled
    // query keeps the first database provider's plan, and one process may serve SQLite and PostgreSQL, as the
    // tests do; EF's query cache keeps a plan per provider.)
    private static Task<TokenAccount?> FindByHash(HypercareDbContext context, string hash, CancellationToken cancellationToken) =>
        (from t in context.AccessTokens.AsNoTracking()
         where t.Hash == hash
         join u in context.Users.AsNoTracking() on t.UserId equals u.Id
         join o in context.Organizations.AsNoTracking() on u.OrganizationId equals o.Id
         select new TokenAccount(t, u, o)).FirstOrDefaultAsync(cancellationToken);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(AccessTokenSecrets.Prefix, StringComparison.Ordinal) || secret.Length > 200)
            return AuthenticateResult.Fail("not a Hypercare access token");
        var hash = AccessTokenSecrets.Hash(secret);
        var account = await FindByHash(db, hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (account is not { Token: var token } || token.RevokedAt is not null || token.ExpiresAt <= now)
            return AuthenticateResult.Fail("the access token is unknown, revoked or expired");
        var user = account.User;
        if (user.LockoutEnd is { } end && end > now)
            return AuthenticateResult.Fail("the token's user cannot sign in");
        Context.Features.Set(account);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(ClaimTypes.Name, user.UserName ?? user.Email ?? user.Id),
            new Claim(AuthSchemes.ScopeClaim, token.Scope.ToString().ToLowerInvariant()),
        ], AuthSchemes.Token);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AuthSchemes.Token));
    }
}

/// <summary>A read-scoped token may only read.</summary>
internal sealed class TokenScopeGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.FindFirst(AuthSchemes.ScopeClaim)?.Value == "read" && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await Infrastructure.ProblemMapping.WriteAsync(context, StatusCodes.Status403Forbidden, "token-scope", "this access token may only read", "create a token with scope 'write' for changes", null);
            return;
        }
        await next(context);
    }
}

/// <summary>The one-time link that creates the first provider administrator. It exists only in this process's memory.</summary>
public sealed class SetupToken
{
    private readonly Lock _gate = new();
    private string? _token;

    /// <summary>A new token, replacing any earlier one.</summary>
    public string Issue()
    {
        lock (_gate) return _token = AccessTokenSecrets.Base64Url(RandomNumberGenerator.GetBytes(24));
    }

    /// <summary>Whether the candidate is the current token, without using it up (a form with a typo can be sent again).</summary>
    public bool Matches(string? candidate)
    {
        lock (_gate) return Same(candidate);
    }

    /// <summary>Checks and uses up the token: it works once.</summary>
    public bool TryConsume(string? candidate)
    {
        lock (_gate)
        {
            if (!Same(candidate)) return false;
            _token = null;
            return true;
        }
    }

    private bool Same(string? candidate) =>
        _token is not null && candidate is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_token), Encoding.UTF8.GetBytes(candidate));
}
