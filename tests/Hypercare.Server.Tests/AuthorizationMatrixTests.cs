using System.Net;
using System.Text;
using Hypercare.Data.Tests;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Server.Tests;

/// <summary>
/// Every endpoint the application exposes, read from its own endpoint data source, called by anonymous, by
/// every role and by a user of another customer. An endpoint that is not in the table fails the test, so a new
/// endpoint cannot escape the matrix.
/// </summary>
public abstract class AuthorizationMatrixContract
{
    protected abstract string Provider { get; }

    private static readonly Caller[] Everyone = Enum.GetValues<Caller>().Where(c => c != Caller.Anonymous).ToArray();
    private static readonly Caller[] ProviderSide = [Caller.ProviderAdministrator, Caller.ServiceManager, Caller.ExpertEngineer];
    private static readonly Caller[] Members = [Caller.ProviderAdministrator, Caller.ServiceManager, Caller.ExpertEngineer, Caller.CustomerProjectManager, Caller.CustomerEngineer, Caller.Observer];
    private static readonly Caller[] Working = [.. Members.Where(c => c != Caller.Observer)];

    /// <summary>Who may call each endpoint; engagement endpoints are answered 404 to other customers.</summary>
    private static readonly Dictionary<string, (Caller[] Allowed, bool Anonymous)> Rules = new()
    {
        ["SetUp"] = ([], true),
        ["SignIn"] = ([], true),
        ["SignOut"] = (Everyone, false),
        ["GetMe"] = (Everyone, false),
        ["ListOrganizations"] = (Everyone, false),
        ["CreateOrganization"] = ([Caller.ProviderAdministrator], false),
        ["ListUsers"] = ([Caller.ProviderAdministrator, Caller.CustomerProjectManager, Caller.OtherCustomer], false),
        ["CreateUser"] = ([Caller.ProviderAdministrator, Caller.CustomerProjectManager], false),
        ["ListTokens"] = (Everyone, false),
        ["CreateToken"] = (Everyone, false),
        ["RevokeToken"] = (Everyone, false),
        ["GetCatalog"] = (Everyone, false),
        ["GetRaci"] = (Everyone, false),
        ["CheckRequest"] = (Everyone, false),
        ["QuoteFees"] = (Everyone, false),
        ["VerifyAudit"] = ([Caller.ProviderAdministrator], false),
        ["ListEngagements"] = (Everyone, false),
        ["ImportEngagement"] = (ProviderSide, false),
        ["GetEngagement"] = (Members, false),
        ["GetTimeline"] = (Members, false),
        ["ExportEngagement"] = (Members, false),
        ["ExportEngagementFile"] = (Members, false),
        ["CheckGuards"] = (Members, false),
        ["CanRun"] = (Members, false),
        ["AcceptRequest"] = ([Caller.ProviderAdministrator, Caller.ServiceManager], false),
        ["DeclineRequest"] = ([Caller.ProviderAdministrator, Caller.ServiceManager], false),
        ["Advance"] = ([Caller.ProviderAdministrator, Caller.ServiceManager, Caller.CustomerProjectManager], false),
        ["AddMember"] = ([Caller.ProviderAdministrator, Caller.ServiceManager, Caller.CustomerProjectManager], false),
        ["ProvidePrerequisite"] = ([Caller.CustomerProjectManager, Caller.CustomerEngineer], false),
        ["Authorize"] = ([Caller.CustomerProjectManager], false),
        ["RevokeAuthorization"] = ([Caller.CustomerProjectManager], false),
        ["AddPlanItem"] = (ProviderSide, false),
        ["ConfirmPlan"] = ([Caller.CustomerProjectManager], false),
        ["RejectProposal"] = ([Caller.CustomerProjectManager], false),
        ["RecordRegisterEntry"] = ([Caller.ProviderAdministrator, Caller.ServiceManager, Caller.ExpertEngineer, Caller.CustomerProjectManager], false),
        ["SetRegisterStatus"] = (Working, false),
        ["RecordAction"] = (Working, false),
        ["SetActionStatus"] = (Working, false),
        ["SetDocumentStatus"] = (ProviderSide, false),
        ["ConfirmMilestone"] = ([Caller.CustomerProjectManager], false),
        ["RecordExpiryConversation"] = ([Caller.ProviderAdministrator, Caller.ServiceManager], false),
    };

