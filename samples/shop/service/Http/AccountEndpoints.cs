using Hypercare.Samples.Shop.Data;

namespace Hypercare.Samples.Shop.Http;

/// <summary>Signing in: checks the password and opens a session.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/api/login", Login);

    private static async Task<IResult> Login(HttpContext context, ShopContext shop, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(context.Request, cancellationToken);
        if (body is null)
            return problem!;
        var email = body.Text("email", 254);
        var password = body.Text("password", 200);
        if (body.Problem() is { } invalid)
            return invalid;

        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        var users = await lease.QueryAsync(ShopSql.UserByEmail, [new("$email", email)],
            r => (Id: r.GetInt64(0), Salt: (byte[])r[1], Hash: (byte[])r[2]), sent => sent, cancellationToken);
        if (users.Count != 1 || !PasswordHash.Matches(password, users[0].Salt, users[0].Hash))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.",
                detail: "The email or the password is wrong.");

        var token = Sessions.NewToken();
        await lease.ExecuteAsync(ShopSql.InsertSession,
            [new("$token_hash", Sessions.Hash(token)), new("$user_id", users[0].Id), new("$created_at", shop.Now())],
            _ => 0, cancellationToken);
        context.Response.Cookies.Append(Sessions.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
        });
        return Results.Ok(new LoginResponse(token, users[0].Id, "Bearer"));
    }
}
