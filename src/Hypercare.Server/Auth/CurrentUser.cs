using System.Security.Claims;
using Hypercare.Core.Problems;
using Hypercare.Data;
using Hypercare.Engagements.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Server.Auth;

/// <summary>The signed-in person and their organization, loaded once per request.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, HypercareDbContext db)
{
    // The user and their organization in one round trip (a cookie's request; a token's has them already).
    private static Task<UserAndOrganization?> FindById(HypercareDbContext context, string id, CancellationToken cancellationToken) =>
        (from u in context.Users.AsNoTracking()
         where u.Id == id
         join o in context.Organizations.AsNoTracking() on u.OrganizationId equals o.Id
         select new UserAndOrganization(u, o)).FirstOrDefaultAsync(cancellationToken);

    private (HypercareUser User, Organization Organization)? _loaded;

    /// <summary>The user and organization; throws 401 semantics when nobody is signed in.</summary>
    public async Task<(HypercareUser User, Organization Organization)> GetAsync(CancellationToken cancellationToken)
    {
        if (_loaded is { } loaded) return loaded;
        var context = http.HttpContext;
        var id = context?.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new UnauthorizedAccessException();
        // An access token's handler loaded the same rows moments ago, in this request.
        if (context.Features.Get<TokenAccount>() is { } account && account.User.Id == id)
        {
            _loaded = (account.User, account.Organization);
            return _loaded.Value;
        }
        var row = await FindById(db, id, cancellationToken) ?? throw new UnauthorizedAccessException();
        _loaded = (row.User, row.Organization);
        return _loaded.Value;
    }

    private sealed record UserAndOrganization(HypercareUser User, Organization Organization);
}

/// <summary>Thrown to answer 404 without saying whether the thing exists for someone else.</summary>
public sealed class NotVisibleException() : Exception("not found");

/// <summary>
/// Which engagements a user may see: the provider's people see all; a customer's people only their
/// organization's. Anything else is answered as not found, so other customers' engagements do not even exist.
/// </summary>
public sealed class EngagementAccess(CurrentUser current, HypercareDbContext db, TimeProvider time)
{
    /// <summary>The store over the request's database.</summary>
    public EngagementStore Store { get; } = new(db);

    /// <summary>The current time.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The engagements the user may see, newest first.</summary>
    public async Task<IReadOnlyList<EngagementSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var (_, organization) = await current.GetAsync(cancellationToken);
        return await Store.ListAsync(organization.Kind == OrganizationKind.Customer ? organization.Id : null, cancellationToken);
    }

    /// <summary>Loads an engagement the user may see.</summary>
    /// <exception cref="NotVisibleException">It does not exist, or belongs to another customer.</exception>
    public async Task<Engagement> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (_, organization) = await current.GetAsync(cancellationToken);
        if (organization.Kind == OrganizationKind.Customer && await Store.OrganizationOfAsync(id, cancellationToken) != organization.Id)
            throw new NotVisibleException();
        return await Store.FindAsync(id, cancellationToken) ?? throw new NotVisibleException();
    }

    /// <summary>
    /// Loads, changes and stores an engagement as the signed-in user: the domain checks the user's role in the
    /// engagement by their e-mail, and the audit trail records them.
    /// </summary>
    public async Task<Engagement> ChangeAsync(Guid id, Action<Engagement, string, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var engagement = await GetAsync(id, cancellationToken);
        var (user, _) = await current.GetAsync(cancellationToken);
        var email = user.Email ?? throw new BadInputException("no-email", "the signed-in user has no e-mail address");
        change(engagement, email, Now);
        await Store.SaveAsync(engagement, email, cancellationToken: cancellationToken);
        return engagement;
    }
}
