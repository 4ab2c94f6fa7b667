using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hypercare.Data.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Server.Tests;

/// <summary>Who calls the API in a test.</summary>
public enum Caller
{
    Anonymous,
    /// <summary>Ravi Menon: the provider's administrator and the engagement's provider project manager.</summary>
    ProviderAdministrator,
    /// <summary>Lena Fischer: the service manager.</summary>
    ServiceManager,
    /// <summary>Tomasz Nowak: an expert engineer.</summary>
    ExpertEngineer,
    /// <summary>Dana Whitfield: the customer's project manager (and its administrator).</summary>
    CustomerProjectManager,
    /// <summary>Sam Okafor: a customer engineer.</summary>
    CustomerEngineer,
    /// <summary>Priya Raman: an observer at the customer.</summary>
    Observer,
    /// <summary>Eve Adler: the administrator of another customer.</summary>
    OtherCustomer,
}

/// <summary>
/// The real server over a real database (SQLite or PostgreSQL), set up through its own API the way a first
/// deployment is: the one-time set-up link, a customer organization, users for every role, tokens, and the
/// sample engagement imported for the customer.
/// </summary>
public sealed class HypercareApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    public static readonly DateTimeOffset Start = new(2027, 9, 1, 14, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;
    private readonly Factory _factory;
    private readonly Dictionary<Caller, HttpClient> _clients = [];

    private HypercareApp(TestDatabase database, FakeTimeProvider clock, StringWriter console, int signInPermits)
    {
        _database = database;
        Clock = clock;
        Console = console;
        _factory = new Factory(database.Connection, clock, console, signInPermits);
    }

    public FakeTimeProvider Clock { get; }
    public StringWriter Console { get; }
    public Guid EngagementId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid OtherCustomerId { get; private set; }
    public IServiceProvider Services => _factory.Services;
    public string Database => _database.Connection;

    public static readonly IReadOnlyDictionary<Caller, (string Email, string Name)> People = new Dictionary<Caller, (string, string)>
    {
        [Caller.ProviderAdministrator] = ("ravi.menon@hypercare.example", "Ravi Menon"),
        [Caller.ServiceManager] = ("lena.fischer@hypercare.example", "Lena Fischer"),
        [Caller.ExpertEngineer] = ("tomasz.nowak@hypercare.example", "Tomasz Nowak"),
        [Caller.CustomerProjectManager] = ("dana.whitfield@shop.example", "Dana Whitfield"),
        [Caller.CustomerEngineer] = ("sam.okafor@shop.example", "Sam Okafor"),
        [Caller.Observer] = ("priya.raman@shop.example", "Priya Raman"),
        [Caller.OtherCustomer] = ("eve.adler@other.example", "Eve Adler"),
    };

    /// <summary>A bare server with no users; with <paramref name="kestrel"/>, on a real loopback port for a browser.</summary>
    public static async Task<HypercareApp> EmptyAsync(string provider, int signInPermits = 10, bool kestrel = false)
    {
        var app = new HypercareApp(await DatabaseProviders.CreateAsync(provider), new FakeTimeProvider(Start), new StringWriter(), signInPermits);
        if (kestrel)
        {
            app._factory.UseKestrel(0);
            app._factory.StartServer();
            app._factory.ClientOptions.BaseAddress = app.Address;
        }
        else
        {
            _ = app._factory.Server; // starts the host, which prints the set-up link
        }
        return app;
    }

    /// <summary>The address a browser reaches the server on (Kestrel only).</summary>
    public Uri Address => new(_factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A server with everyone and the sample engagement.</summary>
    public static async Task<HypercareApp> SeededAsync(string provider, bool kestrel = false)
    {
        var app = await EmptyAsync(provider, signInPermits: 1000, kestrel: kestrel);
        await app.SeedAsync();
        return app;
    }

    /// <summary>The token of the set-up link; the host prints it once it has started, which the test host reports a moment later.</summary>
    public string SetupToken()
    {
        for (var waited = 0; ; waited += 20)
        {
            var match = System.Text.RegularExpressions.Regex.Match(Console.ToString(), @"setup\?token=([A-Za-z0-9_-]+)");
            if (match.Success || waited > 10_000) return match.Groups[1].Value;
            Thread.Sleep(20);
        }
    }

    private async Task SeedAsync()
    {
        var anonymous = _factory.CreateClient();
        var admin = People[Caller.ProviderAdministrator];
        if (SetupToken().Length == 0) throw new InvalidOperationException($"no set-up link on the console: [{Console}]");
        await (await anonymous.PostAsJsonAsync("/api/v1/setup", new { token = SetupToken(), organization = "Hypercare Services", name = admin.Name, email = admin.Email, password = Password })).EnsureOk();
        _clients[Caller.ProviderAdministrator] = await TokenClientAsync(admin.Email);
        var root = _clients[Caller.ProviderAdministrator];
        CustomerId = await IdOf(await root.PostAsJsonAsync("/api/v1/organizations", new { name = "Sample Shop Inc." }));
        OtherCustomerId = await IdOf(await root.PostAsJsonAsync("/api/v1/organizations", new { name = "Other Retail Ltd." }));
        var provider = JsonDocument.Parse(await root.GetStringAsync("/api/v1/me")).RootElement.GetProperty("organization").GetProperty("id").GetGuid();
        foreach (var (caller, (email, name)) in People.Where(p => p.Key != Caller.ProviderAdministrator))
        {
            var organization = caller switch
            {
                Caller.ServiceManager or Caller.ExpertEngineer => provider,
                Caller.OtherCustomer => OtherCustomerId,
                _ => CustomerId,
            };
            var created = await root.PostAsJsonAsync("/api/v1/users", new { email, name, password = Password, organization_id = organization, administrator = caller is Caller.CustomerProjectManager or Caller.OtherCustomer });
            await created.EnsureOk();
            _clients[caller] = await TokenClientAsync(email);
        }
        var yaml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml"));
        var import = await root.PostAsync($"/api/v1/engagements?organization_id={CustomerId}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        EngagementId = await IdOf(import);
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Signs in with the password (cookie), creates a write token, and returns a client that uses the token.</summary>
    private async Task<HttpClient> TokenClientAsync(string email)
    {
        var cookie = CookieClient();
        await (await cookie.PostAsJsonAsync("/api/v1/auth/signin", new { email, password = Password })).EnsureOk();
        var token = await cookie.PostAsJsonAsync("/api/v1/tokens", new { name = "tests", scope = "write", expires_in_days = 365 });
        var secret = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        return WithToken(secret);
    }

    public HttpClient WithToken(string secret)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public HttpClient Client(Caller caller) => caller == Caller.Anonymous ? _factory.CreateClient() : _clients[caller];

    /// <summary>An anonymous client that shows redirects instead of following them.</summary>
    public HttpClient NoRedirectClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = _factory.ClientOptions.BaseAddress });

    public HttpClient CookieClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = _factory.ClientOptions.BaseAddress });

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class Factory(string database, FakeTimeProvider clock, StringWriter console, int signInPermits) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Hypercare:Database", database);
            builder.UseSetting("Hypercare:SignInPermitsPerMinute", signInPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseEnvironment("Production");
            builder.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton(new SetupConsole(console));
            });
        }
    }
}

internal static class ResponseChecks
{
    /// <summary>Like EnsureSuccessStatusCode, with the problem details in the message.</summary>
    public static async Task EnsureOk(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
