using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hypercare.Data;
using Hypercare.Data.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Server.Tests;

/// <summary>The engagement flow through the API, once per database provider.</summary>
public abstract class ApiFlowContract
{
    protected abstract string Provider { get; }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    protected async Task FromRequestToImplementationThroughTheApi()
    {
        await using var app = await HypercareApp.SeededAsync(Provider);
        var e = $"/api/v1/engagements/{app.EngagementId}";
        var provider = app.Client(Caller.ProviderAdministrator);
        var customer = app.Client(Caller.CustomerProjectManager);

        await Ok(await provider.PostAsJsonAsync($"{e}/request/accept", new { note = "objectives clear" }));
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 1, 15, 0, 0, TimeSpan.Zero));
        await Ok(await provider.PostAsJsonAsync($"{e}/transitions", new { to = "ordered", reason = "order placed" }));
        await Ok(await customer.PostAsJsonAsync($"{e}/transitions", new { to = "preparation" }));

        var blocked = await provider.PostAsJsonAsync($"{e}/transitions", new { to = "implementation" });
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var problem = JsonDocument.Parse(await blocked.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["prerequisites-missing", "plan-missing"], problem.GetProperty("errors").EnumerateArray().Select(x => x.GetProperty("code").GetString()));

        foreach (var kind in new[] { "sites", "equipment", "permissions", "non-production-environments", "remote-access-channels", "business-objectives" })
            await Ok(await app.Client(Caller.CustomerEngineer).PostAsJsonAsync($"{e}/prerequisites", new { kind }));
        await Ok(await app.Client(Caller.ServiceManager).PostAsJsonAsync($"{e}/plan/items", new { title = "Readiness workshop", start = "2027-10-06", due = "2027-10-08", service = "readiness-assessment" }));
        var sha = (await Ok(await customer.GetAsync(e))).GetProperty("work_plan")[0].GetProperty("items").GetArrayLength();
        Assert.Equal(1, sha);
        var confirmed = await Ok(await customer.PostAsJsonAsync($"{e}/plan/confirmations", new { reference = "in-app", channel = "in-app" }));
        Assert.Equal("dana.whitfield@shop.example", confirmed.GetProperty("work_plan")[0].GetProperty("confirmation").GetProperty("by").GetString());
        var moved = await Ok(await provider.PostAsJsonAsync($"{e}/transitions", new { to = "implementation" }));
        Assert.Equal("implementation", moved.GetProperty("state").GetString());

        var timeline = await Ok(await app.Client(Caller.Observer).GetAsync($"{e}/timeline"));
        Assert.Contains(timeline.EnumerateArray(), x => x.GetProperty("type").GetString() == "state-changed" && x.GetProperty("by").GetString() == "dana.whitfield@shop.example");

        var audit = await Ok(await provider.GetAsync("/api/v1/audit/verify"));
        Assert.True(audit.GetProperty("intact").GetBoolean(), audit.ToString());

        // Export and import again for the same customer: the definition survives.
        var export = await Ok(await provider.GetAsync($"{e}/export"));
        var again = await Ok(await provider.PostAsJsonAsync($"/api/v1/engagements?organization_id={app.CustomerId}", new { file = export.GetProperty("file").GetString() }));
        Assert.Equal((await Ok(await provider.GetAsync(e))).GetProperty("definition").GetProperty("objectives").ToString(), again.GetProperty("definition").GetProperty("objectives").ToString());
        Assert.Equal(6, again.GetProperty("prerequisites").GetArrayLength());
    }

    protected async Task TamperedAuditRowIsNamedByTheApi()
    {
        await using var app = await HypercareApp.SeededAsync(Provider);
        await using (var db = await HypercareDatabase.OpenAsync(app.Database))
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET details = '{{}}' WHERE sequence = 3");
        var audit = JsonDocument.Parse(await app.Client(Caller.ProviderAdministrator).GetStringAsync("/api/v1/audit/verify")).RootElement;
        Assert.False(audit.GetProperty("intact").GetBoolean());
        var first = audit.GetProperty("breaks")[0];
        Assert.Equal(3, first.GetProperty("sequence").GetInt64());
        Assert.Equal("edited", first.GetProperty("kind").GetString());
    }
}

public sealed class SqliteApiFlowTests : ApiFlowContract
{
    protected override string Provider => "sqlite";
    [Fact] public Task FromRequestToImplementation_ThroughTheApi() => FromRequestToImplementationThroughTheApi();
    [Fact] public Task TamperedAuditRow_IsNamedByTheApi() => TamperedAuditRowIsNamedByTheApi();
}

public sealed class PostgresApiFlowTests : ApiFlowContract
{
    protected override string Provider => "postgres";
    [PostgresFact] public Task FromRequestToImplementation_ThroughTheApi() => FromRequestToImplementationThroughTheApi();
    [PostgresFact] public Task TamperedAuditRow_IsNamedByTheApi() => TamperedAuditRowIsNamedByTheApi();
}

