using System.Net.Http.Json;
using Hypercare.Samples.Shop.Data;

namespace Hypercare.Samples.Shop.Http;

/// <summary>
/// Checkout: prices the cart, has the payment provider authorize the amount, then records the order. The
/// request keeps its database connection while it waits for the payment provider, a common mistake kept on
/// purpose: under checkout load the slow dependency drains the connection pool.
/// </summary>
internal static class CheckoutEndpoints
{
    public const string PaymentClient = "payments";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/api/checkout", Checkout);

    private static async Task<IResult> Checkout(HttpContext context, ShopContext shop, IHttpClientFactory clients,
        CancellationToken cancellationToken)
    {
        if (Sessions.TokenOf(context.Request) is not { } token)
            return Sessions.SignInRequired(context);
        var (body, problem) = await RequestBody.ReadAsync(context.Request, cancellationToken);
        if (body is null)
            return problem!;
        var cartId = body.Integer("cart_id", 1, long.MaxValue);
        if (body.Problem() is { } invalid)
            return invalid;

        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        if (await Sessions.UserAsync(lease, token, cancellationToken) is not { } userId)
            return Sessions.SignInRequired(context);
        var carts = await lease.QueryAsync(ShopSql.CartById, [new("$cart_id", cartId)],
            r => (UserId: r.GetInt64(1), Status: r.GetString(2)), sent => sent, cancellationToken);
        if (carts.Count == 0 || carts[0].UserId != userId)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Cart not found.",
                detail: $"You have no cart with id {cartId}.");
        if (carts[0].Status != "open")
            return CartClosed(cartId, carts[0].Status);
        var cart = await CartEndpoints.ViewAsync(lease, cartId, cancellationToken);
        if (cart.Items.Count == 0)
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The cart is empty.",
                detail: $"Add items to cart {cartId} with POST /api/cart/items before checking out.");

        var authorization = await AuthorizeAsync(shop, clients, new PaymentRequest(cartId, cart.Total, "USD"), cancellationToken);
        if (authorization is not { Approved: true })
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Payment failed.",
                detail: "The payment provider did not authorize the amount.");

        lease.BeginWrite();
        if (await lease.ExecuteAsync(ShopSql.CloseCart, [new("$cart_id", cartId)], changed => changed, cancellationToken) == 0)
        {
            // Another checkout of the same cart won the race.
            lease.Rollback();
            return CartClosed(cartId, "ordered");
        }
        await lease.ExecuteAsync(ShopSql.TakeStock, [new("$cart_id", cartId)], changed => 2L * changed, cancellationToken);
        var orderIds = await lease.QueryAsync(ShopSql.InsertOrder,
            [
                new("$user_id", userId), new("$cart_id", cartId), new("$total_cents", Money.ToCents(cart.Total)),
                new("$authorization_id", authorization.AuthorizationId), new("$created_at", shop.Now()),
            ],
            r => r.GetInt64(0), _ => 0, cancellationToken);
        lease.Commit();
        return Results.Json(new OrderView(orderIds[0], cartId, cart.Total, "paid", authorization.AuthorizationId),
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<PaymentAuthorization?> AuthorizeAsync(ShopContext shop, IHttpClientFactory clients,
        PaymentRequest payment, CancellationToken cancellationToken)
    {
        var started = shop.Time.GetTimestamp();
        try
        {
            var client = clients.CreateClient(PaymentClient);
            using var response = await client.PostAsJsonAsync(
                new Uri(new Uri(shop.PaymentAddress), "/payments/authorize"), payment, ShopApp.Json, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return null;
            return await response.Content.ReadFromJsonAsync<PaymentAuthorization>(ShopApp.Json, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        finally
        {
            shop.Metrics.PaymentDuration.Observe(shop.Time.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static IResult CartClosed(long cartId, string status) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The cart is closed.",
            detail: $"Cart {cartId} is {status}; start a new one with POST /api/cart or add items with POST /api/cart/items.");
}
