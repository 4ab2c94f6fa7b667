using System.Security.Cryptography;
using System.Text;
using Hypercare.Samples.Shop.Data;

namespace Hypercare.Samples.Shop.Http;

/// <summary>
/// Sign-in sessions. A session is a random token handed to the customer both in the login response and in a
/// cookie; the database keeps only its SHA-256, so neither the tables nor the slow log reveal live tokens.
/// </summary>
internal static class Sessions
{
    public const string CookieName = "shop_session";

    /// <summary>The token of the request: an <c>Authorization: Bearer</c> header first, then the cookie.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }
        return request.Cookies.TryGetValue(CookieName, out var cookie) && cookie.Length > 0 ? cookie : null;
    }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The signed-in customer's id, or null when the request carries no valid session.</summary>
    public static async Task<long?> UserAsync(DbLease lease, string token, CancellationToken cancellationToken)
    {
        var users = await lease.QueryAsync(ShopSql.SessionUser, [new("$token_hash", Hash(token))],
            r => r.GetInt64(0), sent => sent, cancellationToken);
        return users.Count == 1 ? users[0] : null;
    }

    public static IResult SignInRequired(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required.",
            detail: "Sign in with POST /api/login and send the token as 'Authorization: Bearer <token>' or the shop_session cookie.");
    }
}
