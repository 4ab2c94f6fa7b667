using System.Globalization;
using System.Text.RegularExpressions;
using Hypercare.Samples.Shop.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Samples.Shop.Tests;

/// <summary>The bounded database pool: requests beyond its size wait, and the wait is measured.</summary>
public sealed partial class ConnectionPoolTests
{
    [Fact]
    public async Task A_request_waits_for_the_only_connection_until_it_is_returned()
    {
        await using var shop = await RunningShop.StartAsync(o => o.DbPoolSize = 1);
        var database = shop.App.Services.GetRequiredService<ShopDatabase>();

        Task<string> search;
        await using (await database.LeaseAsync(CancellationToken.None))
        {
            search = shop.Client.GetStringAsync("/api/search?category=books");
            await WaitUntilAsync(async () => Value(await shop.MetricsAsync(), "shop_db_pool_waiting") == 1);
            var metrics = await shop.MetricsAsync();
            Assert.Equal(1, Value(metrics, "shop_db_pool_in_use"));
            Assert.Equal(1, Value(metrics, "shop_db_pool_size"));
            Assert.False(search.IsCompleted);
        }

        Assert.Contains("\"items\"", await search, StringComparison.Ordinal);
        var after = await shop.MetricsAsync();
        Assert.Equal(0, Value(after, "shop_db_pool_waiting"));
        Assert.Equal(0, Value(after, "shop_db_pool_in_use"));
        Assert.Equal(1, Value(after, "shop_db_pool_queued_total"));
        Assert.True(Value(after, "shop_db_pool_wait_seconds_sum") > 0);
    }

    [Fact]
    public async Task Concurrent_slow_searches_queue_on_a_pool_of_one()
    {
        await using var shop = await RunningShop.StartAsync(o =>
        {
            o.DbPoolSize = 1;
            o.Products = 20_000;
            o.LongQueryTime = TimeSpan.Zero;
        });
        var database = shop.App.Services.GetRequiredService<ShopDatabase>();

        // Holding the only connection until all 24 wait makes them queue whatever the scheduler does.
        Task<string>[] searches;
        await using (await database.LeaseAsync(CancellationToken.None))
        {
            searches = [.. Enumerable.Range(0, 24).Select(i => shop.Client.GetStringAsync(
                $"/api/search?category={ShopSchema.Categories[i % ShopSchema.Categories.Length]}&sort=rating"))];
            await WaitUntilAsync(async () => Value(await shop.MetricsAsync(), "shop_db_pool_waiting") == 24);
        }
        await Task.WhenAll(searches);

        var metrics = await shop.MetricsAsync();
        Assert.Equal(24, Value(metrics, "shop_db_pool_queued_total"));
        Assert.True(Value(metrics, "shop_db_pool_wait_seconds_sum") > 0);
        Assert.Equal(25, Value(metrics, "shop_db_pool_wait_seconds_count")); // the 24 searches and the lease held above

        // Concurrent writers never interleave events in the slow log.
        var events = SlowLogTests.SlowLog.Parse(await File.ReadAllTextAsync(shop.Options.EffectiveSlowLogPath));
        Assert.Equal(24, events.Count(e => e.Statement.StartsWith("SELECT id, sku, name, category, price_cents, rating, stock FROM products WHERE category = '", StringComparison.Ordinal)
            && e.Statement.EndsWith(" ORDER BY rating DESC LIMIT 20;", StringComparison.Ordinal) && e.RowsExamined == 20_000));
    }

    private static double Value(string metrics, string name)
    {
        var match = Regex.Match(metrics, "^" + Regex.Escape(name) + " (\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} is missing");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
                return;
            await Task.Delay(25);
        }
        Assert.Fail("The condition did not become true within 5 seconds.");
    }
}