    /// <summary>A valid body for each endpoint that takes one.</summary>
    private static string? Body(string name, HypercareApp app) => name switch
    {
        "SetUp" => """{"token":"x","organization":"X","name":"X","email":"x@x.example","password":"long enough password"}""",
        "SignIn" => $$"""{"email":"dana.whitfield@shop.example","password":"{{HypercareApp.Password}}"}""",
        "CreateOrganization" => $$"""{"name":"Org {{Guid.NewGuid():N}}"}""",
        "CreateUser" => $$"""{"email":"new-{{Guid.NewGuid():N}}@shop.example","name":"New Person","password":"{{HypercareApp.Password}}","organization_id":"{{app.CustomerId}}"}""",
        "CreateToken" => """{"name":"matrix","scope":"read"}""",
        "CheckRequest" => """{"submitted":"2027-09-01","order":"2027-10-01","country":"US"}""",
        "QuoteFees" => """{"edition":"standard","onsite":[{"date":"2027-11-25"}],"day_rate":100,"country":"US"}""",
        "AcceptRequest" => "{}",
        "DeclineRequest" => """{"reasons":["schedule-infeasible"]}""",
        "Advance" => """{"to":"ordered"}""",
        "AddMember" => $$"""{"name":"New Person","email":"new-{{Guid.NewGuid():N}}@shop.example","role":"customer-engineer"}""",
        "ProvidePrerequisite" => """{"kind":"sites"}""",
        "Authorize" => """{"kind":"virus-detection","reference":"consent.pdf"}""",
        "RevokeAuthorization" => """{"reason":"scan window closed"}""",
        "AddPlanItem" => """{"title":"Workshop","start":"2027-10-06","due":"2027-10-08"}""",
        "ConfirmPlan" => """{"reference":"<m@shop.example>"}""",
        "RejectProposal" => """{"version":1,"item":1,"justification":"The workshop ignores the mobile API, measured at 60% of checkout traffic."}""",
        "RecordRegisterEntry" => """{"kind":"risk","title":"Checkout database has no replica"}""",
        "SetRegisterStatus" => """{"status":"mitigating"}""",
        "RecordAction" => """{"title":"Add a read replica"}""",
        "SetActionStatus" => """{"status":"in-progress"}""",
        "SetDocumentStatus" => """{"document":"service-design","status":"draft"}""",
        "ConfirmMilestone" => """{"milestone":"solution-accepted","reference":"<m1@shop.example>"}""",
        "RecordExpiryConversation" => """{"with":"Dana Whitfield","summary":"Completion by expiry agreed."}""",
        _ => null,
    };

    internal static IReadOnlyList<(string Name, string Method, string Pattern)> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(e => (
                e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? throw new InvalidOperationException($"{e.RoutePattern.RawText} has no name"),
                e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(),
                e.RoutePattern.RawText!))
            .ToList();

    internal static string Url(string pattern, HypercareApp app) => pattern
        .Replace("{id:guid}", app.EngagementId.ToString(), StringComparison.OrdinalIgnoreCase)
        .Replace("{tokenId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{kind}", "virus-detection", StringComparison.Ordinal)
        .Replace("{entry}", "R-1", StringComparison.Ordinal)
        .Replace("{action}", "A-1", StringComparison.Ordinal)
        .Replace("{state}", "ordered", StringComparison.Ordinal)
        .Replace("{activity}", "port-scan", StringComparison.Ordinal)
        + (pattern.EndsWith("/engagements/", StringComparison.Ordinal) ? $"?organization_id={app.CustomerId}" : "");

