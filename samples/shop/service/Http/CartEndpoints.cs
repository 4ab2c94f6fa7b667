using Hypercare.Samples.Shop.Data;

namespace Hypercare.Samples.Shop.Http;

/// <summary>
/// The signed-in customer's cart. A customer has at most one open cart; it is created on first use and
/// closed by checkout. Every endpoint here needs a session (bearer token or cookie).
/// </summary>
internal static class CartEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cart", Current);
        app.MapPost("/api/cart", StartNew);
        app.MapPost("/api/cart/items", AddItem);
    }

    private static async Task<IResult> Current(HttpContext context, ShopContext shop, CancellationToken cancellationToken)
    {
        if (Sessions.TokenOf(context.Request) is not { } token)
            return Sessions.SignInRequired(context);
        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        if (await Sessions.UserAsync(lease, token, cancellationToken) is not { } userId)
            return Sessions.SignInRequired(context);
        var cartId = await OpenCartAsync(lease, shop, userId, cancellationToken);
        return Results.Ok(await ViewAsync(lease, cartId, cancellationToken));
    }

    private static async Task<IResult> StartNew(HttpContext context, ShopContext shop, CancellationToken cancellationToken)
    {
        if (Sessions.TokenOf(context.Request) is not { } token)
            return Sessions.SignInRequired(context);
        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        if (await Sessions.UserAsync(lease, token, cancellationToken) is not { } userId)
            return Sessions.SignInRequired(context);
        lease.BeginWrite();
        await lease.ExecuteAsync(ShopSql.AbandonOpenCarts, [new("$user_id", userId)], changed => changed, cancellationToken);
        var cartId = await InsertCartAsync(lease, shop, userId, cancellationToken);
        lease.Commit();
        return Results.Json(new CartView(cartId, [], 0m), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> AddItem(HttpContext context, ShopContext shop, CancellationToken cancellationToken)
    {
        if (Sessions.TokenOf(context.Request) is not { } token)
            return Sessions.SignInRequired(context);
        var (body, problem) = await RequestBody.ReadAsync(context.Request, cancellationToken);
        if (body is null)
            return problem!;
        var productId = body.Integer("product_id", 1, long.MaxValue);
        var quantity = body.Integer("quantity", 1, 100, whenMissing: 1);
        if (body.Problem() is { } invalid)
            return invalid;

        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        if (await Sessions.UserAsync(lease, token, cancellationToken) is not { } userId)
            return Sessions.SignInRequired(context);
        var products = await lease.QueryAsync(ShopSql.ProductById, [new("$id", productId)], r => r.GetInt64(0), sent => sent, cancellationToken);
        if (products.Count == 0)
            return CatalogEndpoints.ProductNotFound(productId);
        var cartId = await OpenCartAsync(lease, shop, userId, cancellationToken);
        lease.BeginWrite();
        await lease.ExecuteAsync(ShopSql.UpsertCartItem,
            [new("$cart_id", cartId), new("$product_id", productId), new("$quantity", quantity)], changed => changed, cancellationToken);
        lease.Commit();
        return Results.Ok(await ViewAsync(lease, cartId, cancellationToken));
    }

    /// <summary>The customer's open cart, created when there is none.</summary>
    private static async Task<long> OpenCartAsync(DbLease lease, ShopContext shop, long userId, CancellationToken cancellationToken)
    {
        var open = await lease.QueryAsync(ShopSql.OpenCart, [new("$user_id", userId)], r => r.GetInt64(0), sent => sent, cancellationToken);
        if (open.Count == 1)
            return open[0];
        lease.BeginWrite();
        var cartId = await InsertCartAsync(lease, shop, userId, cancellationToken);
        lease.Commit();
        return cartId;
    }

    private static async Task<long> InsertCartAsync(DbLease lease, ShopContext shop, long userId, CancellationToken cancellationToken)
    {
        var ids = await lease.QueryAsync(ShopSql.InsertCart, [new("$user_id", userId), new("$created_at", shop.Now())],
            r => r.GetInt64(0), _ => 0, cancellationToken);
        return ids[0];
    }

    public static async Task<CartView> ViewAsync(DbLease lease, long cartId, CancellationToken cancellationToken)
    {
        var lines = await lease.QueryAsync(ShopSql.CartLines, [new("$cart_id", cartId)], r =>
        {
            var quantity = r.GetInt64(2);
            var unitCents = r.GetInt64(3);
            return new CartLine(r.GetInt64(0), r.GetString(1), quantity, Money.FromCents(unitCents), Money.FromCents(unitCents * quantity));
        }, sent => 2L * sent, cancellationToken);
        return new CartView(cartId, lines, lines.Sum(l => l.LineTotal));
    }
}
