using Hypercare.Samples.Shop.Data;
using Microsoft.Data.Sqlite;

namespace Hypercare.Samples.Shop.Tests;

/// <summary>
/// The search is slow by design, and the reason is in SQLite's plan rather than in timings: it scans the
/// whole products table, and an index on (category, rating) turns the scan into an index search.
/// </summary>
public sealed class QueryPlanTests
{
    [Fact]
    public async Task The_search_scans_all_products_until_an_index_on_category_and_rating_exists()
    {
        await using var shop = await RunningShop.StartAsync();
        using var connection = new SqliteConnection($"Data Source={shop.Options.DatabasePath};Pooling=False");
        connection.Open();

        var before = Plan(connection, ShopSql.SearchProducts.Sql);
        Assert.Contains(before, step => step.StartsWith("SCAN products", StringComparison.Ordinal));
        Assert.DoesNotContain(before, step => step.Contains("INDEX", StringComparison.Ordinal));
        // A primary-key lookup is already cheap: no scan.
        Assert.Contains(Plan(connection, ShopSql.ProductById.Sql), step => step.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal));

        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE INDEX products_by_category_rating ON products (category, rating)";
            create.ExecuteNonQuery();
        }
        var after = Plan(connection, ShopSql.SearchProducts.Sql);
        Assert.Contains(after, step => step.Contains("USING INDEX products_by_category_rating", StringComparison.Ordinal));
        Assert.DoesNotContain(after, step => step.StartsWith("SCAN products", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }

    private static List<string> Plan(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$id", "$category", "$min_price", "$max_price" })
            command.Parameters.AddWithValue(name, name == "$category" ? "books" : 1);
        var steps = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            steps.Add(reader.GetString(3));
        return steps;
    }
}