    internal static HttpRequestMessage Request(string name, string method, string pattern, HypercareApp app)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), Url(pattern, app));
        if (name == "ImportEngagement")
            request.Content = new StringContent(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml")), Encoding.UTF8, "application/yaml");
        else if (Body(name, app) is { } body)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        else if (method != "GET" && method != "DELETE" && name != "SignOut")
            throw new InvalidOperationException($"no sample body for {name}");
        return request;
    }

    protected async Task EveryEndpointAnswersEveryCallerAsTheTableSays()
    {
        await using var app = await HypercareApp.SeededAsync(Provider);
        var endpoints = Endpoints(app.Services);
        Assert.True(endpoints.Count >= 35, $"only {endpoints.Count} endpoints found");
        var unknown = endpoints.Where(e => !Rules.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        Assert.True(unknown.Count == 0, $"endpoints missing from the authorization matrix: {string.Join(", ", unknown)}");

        var failures = new List<string>();
        // Callers without rights go first, so that state changes by those with rights cannot hide a missing check.
        Caller[] order = [Caller.Anonymous, Caller.OtherCustomer, Caller.Observer, Caller.CustomerEngineer, Caller.ExpertEngineer, Caller.CustomerProjectManager, Caller.ServiceManager, Caller.ProviderAdministrator];
        foreach (var (name, method, pattern) in endpoints)
        {
            var (allowed, anonymous) = Rules[name];
            var scoped = pattern.Contains("{id:guid}", StringComparison.Ordinal);
            foreach (var caller in order)
            {
                using var request = Request(name, method, pattern, app);
                using var response = await app.Client(caller).SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = caller switch
                {
                    Caller.Anonymous when anonymous => "any but 401/403/404/500",
                    Caller.Anonymous => "401",
                    Caller.OtherCustomer when scoped => "404",
                    _ when anonymous || allowed.Contains(caller) => "any but 401/403/404/500",
                    _ => "403",
                };
                var ok = expected switch
                {
                    "401" => status == 401,
                    "403" => status == 403,
                    "404" => status == 404,
                    _ => status is not (401 or 403 or 500) && !(status == 404 && name != "RevokeToken"),
                };
                if (!ok) failures.Add($"{name} {method} {pattern} as {caller}: {status}, expected {expected}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

public sealed class SqliteAuthorizationMatrixTests : AuthorizationMatrixContract
{
    protected override string Provider => "sqlite";

    [Fact] public Task EveryEndpoint_AnswersEveryCaller_AsTheTableSays() => EveryEndpointAnswersEveryCallerAsTheTableSays();
}

public sealed class PostgresAuthorizationMatrixTests : AuthorizationMatrixContract
{
    protected override string Provider => "postgres";

    [PostgresFact] public Task EveryEndpoint_AnswersEveryCaller_AsTheTableSays() => EveryEndpointAnswersEveryCallerAsTheTableSays();
}

/// <summary>The browser's pages and forms: none answers anonymous callers except signing in and first set-up.</summary>
public class PageAuthenticationTests
{
    private static readonly HashSet<string> Anonymous = ["/signin", "/setup", "/account/signin", "/account/setup"];

    [Fact]
    public async Task EveryPageAndForm_SendsAnonymousCallersToSignIn()
    {
        await using var app = await HypercareApp.SeededAsync("sqlite");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && !p.StartsWith("/api/", StringComparison.Ordinal) && !p.StartsWith("/openapi", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 15, $"{endpoints.Count} page endpoints");
        var client = app.NoRedirectClient();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!;
            if (Anonymous.Contains(pattern)) continue;
            var url = AuthorizationMatrixContract.Url(pattern, app);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "POST") request.Content = new FormUrlEncodedContent([]);
                using var response = await client.SendAsync(request);
                var redirectedToSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/signin", StringComparison.Ordinal) == true;
                // A form post without the antiforgery token is refused before anything else: also safe.
                if (!redirectedToSignIn && response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
                    failures.Add($"{method} {pattern}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
