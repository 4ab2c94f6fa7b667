using System.Threading.RateLimiting;
using Hypercare.Data;
using Hypercare.Engagements.Files;
using Hypercare.Server.Api;
using Hypercare.Server.Auth;
using Hypercare.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hypercare.Server;

/// <summary>Settings of the web server, from configuration (section <c>Hypercare</c>) or the command line.</summary>
public sealed class ServerOptions
{
    /// <summary>The database: a SQLite file or a PostgreSQL connection string.</summary>
    /// <value>Default <c>hypercare.db</c>.</value>
    public string Database { get; set; } = "hypercare.db";

    /// <summary>The largest request body accepted, in bytes.</summary>
    /// <value>Default 1 MiB: an engagement file is a few kilobytes.</value>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Sign-in attempts per client address per minute.</summary>
    /// <value>Default 10.</value>
    public int SignInPermitsPerMinute { get; set; } = 10;
}

/// <summary>
/// The web application: REST API under <c>/api/v1</c>, OpenAPI at <c>/openapi/v1.json</c>, cookie sign-in for
/// people and personal access tokens for scripts. The CLI's <c>serve</c> and the tests build it here.
/// </summary>
public static class HypercareServer
{
    /// <summary>Builds the application; <paramref name="console"/> receives the one-time setup link, never a log.</summary>
    public static WebApplication Build(string[] args, TimeProvider time, TextWriter console)
    {
        var builder = WebApplication.CreateBuilder(args);
        // One line per request and per query would cost more than the request; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // Options are read when services resolve, not here: a test host's settings arrive after this method runs.
        builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection("Hypercare"));
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new SetupConsole(console));
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<ServerOptions>>((k, o) =>
            {
                k.Limits.MaxRequestBodySize = o.Value.MaxRequestBodyBytes;
                k.AddServerHeader = false;
            });

        AddAccounts(builder.Services);
        builder.Services.AddSingleton<SetupToken>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<EngagementAccess>();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Smart;
                o.DefaultChallengeScheme = AuthSchemes.Smart;
            })
            .AddPolicyScheme(AuthSchemes.Smart, "cookie or token", o =>
                o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.Token
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AuthSchemes.Token, null)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "hypercare";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            // An API caller gets a status code, never a redirect to a sign-in page; a person in the browser is sent to sign in.
            o.Events.OnRedirectToLogin = c => c.Request.Path.StartsWithSegments("/api") ? Deny(c, StatusCodes.Status401Unauthorized) : Redirect(c);
            o.Events.OnRedirectToAccessDenied = c => Deny(c, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddDataProtection().SetApplicationName("hypercare").PersistKeysToDbContext<HypercareDbContext>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "hypercare-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy("sign-in", context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.SignInPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        builder.Services.ConfigureHttpJsonOptions(o => EngagementJson.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Hypercare API";
            document.Info.Description = "Engagements from service request to signed acceptance. Authenticate with a personal access token: Authorization: Bearer hc_...";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemMapping.HandleAsync, StatusCodeSelector = null });
        app.UseStatusCodePages(ProblemMapping.StatusCodePageAsync);
        app.UseMiddleware<BodyLimit>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<TokenScopeGuard>();
        app.UseAntiforgery();
        // The stylesheet and script are embedded, so any host (the CLI, the test server) serves them without a manifest.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new Microsoft.Extensions.FileProviders.EmbeddedFileProvider(typeof(HypercareServer).Assembly, "Hypercare.Server.wwwroot") });
        Ui.UiActions.Map(app);
        app.MapRazorComponents<Ui.App>();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter(TextLimit.FilterAsync);
        AccountApi.Map(api);
        ReferenceApi.Map(api);
        EngagementApi.Map(api);
        AuditApi.Map(api);

        app.Lifetime.ApplicationStarted.Register(() => StartUp(app));
        Migrate(app);
        return app;
    }

    /// <summary>Registers the database (from <see cref="ServerOptions.Database"/>), ASP.NET Core Identity and its password and lockout rules.</summary>
    public static void AddAccounts(IServiceCollection services)
    {
        services.AddScoped(sp => HypercareDatabase.Create(sp.GetRequiredService<IOptions<ServerOptions>>().Value.Database));
        services.AddIdentityCore<HypercareUser>(o =>
            {
                // Length over composition (NIST SP 800-63B): 12 characters, no forced symbol soup.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<HypercareDbContext>()
            .AddSignInManager();
        services.AddScoped<Accounts>();
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static void Migrate(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<ServerOptions>>().Value;
        // Opening migrates; a database that cannot be opened stops the start with the reason.
        using var db = HypercareDatabase.OpenAsync(options.Database).GetAwaiter().GetResult();
    }

    private static void StartUp(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        if (accounts.AnyUserAsync().GetAwaiter().GetResult()) return;
        var token = app.Services.GetRequiredService<SetupToken>().Issue();
        string address;
        try
        {
            address = app.Urls.FirstOrDefault() ?? "";
        }
        catch (InvalidOperationException)
        {
            address = ""; // an in-memory test host has no addresses
        }
        app.Services.GetRequiredService<SetupConsole>().Writer.WriteLine(
            $"Hypercare has no users yet. Create the first provider administrator (this link works once, until the server stops):{Environment.NewLine}  {address}/setup?token={token}");
    }
}

/// <summary>Where the one-time setup link goes: the console the server was started from, not a log.</summary>
public sealed record SetupConsole(TextWriter Writer);
