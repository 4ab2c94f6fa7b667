using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Samples.Shop.Tests;

/// <summary>
/// A real shop on 127.0.0.1 with a free port and its own temporary data folder, and a client for it that
/// keeps cookies. Disposing it stops the shop and deletes the folder.
/// </summary>
public sealed class RunningShop : IAsyncDisposable
{
    private RunningShop(WebApplication app, ShopOptions options, Uri address)
    {
        App = app;
        Options = options;
        Address = address;
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = address };
    }

    public WebApplication App { get; }

    public ShopOptions Options { get; }

    public Uri Address { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a shop; <paramref name="configure"/> adjusts the small-data defaults of the tests.</summary>
    public static async Task<RunningShop> StartAsync(Action<ShopOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ShopOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = Path.Combine(Path.GetTempPath(), "hypercare-shop-tests", Guid.NewGuid().ToString("N")),
            Products = 500,
            Users = 5,
            PaymentDelay = TimeSpan.FromMilliseconds(5),
            PaymentJitter = TimeSpan.FromMilliseconds(2),
        };
        configure?.Invoke(options);
        var app = ShopApp.Build(options, time ?? TimeProvider.System);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningShop(app, options, new Uri(address));
    }

    /// <summary>Signs in seeded customer <paramref name="n"/> and returns the token of the response.</summary>
    public async Task<string> LoginAsync(int n = 1)
    {
        using var response = await Client.PostAsJsonAsync("/api/login",
            new { email = $"user{n}@shop.example", password = $"password-{n}" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public static HttpRequestMessage WithToken(HttpMethod method, string path, string token, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = JsonContent.Create(json);
        return request;
    }

    public async Task<string> MetricsAsync() => await Client.GetStringAsync("/metrics");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a late reader only leaves a folder in the temporary directory.
        }
    }
}
