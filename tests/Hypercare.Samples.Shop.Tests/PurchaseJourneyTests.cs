using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hypercare.Samples.Shop.Tests;

/// <summary>The shop's API over real HTTP, the way a customer (or a stress plan) uses it.</summary>
public sealed class PurchaseJourneyTests
{
    [Fact]
    public async Task A_customer_logs_in_browses_searches_views_a_product_fills_a_cart_and_checks_out()
    {
        await using var shop = await RunningShop.StartAsync();
        var token = await shop.LoginAsync(3);

        var page = await shop.Client.GetFromJsonAsync<JsonElement>("/api/products?page=2&size=10");
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(500, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        Assert.Equal(11, items[0].GetProperty("id").GetInt64());

        var search = await shop.Client.GetFromJsonAsync<JsonElement>("/api/search?category=books&min_price=5&max_price=400&sort=rating");
        var found = search.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(found);
        Assert.All(found, p =>
        {
            Assert.Equal("books", p.GetProperty("category").GetString());
            Assert.InRange(p.GetProperty("price").GetDecimal(), 5m, 400m);
        });
        var ratings = found.Select(p => p.GetProperty("rating").GetDouble()).ToList();
        Assert.Equal(ratings.OrderDescending(), ratings);

        var productId = found[0].GetProperty("id").GetInt64();
        var product = await shop.Client.GetFromJsonAsync<JsonElement>($"/api/products/{productId}");
        Assert.Equal(productId, product.GetProperty("id").GetInt64());
        Assert.False(string.IsNullOrEmpty(product.GetProperty("description").GetString()));
        var price = product.GetProperty("price").GetDecimal();

        using var add = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/cart/items", token,
            new { product_id = productId, quantity = 2 }));
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var cart = await add.Content.ReadFromJsonAsync<JsonElement>();
        var cartId = cart.GetProperty("cart_id").GetInt64();
        Assert.Equal(2 * price, cart.GetProperty("total").GetDecimal());
        var line = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal(2, line.GetProperty("quantity").GetInt64());

        using var checkout = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", token,
            new { cart_id = cartId }));
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        var order = await checkout.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(order.GetProperty("order_id").GetInt64() > 0);
        Assert.Equal(2 * price, order.GetProperty("total").GetDecimal());
        Assert.StartsWith("auth-", order.GetProperty("authorization_id").GetString(), StringComparison.Ordinal);

        var metrics = await shop.MetricsAsync();
        Assert.Contains("http_requests_total{route=\"/api/checkout\",method=\"POST\",status=\"201\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("http_requests_total{route=\"/payments/authorize\",method=\"POST\",status=\"200\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("shop_payment_duration_seconds_count 1", metrics, StringComparison.Ordinal);

        // The checked-out cart is closed: the next GET starts a new, empty one.
        using var next = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Get, "/api/cart", token));
        var nextCart = await next.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(cartId, nextCart.GetProperty("cart_id").GetInt64());
        Assert.Empty(nextCart.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_session_cookie_set_by_login_authorizes_the_cart_without_a_token()
    {
        await using var shop = await RunningShop.StartAsync();
        await shop.LoginAsync(1);
        Assert.Contains(shop.Cookies.GetCookies(shop.Address).Cast<Cookie>(), c => c.Name == "shop_session" && c.HttpOnly);

        using var created = await shop.Client.PostAsync("/api/cart", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var add = await shop.Client.PostAsJsonAsync("/api/cart/items", new { product_id = 7 });
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var cart = await add.Content.ReadFromJsonAsync<JsonElement>();
        var createdCart = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(createdCart.GetProperty("cart_id").GetInt64(), cart.GetProperty("cart_id").GetInt64());
        Assert.Equal(1, Assert.Single(cart.GetProperty("items").EnumerateArray()).GetProperty("quantity").GetInt64());
    }

    [Fact]
    public async Task Checkout_without_a_session_is_401_problem_json()
    {
        await using var shop = await RunningShop.StartAsync();
        using var response = await shop.Client.PostAsJsonAsync("/api/checkout", new { cart_id = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);

        using var forged = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", "not-a-session",
            new { cart_id = 1 }));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_sets_no_cookie()
    {
        await using var shop = await RunningShop.StartAsync();
        using var response = await shop.Client.PostAsJsonAsync("/api/login", new { email = "user1@shop.example", password = "password-2" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(shop.Cookies.GetCookies(shop.Address));
    }

    [Fact]
    public async Task An_unknown_product_is_404_problem_json()
    {
        await using var shop = await RunningShop.StartAsync();
        using var response = await shop.Client.GetAsync("/api/products/999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("999999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"product_id\": \"seven\"}", "product_id")]
    [InlineData("{\"quantity\": 1}", "product_id")]
    [InlineData("{\"product_id\": 7, \"quantity\": 0}", "quantity")]
    [InlineData("{\"product_id\": 7,", "body")]
    [InlineData("[7]", "body")]
    public async Task A_bad_cart_item_body_is_400_naming_the_field(string body, string field)
    {
        await using var shop = await RunningShop.StartAsync();
        var token = await shop.LoginAsync();
        var request = RunningShop.WithToken(HttpMethod.Post, "/api/cart/items", token);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await shop.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/search?min_price=1", "category")]
    [InlineData("/api/search?category=books&min_price=cheap", "min_price")]
    [InlineData("/api/search?category=books&min_price=50&max_price=10", "max_price")]
    [InlineData("/api/search?category=books&sort=name", "sort")]
    [InlineData("/api/products?size=1000", "size")]
    [InlineData("/api/products/abc", "id")]
    public async Task A_bad_query_is_400_naming_the_parameter(string path, string parameter)
    {
        await using var shop = await RunningShop.StartAsync();
        using var response = await shop.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_cart_cannot_be_checked_out_twice_nor_when_empty()
    {
        await using var shop = await RunningShop.StartAsync();
        var token = await shop.LoginAsync();
        using var empty = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/cart", token));
        var emptyCartId = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cart_id").GetInt64();
        using var emptyCheckout = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", token, new { cart_id = emptyCartId }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, emptyCheckout.StatusCode);

        using var add = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/cart/items", token, new { product_id = 1 }));
        var cartId = (await add.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cart_id").GetInt64();
        Assert.Equal(emptyCartId, cartId);
        using var first = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", token, new { cart_id = cartId }));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", token, new { cart_id = cartId }));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var other = await shop.LoginAsync(2);
        using var foreign = await shop.Client.SendAsync(RunningShop.WithToken(HttpMethod.Post, "/api/checkout", other, new { cart_id = cartId }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var shop = await RunningShop.StartAsync();
        var health = await shop.Client.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_catalog()
    {
        await using var first = await RunningShop.StartAsync();
        await using var second = await RunningShop.StartAsync();
        var a = await first.Client.GetStringAsync("/api/search?category=toys");
        var b = await second.Client.GetStringAsync("/api/search?category=toys");
        Assert.Equal(a, b);
        Assert.Equal(await first.Client.GetStringAsync("/api/products/123"), await second.Client.GetStringAsync("/api/products/123"));
    }
}
