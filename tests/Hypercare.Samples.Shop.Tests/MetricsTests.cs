using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Hypercare.Samples.Shop.Metrics;

namespace Hypercare.Samples.Shop.Tests;

/// <summary>
/// A test that needs promtool (Debian's package prometheus). Without it the test is skipped, except under CI
/// (CI=true), where a missing tool must fail rather than pass as a skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PromtoolFactAttribute : FactAttribute
{
    public static readonly string? Promtool = Find();

    public PromtoolFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (Promtool is null && !ci)
            Skip = "promtool is not installed; apt-get install prometheus provides it";
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "promtool")).FirstOrDefault(File.Exists);
}

/// <summary>/metrics in the Prometheus text format 0.0.4.</summary>
public sealed class MetricsTests
{
    private static readonly string[] Families =
    [
        "http_requests_total counter", "http_request_duration_seconds histogram", "shop_db_pool_size gauge",
        "shop_db_pool_in_use gauge", "shop_db_pool_waiting gauge", "shop_db_pool_wait_seconds histogram",
        "shop_db_query_duration_seconds histogram", "shop_payment_duration_seconds histogram",
        "process_cpu_seconds_total counter", "process_resident_memory_bytes gauge", "dotnet_gc_collections_total counter",
        "dotnet_gc_pause_seconds_total counter", "dotnet_threadpool_queue_length gauge", "dotnet_threadpool_threads gauge",
    ];

    [Fact]
    public async Task Every_family_has_help_and_type_lines_and_samples_only_of_its_own()
    {
        await using var shop = await JourneyShopAsync();
        using var response = await shop.Client.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        foreach (var family in Families)
            Assert.Contains("# TYPE " + family, lines);
        string? current = null;
        string? type = null;
        var helped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                current = line.Split(' ')[2];
                Assert.True(helped.Add(current), $"{current} is described twice");
                continue;
            }
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                Assert.Equal(current, line.Split(' ')[2]);
                type = line.Split(' ')[3];
                continue;
            }
            Assert.NotNull(current);
            var name = line[..line.IndexOfAny(['{', ' '])];
            var allowed = type == "histogram"
                ? new[] { current + "_bucket", current + "_sum", current + "_count" }
                : [current];
            Assert.Contains(name, allowed);
            Assert.True(double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                || line.EndsWith("+Inf", StringComparison.Ordinal), line);
        }
        Assert.Contains(lines, l => l.StartsWith("shop_db_query_duration_seconds_count{query=\"search_products\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("http_request_duration_seconds_bucket{route=\"/api/products/{id}\",le=\"0.005\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dotnet_gc_collections_total{generation=\"2\"} ", StringComparison.Ordinal));
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_the_count()
    {
        var histogram = new Histogram([0.1, 1]);
        foreach (var value in new[] { 0.05, 0.1, 0.5, 3 })
            histogram.Observe(value);
        var writer = new PrometheusTextWriter();
        writer.Family("latency_seconds", "histogram", "Latency.");
        writer.Histogram("latency_seconds", histogram, ("route", "/a"));
        Assert.Equal(
            "# HELP latency_seconds Latency.\n# TYPE latency_seconds histogram\n" +
            "latency_seconds_bucket{route=\"/a\",le=\"0.1\"} 2\n" +
            "latency_seconds_bucket{route=\"/a\",le=\"1\"} 3\n" +
            "latency_seconds_bucket{route=\"/a\",le=\"+Inf\"} 4\n" +
            "latency_seconds_sum{route=\"/a\"} 3.65\n" +
            "latency_seconds_count{route=\"/a\"} 4\n",
            writer.ToString());
    }

    [Fact]
    public void Label_values_and_help_text_are_escaped()
    {
        var writer = new PrometheusTextWriter();
        writer.Family("odd_total", "counter", "A \\ and a\nline.");
        writer.Sample("odd_total", 1, ("route", "a\"b\\c\nd"));
        Assert.Equal("# HELP odd_total A \\\\ and a\\nline.\n# TYPE odd_total counter\nodd_total{route=\"a\\\"b\\\\c\\nd\"} 1\n", writer.ToString());
    }

    [PromtoolFact]
    public async Task Promtool_accepts_the_exposition()
    {
        Assert.NotNull(PromtoolFactAttribute.Promtool);
        await using var shop = await JourneyShopAsync();
        var metrics = await shop.MetricsAsync();
        var start = new ProcessStartInfo(PromtoolFactAttribute.Promtool, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(metrics);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync();
        var errors = await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        Assert.True(promtool.ExitCode == 0, $"promtool: {output}{errors}");
    }

    /// <summary>A shop that has served one purchase, so that every labelled family has samples.</summary>
    private static async Task<RunningShop> JourneyShopAsync()
    {
        var shop = await RunningShop.StartAsync();
        var token = await shop.LoginAsync();
        await shop.Client.GetStringAsync("/api/search?category=books");
        await shop.Client.GetStringAsync("/api/products/1");
        using var add = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/cart/items", token, new { product_id = 1 }));
        var cartId = (await add.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("cart_id").GetInt64();
        using var checkout = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", token, new { cart_id = cartId }));
        checkout.EnsureSuccessStatusCode();
        return shop;
    }
}
