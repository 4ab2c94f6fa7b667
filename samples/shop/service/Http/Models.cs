namespace Hypercare.Samples.Shop.Http;

// The JSON shapes of the shop. Property names are written in snake_case (see ShopApp), prices in the
// currency's unit with two decimals.

internal sealed record ProductSummary(long Id, string Sku, string Name, string Category, decimal Price, double Rating, long Stock);

internal sealed record ProductDetail(
    long Id, string Sku, string Name, string Category, decimal Price, double Rating, long Stock, string Description);

internal sealed record ProductPage(int Page, int Size, long Total, IReadOnlyList<ProductSummary> Items);

internal sealed record SearchResult(
    string Category, decimal MinPrice, decimal MaxPrice, string Sort, IReadOnlyList<ProductSummary> Items);

internal sealed record LoginResponse(string Token, long UserId, string TokenType);

internal sealed record CartLine(long ProductId, string Name, long Quantity, decimal UnitPrice, decimal LineTotal);

internal sealed record CartView(long CartId, IReadOnlyList<CartLine> Items, decimal Total);

internal sealed record OrderView(long OrderId, long CartId, decimal Total, string Status, string AuthorizationId);

internal sealed record PaymentRequest(long CartId, decimal Amount, string Currency);

internal sealed record PaymentAuthorization(string AuthorizationId, bool Approved, decimal Amount, string Currency);

internal static class Money
{
    public static decimal FromCents(long cents) => cents / 100m;

    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
}