/// <summary>Accounts, tokens and the protections around them.</summary>
public class AccountTests
{
    [Fact]
    public async Task SetupLink_IsPrintedOnce_WorksOnce_AndNeverReachesTheLogs()
    {
        await using var app = await HypercareApp.EmptyAsync("sqlite");
        var token = app.SetupToken();
        Assert.Equal(32, token.Length);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(app.Console.ToString(), "setup\\?token="));
        var anonymous = app.Client(Caller.Anonymous);
        var body = new { token, organization = "Hypercare Services", name = "Ravi Menon", email = "ravi@hypercare.example", password = HypercareApp.Password };
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/api/v1/setup", body with { token = "wrong" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/setup", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync("/api/v1/setup", body)).StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_ApiCall_Is401ProblemDetails_NeverARedirect()
    {
        await using var app = await HypercareApp.EmptyAsync("sqlite");
        var client = app.CookieClient();
        var response = await client.GetAsync("/api/v1/engagements");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_IsServedAnonymously_AndNamesEveryEndpoint()
    {
        await using var app = await HypercareApp.EmptyAsync("sqlite");
        var response = await app.Client(Caller.Anonymous).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString())).ToHashSet();
        foreach (var (name, _, _) in AuthorizationMatrixContract.Endpoints(app.Services))
            Assert.Contains(name, operations);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        foreach (var (client, url) in new[] { (app.Client(Caller.Anonymous), "/api/v1/engagements"), (app.Client(Caller.CustomerEngineer), "/api/v1/engagements"), (app.Client(Caller.OtherCustomer), $"/api/v1/engagements/{app.EngagementId}"), (app.Client(Caller.Anonymous), "/openapi/v1.json") })
        {
            var response = await client.GetAsync(url);
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task SignIn_IsRateLimited_AndTheCookieIsHttpOnlyAndStrict()
    {
        await using var app = await HypercareApp.EmptyAsync("sqlite", signInPermits: 3);
        var client = app.Client(Caller.Anonymous);
        await client.PostAsJsonAsync("/api/v1/setup", new { token = app.SetupToken(), organization = "P", name = "Ravi", email = "ravi@hypercare.example", password = HypercareApp.Password });
        var ok = await client.PostAsJsonAsync("/api/v1/auth/signin", new { email = "ravi@hypercare.example", password = HypercareApp.Password });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var cookie = ok.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hypercare=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/signin", new { email = "ravi@hypercare.example", password = "wrong wrong wrong" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/signin", new { email = "nobody@x.example", password = "wrong wrong wrong" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/v1/auth/signin", new { email = "ravi@hypercare.example", password = HypercareApp.Password })).StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var client = app.Client(Caller.Anonymous);
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/v1/auth/signin", new { email = "sam.okafor@shop.example", password = "not the password" });
        var locked = await client.PostAsJsonAsync("/api/v1/auth/signin", new { email = "sam.okafor@shop.example", password = HypercareApp.Password });
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Contains("locked-out", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tokens_AreHashedAtRest_ScopedAndExpiring()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var issued = JsonDocument.Parse(await (await app.Client(Caller.CustomerProjectManager).PostAsJsonAsync("/api/v1/tokens", new { name = "read-only", scope = "read", expires_in_days = 7 })).Content.ReadAsStringAsync()).RootElement;
        var secret = issued.GetProperty("secret").GetString()!;
        Assert.StartsWith("hc_", secret);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HypercareDbContext>();
            var rows = await db.AccessTokens.AsNoTracking().ToListAsync();
            Assert.DoesNotContain(rows, r => r.Hash.Contains(secret, StringComparison.Ordinal) || r.Prefix == secret);
            Assert.Contains(rows, r => r.Hash == Auth.AccessTokenSecrets.Hash(secret));
        }

        var reader = app.WithToken(secret);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/engagements")).StatusCode);
        var write = await reader.PostAsJsonAsync($"/api/v1/engagements/{app.EngagementId}/register", new { kind = "risk", title = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("token-scope", await write.Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync("/api/v1/engagements")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken("hc_not-a-real-token").GetAsync("/api/v1/engagements")).StatusCode);
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var client = app.Client(Caller.CustomerEngineer);
        var issued = JsonDocument.Parse(await (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "short", scope = "read" })).Content.ReadAsStringAsync()).RootElement;
        var token = app.WithToken(issued.GetProperty("secret").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/tokens/{issued.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Customers_SeeOnlyTheirOwnOrganizationsEngagements()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var mine = JsonDocument.Parse(await app.Client(Caller.CustomerEngineer).GetStringAsync("/api/v1/engagements")).RootElement;
        var other = JsonDocument.Parse(await app.Client(Caller.OtherCustomer).GetStringAsync("/api/v1/engagements")).RootElement;
        Assert.Equal(1, mine.GetArrayLength());
        Assert.Equal(0, other.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(Caller.OtherCustomer).GetAsync($"/api/v1/engagements/{app.EngagementId}")).StatusCode);
        var orgs = JsonDocument.Parse(await app.Client(Caller.OtherCustomer).GetStringAsync("/api/v1/organizations")).RootElement;
        Assert.Equal(["Other Retail Ltd."], orgs.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Import_BrokenYaml_IsA400WithTheLocation()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var yaml = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml"))).Replace("edition: standard", "edition: gold", StringComparison.Ordinal);
        var response = await app.Client(Caller.ProviderAdministrator).PostAsync($"/api/v1/engagements?organization_id={app.CustomerId}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("engagement.edition", error.GetProperty("field").GetString());
        Assert.Contains("'gold' is not one of", error.GetProperty("message").GetString());
    }
}
