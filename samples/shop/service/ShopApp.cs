using System.Text.Json;
using Hypercare.Samples.Shop.Data;
using Hypercare.Samples.Shop.Http;
using Hypercare.Samples.Shop.Metrics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;

namespace Hypercare.Samples.Shop;

/// <summary>
/// The sample online shop that Hypercare's demo and tests put under stress. <see cref="Build"/> seeds a fresh
/// database and returns the web application; the host starts it with <c>RunAsync</c> or <c>StartAsync</c>.
/// </summary>
public static class ShopApp
{
    /// <summary>The JSON conventions of the shop's API: snake_case names, web defaults otherwise.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = ShopJsonContext.Default,
    };

    private const int ClientClosedRequest = 499;

    /// <summary>
    /// Validates the options, creates the data directory and (re)creates the seeded SQLite database at
    /// <see cref="ShopOptions.DatabasePath"/>, without building or starting the web application: the same file the
    /// shop serves, for tools that examine it (<c>hypercare db digest --explain</c>).
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static string CreateDatabase(ShopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        ShopSchema.Create(options.DatabasePath, options.Products, options.Users, options.Seed);
        return options.DatabasePath;
    }

    /// <summary>
    /// Validates the options, creates the data directory, (re)creates and seeds the SQLite database and builds
    /// the shop listening on <see cref="ShopOptions.Urls"/>. Nothing listens until the application is started.
    /// </summary>
    /// <param name="options">How to start the shop; see <see cref="ShopOptions"/> for the defaults.</param>
    /// <param name="time">The clock of the slow log, the stored timestamps, the measured durations and the payment delay.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message and parameter name say which.</exception>
    public static WebApplication Build(ShopOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        ShopSchema.Create(options.DatabasePath, options.Products, options.Users, options.Seed);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(ShopApp).Assembly.GetName().Name,
            ContentRootPath = Path.GetFullPath(options.DataDirectory),
        });
        builder.WebHost.UseUrls(options.Urls);
        // A request log line per call would cost more than many of the calls themselves under load.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (!options.ConsoleLog) builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ShopJsonContext.Default);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddHttpClient(CheckoutEndpoints.PaymentClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new ShopMetrics(options.DbPoolSize));
        builder.Services.AddSingleton(_ => new SlowQueryLog(options.EffectiveSlowLogPath, options.LongQueryTime, time,
            SqliteVersion(), Path.GetFullPath(options.DatabasePath)));
        builder.Services.AddSingleton(s => new ShopDatabase(options, time, s.GetRequiredService<ShopMetrics>(),
            s.GetRequiredService<SlowQueryLog>()));
        builder.Services.AddSingleton(s => new ShopContext(options, time, s.GetRequiredService<ShopDatabase>(),
            s.GetRequiredService<ShopMetrics>()));

        var app = builder.Build();
        var shop = app.Services.GetRequiredService<ShopContext>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            shop.PaymentAddress = addresses?.FirstOrDefault() ?? options.Urls.Split(';')[0];
        });

        app.UseExceptionHandler();
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            var started = time.GetTimestamp();
            var status = StatusCodes.Status500InternalServerError;
            try
            {
                await next(context);
                status = context.Response.StatusCode;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away (a load generator stopping mid-request): nginx's 499, not a server error.
                status = ClientClosedRequest;
                throw;
            }
            finally
            {
                // Route templates, not paths, keep the label set small whatever ids the clients send.
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
                shop.Metrics.RecordRequest(route, context.Request.Method, status, time.GetElapsedTime(started).TotalSeconds);
            }
        });

        app.MapGet("/healthz", () => Results.Ok(new HealthView("ok")));
        app.MapGet("/metrics", (ShopContext s) => Results.Text(s.Metrics.Render(), PrometheusTextWriter.ContentType));
        CatalogEndpoints.Map(app);
        AccountEndpoints.Map(app);
        CartEndpoints.Map(app);
        CheckoutEndpoints.Map(app);
        PaymentEndpoints.Map(app);
        return app;
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }
}
