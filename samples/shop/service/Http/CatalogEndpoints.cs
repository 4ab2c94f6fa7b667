using System.Globalization;
using Hypercare.Samples.Shop.Data;
using Microsoft.Data.Sqlite;

namespace Hypercare.Samples.Shop.Http;

/// <summary>Browsing, searching and viewing products; none of them needs a sign-in.</summary>
internal static class CatalogEndpoints
{
    private const decimal HighestPrice = 1_000_000m;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/products", Browse);
        app.MapGet("/api/search", Search);
        app.MapGet("/api/products/{id}", Product);
    }

    private static async Task<IResult> Browse(HttpRequest request, ShopContext shop, CancellationToken cancellationToken)
    {
        if (!TryInteger(request, "page", 1, 1, 1_000_000, out var page, out var problem)
            || !TryInteger(request, "size", 20, 1, 100, out var size, out problem))
            return problem;
        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        var offset = (long)(page - 1) * size;
        var items = await lease.QueryAsync(ShopSql.BrowseProducts,
            [new("$limit", size), new("$offset", offset)], Summary, sent => offset + sent, cancellationToken);
        return Results.Ok(new ProductPage(page, size, shop.Database.ProductRows, items));
    }

    private static async Task<IResult> Search(HttpRequest request, ShopContext shop, CancellationToken cancellationToken)
    {
        var category = request.Query["category"].ToString();
        if (category.Length is 0 or > 50)
            return RequestBody.Invalid("category", "category is required and at most 50 characters, e.g. category=books.");
        if (!TryAmount(request, "min_price", 0m, out var minPrice, out var problem)
            || !TryAmount(request, "max_price", HighestPrice, out var maxPrice, out problem))
            return problem;
        if (minPrice > maxPrice)
            return RequestBody.Invalid("max_price", "max_price must not be below min_price.");
        var sort = request.Query["sort"].ToString();
        if (sort.Length == 0)
            sort = "rating";
        if (sort != "rating")
            return RequestBody.Invalid("sort", "sort must be 'rating', the only order the search offers.");

        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        var items = await lease.QueryAsync(ShopSql.SearchProducts,
            [new("$category", category), new("$min_price", Money.ToCents(minPrice)), new("$max_price", Money.ToCents(maxPrice))],
            Summary, _ => shop.Database.ProductRows, cancellationToken);
        return Results.Ok(new SearchResult(category, minPrice, maxPrice, sort, items));
    }

    private static async Task<IResult> Product(string id, ShopContext shop, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var productId) || productId < 1)
            return RequestBody.Invalid("id", "id must be a positive whole number.");
        await using var lease = await shop.Database.LeaseAsync(cancellationToken);
        var products = await lease.QueryAsync(ShopSql.ProductById, [new("$id", productId)], Detail, sent => sent, cancellationToken);
        return products.Count == 1 ? Results.Ok(products[0]) : ProductNotFound(productId);
    }

    public static IResult ProductNotFound(long id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Product not found.",
            detail: $"No product has id {id}.");

    private static ProductSummary Summary(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Money.FromCents(r.GetInt64(4)), r.GetDouble(5), r.GetInt64(6));

    private static ProductDetail Detail(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Money.FromCents(r.GetInt64(4)), r.GetDouble(5),
        r.GetInt64(6), r.GetString(7));

    private static bool TryInteger(HttpRequest request, string name, int fallback, int min, int max, out int value, out IResult problem)
    {
        problem = Results.Empty;
        value = fallback;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
            return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;
        problem = RequestBody.Invalid(name, $"{name} must be a whole number between {min} and {max}.");
        return false;
    }

    private static bool TryAmount(HttpRequest request, string name, decimal fallback, out decimal value, out IResult problem)
    {
        problem = Results.Empty;
        value = fallback;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
            return true;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value <= HighestPrice)
            return true;
        problem = RequestBody.Invalid(name, $"{name} must be a price between 0 and {HighestPrice}, e.g. {name}=19.99.");
        return false;
    }
}
