using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hypercare.Samples.Shop.Data;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Samples.Shop.Tests;

/// <summary>The slow-query log, read back the way a MySQL slow-log tool reads it.</summary>
public sealed partial class SlowLogTests
{
    [Fact]
    public async Task Every_event_has_its_header_lines_and_one_statement_ending_in_a_semicolon()
    {
        await using var shop = await RunningShop.StartAsync(o => o.LongQueryTime = TimeSpan.Zero);
        var token = await shop.LoginAsync(2);
        await shop.Client.GetStringAsync("/api/products?page=3&size=5");
        var found = await shop.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/search?category=garden&min_price=10&max_price=50.5&sort=rating");
        await shop.Client.GetStringAsync("/api/products/42");
        using var add = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/cart/items", token, new { product_id = 42, quantity = 3 }));
        var cartId = (await add.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("cart_id").GetInt64();
        using var checkout = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", token, new { cart_id = cartId }));
        checkout.EnsureSuccessStatusCode();

        var text = await File.ReadAllTextAsync(shop.Options.EffectiveSlowLogPath);
        var lines = text.Split('\n');
        Assert.Matches(@"^/usr/sbin/mysqld, Version: \S+ .*started with:$", lines[0]);
        Assert.Matches(@"^Tcp port: 0  Unix socket: \S+shop\.db$", lines[1]);
        Assert.Equal("Time                 Id Command    Argument", lines[2]);

        var events = SlowLog.Parse(text);
        Assert.True(events.Count >= 12, $"only {events.Count} events");
        foreach (var e in events)
        {
            Assert.Matches(@"^# Time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", e.Time);
            Assert.Matches(@"^# User@Host: shop\[shop\] @ localhost \[\]  Id: +\d+$", e.UserHost);
            Assert.Matches(@"^# Query_time: \d+\.\d{6}  Lock_time: \d+\.\d{6} Rows_sent: \d+  Rows_examined: \d+$", e.Stats);
            Assert.Matches(@"^SET timestamp=\d+;$", e.Timestamp);
            Assert.EndsWith(";", e.Statement, StringComparison.Ordinal);
            Assert.DoesNotContain("$", e.Statement, StringComparison.Ordinal);
        }
        Assert.Equal(events.Select(e => e.Time).Order(StringComparer.Ordinal), events.Select(e => e.Time));
        // "use shop;" precedes the first event of each connection, and only that one.
        var byConnection = events.GroupBy(e => e.ConnectionId);
        Assert.All(byConnection, g => Assert.Equal(1, g.Count(e => e.UsesDatabase)));
        Assert.True(events.First(e => e.ConnectionId == events[0].ConnectionId).UsesDatabase);

        var search = Assert.Single(events, e => e.Statement.Contains("FROM products WHERE category", StringComparison.Ordinal));
        Assert.Equal(
            "SELECT id, sku, name, category, price_cents, rating, stock FROM products WHERE category = 'garden' " +
            "AND price_cents BETWEEN 1000 AND 5050 ORDER BY rating DESC LIMIT 20;", search.Statement);
        Assert.Equal(500, search.RowsExamined);
        Assert.Equal(found.GetProperty("items").GetArrayLength(), search.RowsSent);

        // Viewing the product and putting it in the cart both look it up by its key.
        var lookups = events.Where(e => e.Statement.EndsWith("FROM products WHERE id = 42;", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lookups.Count);
        Assert.All(lookups, e => Assert.Equal(1, e.RowsExamined));
        var browse = Assert.Single(events, e => e.Statement.Contains("ORDER BY id LIMIT 5 OFFSET 10;", StringComparison.Ordinal));
        Assert.Equal(15, browse.RowsExamined);
        Assert.Contains(events, e => e.Statement.StartsWith("SELECT id, password_salt, password_hash FROM users WHERE email = 'user2@shop.example';", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Statement.StartsWith("INSERT INTO orders", StringComparison.Ordinal));
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_times_come_from_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 15, 53, 9, 123, 456, TimeSpan.Zero));
        await using var shop = await RunningShop.StartAsync(o => o.LongQueryTime = TimeSpan.Zero, clock);
        await shop.Client.GetStringAsync("/api/products/5");

        var e = Assert.Single(SlowLog.Parse(await File.ReadAllTextAsync(shop.Options.EffectiveSlowLogPath)));
        Assert.Equal("# Time: 2026-11-26T15:53:09.123456Z", e.Time);
        Assert.Equal("SET timestamp=1795708389;", e.Timestamp);
        // A frozen clock measures nothing: every duration is zero.
        Assert.Equal("# Query_time: 0.000000  Lock_time: 0.000000 Rows_sent: 1  Rows_examined: 1", e.Stats);
    }

    [Fact]
    public async Task Statements_faster_than_long_query_time_are_not_logged()
    {
        await using var shop = await RunningShop.StartAsync(o => o.LongQueryTime = TimeSpan.FromHours(1));
        await shop.Client.GetStringAsync("/api/search?category=books");
        var text = await File.ReadAllTextAsync(shop.Options.EffectiveSlowLogPath);
        Assert.Empty(SlowLog.Parse(text));
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(null, "NULL")]
    [InlineData(42L, "42")]
    [InlineData(true, "1")]
    [InlineData(2.5, "2.5")]
    [InlineData("plain", "'plain'")]
    [InlineData("O'Brien", @"'O\'Brien'")]
    [InlineData("back\\slash", @"'back\\slash'")]
    [InlineData("two\nlines\r", @"'two\nlines\r'")]
    [InlineData("say \"hi\"", "'say \\\"hi\\\"'")]
    [InlineData("nul\0", @"'nul\0'")]
    public void Values_are_inlined_as_mysql_literals(object? value, string literal) =>
        Assert.Equal(literal, SqlText.Literal(value));

    [Fact]
    public void Inlining_keeps_quoted_text_and_folds_whitespace()
    {
        var text = SqlText.Inline("SELECT id\n  FROM carts WHERE status = 'open $x' AND user_id = $user_id",
            [new QueryArg("$user_id", 7L), new QueryArg("$x", "unused")]);
        Assert.Equal("SELECT id FROM carts WHERE status = 'open $x' AND user_id = 7;", text);
        Assert.Equal("X'00FF';", SqlText.Inline("$b", [new QueryArg("$b", new byte[] { 0, 255 })]));
    }

    /// <summary>A slow log split into its events.</summary>
    internal static partial class SlowLog
    {
        public static List<Event> Parse(string text)
        {
            var events = new List<Event>();
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("# Time: ", StringComparison.Ordinal))
                    continue;
                var time = lines[i];
                var userHost = lines[i + 1];
                var stats = lines[i + 2];
                var next = i + 3;
                var usesDatabase = lines[next] == "use shop;";
                if (usesDatabase)
                    next++;
                var timestamp = lines[next];
                var statement = lines[next + 1];
                var s = StatsPattern().Match(stats);
                events.Add(new Event(time, userHost, stats, usesDatabase, timestamp, statement,
                    int.Parse(IdPattern().Match(userHost).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    s.Success ? long.Parse(s.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1,
                    s.Success ? long.Parse(s.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : -1));
                i = next + 1;
            }
            return events;
        }

        [GeneratedRegex(@"Id: +(\d+)$")]
        private static partial Regex IdPattern();

        [GeneratedRegex(@"Rows_sent: (\d+)  Rows_examined: (\d+)$")]
        private static partial Regex StatsPattern();
    }

    internal sealed record Event(string Time, string UserHost, string Stats, bool UsesDatabase, string Timestamp,
        string Statement, int ConnectionId, long RowsSent, long RowsExamined);
}
