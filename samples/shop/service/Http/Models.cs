using System.Text.Json;
using System.Text.Json.Serialization;

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

internal sealed record HealthView(string Status);

/// <summary>
/// Serialization metadata generated at compile time, so that the shop also runs in hosts that have reflection
/// based JSON turned off (trimmed or native AOT builds, file-based apps).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(ProductDetail))]
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(CartView))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(PaymentRequest))]
[JsonSerializable(typeof(PaymentAuthorization))]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class ShopJsonContext : JsonSerializerContext;
