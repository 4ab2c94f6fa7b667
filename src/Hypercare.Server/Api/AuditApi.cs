using Hypercare.Data;
using Hypercare.Server.Auth;

namespace Hypercare.Server.Api;

/// <summary>The audit trail, for the provider's administrators.</summary>
internal static class AuditApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/audit/verify", async (CurrentUser current, HypercareDbContext db, CancellationToken ct) =>
            {
                await AccountApi.RequireProviderAdministratorAsync(current, ct);
                var result = await new AuditTrail(db).VerifyAsync(ct);
                return TypedResults.Ok(new { intact = result.Intact, entries = result.Entries, head = result.HeadHash, breaks = result.Breaks });
            })
            .WithName("VerifyAudit").WithSummary("Recompute the audit chain and name any edited, deleted or reordered entry").WithTags("Audit");
    }
}
