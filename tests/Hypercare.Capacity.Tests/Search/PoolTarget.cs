using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hypercare.Capacity.Tests.Search;

/// <summary>
/// A real Kestrel service on 127.0.0.1 with a deliberate bottleneck: every /order takes one of a few "database
/// connections" from a pool and holds it for a fixed time, so the service holds at most pool / hold requests per
/// second. Its /metrics serve the pool's size, connections in use and requests waiting, as a real service would.
/// </summary>
public sealed class PoolTarget(int poolSize, TimeSpan hold) : IAsyncDisposable
{
    private WebApplication? _app;
#pragma warning disable CA2213 // released in DisposeAsync
    private readonly SemaphoreSlim _pool = new(poolSize);
#pragma warning restore CA2213
    private int _inUse, _waiting;
    private long _served;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:1");

    public Uri Metrics => new(BaseUrl, "/metrics");

    /// <summary>The most requests per second the pool lets through.</summary>
    public double Capacity => poolSize / hold.TotalSeconds;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/order", async () =>
        {
            Interlocked.Increment(ref _waiting);
            await _pool.WaitAsync();
            Interlocked.Decrement(ref _waiting);
            Interlocked.Increment(ref _inUse);
            try { await Task.Delay(hold); }
            finally
            {
                Interlocked.Decrement(ref _inUse);
                _pool.Release();
            }
            Interlocked.Increment(ref _served);
            return Results.Text("ok");
        });
        app.MapGet("/metrics", () =>
        {
            var text = new StringBuilder();
            text.Append("# TYPE app_db_pool_size gauge\n").Append(CultureInfo.InvariantCulture, $"app_db_pool_size {poolSize}\n");
            text.Append("# TYPE app_db_pool_in_use gauge\n").Append(CultureInfo.InvariantCulture, $"app_db_pool_in_use {Volatile.Read(ref _inUse)}\n");
            text.Append("# TYPE app_db_pool_waiting gauge\n").Append(CultureInfo.InvariantCulture, $"app_db_pool_waiting {Volatile.Read(ref _waiting)}\n");
            text.Append("# TYPE app_orders_total counter\n").Append(CultureInfo.InvariantCulture, $"app_orders_total {Interlocked.Read(ref _served)}\n");
            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        });
        await app.StartAsync();
        _app = app;
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _pool.Dispose();
    }
}
