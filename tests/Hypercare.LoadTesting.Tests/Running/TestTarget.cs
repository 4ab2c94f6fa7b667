using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hypercare.LoadTesting.Tests.Running;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that behaves like the systems a stress test meets: a login that hands out
/// a token and a session cookie, a cart that needs them, a server that can freeze, and a bounded worker pool.
/// </summary>
public sealed class TestTarget : IAsyncLifetime
{
    private WebApplication? _app;
    private long _freezeFrom, _freezeUntil;
    private long _requests;
#pragma warning disable CA2213 // released in DisposeAsync
    private SemaphoreSlim? _workers;
#pragma warning restore CA2213

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:1");
    public long Requests => Interlocked.Read(ref _requests);
    public string VerificationToken { get; set; } = "";

    /// <summary>The values /row/{value} received, in order.</summary>
    public List<string> Rows { get; } = [];

    /// <summary>Every request arriving between <paramref name="after"/> and <paramref name="after"/> + <paramref name="length"/> waits until the end of it.</summary>
    public void FreezeAt(TimeSpan after, TimeSpan length)
    {
        var from = Stopwatch.GetTimestamp() + (long)(after.TotalSeconds * Stopwatch.Frequency);
        _freezeUntil = from + (long)(length.TotalSeconds * Stopwatch.Frequency);
        _freezeFrom = from;
    }

    /// <summary>Limits /work to a pool of <paramref name="workers"/> that each take 20 ms.</summary>
    public void LimitWorkers(int workers) => _workers = new SemaphoreSlim(workers);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path != "/.well-known/hypercare-verification.txt") Interlocked.Increment(ref _requests);
            var now = Stopwatch.GetTimestamp();
            var until = _freezeUntil;
            if (now >= _freezeFrom && now < until)
                await Task.Delay(TimeSpan.FromSeconds((until - now) / (double)Stopwatch.Frequency));
            await next(context);
        });
        app.MapGet("/ok", () => "ok");
        app.MapGet("/sleep/{ms:int}", async (int ms) =>
        {
            await Task.Delay(ms);
            return "late";
        });
        app.MapGet("/row/{value}", (string value) =>
        {
            lock (Rows) Rows.Add(value);
            return "ok";
        });
        app.MapGet("/status/{code:int}", (int code) => Microsoft.AspNetCore.Http.Results.StatusCode(code));
        app.MapGet("/.well-known/hypercare-verification.txt", () => VerificationToken);
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFromJsonAsync<Login>();
            if (form is null || string.IsNullOrEmpty(form.User)) return Microsoft.AspNetCore.Http.Results.BadRequest();
            context.Response.Cookies.Append("session", $"s-{form.User}");
            return Microsoft.AspNetCore.Http.Results.Json(new { token = $"t-{form.User}", user = new { name = form.User } });
        });
        app.MapGet("/cart", (HttpContext context) =>
        {
            var bearer = context.Request.Headers.Authorization.ToString();
            var cookie = context.Request.Cookies["session"];
            if (!bearer.StartsWith("Bearer t-", StringComparison.Ordinal) || cookie is null || cookie[2..] != bearer[9..]) return Microsoft.AspNetCore.Http.Results.Unauthorized();
            return Microsoft.AspNetCore.Http.Results.Json(new { cart_id = 42, owner = cookie[2..] });
        });
        app.MapGet("/work", async () =>
        {
            var pool = _workers;
            if (pool is not null) await pool.WaitAsync();
            try { await Task.Delay(20); }
            finally { pool?.Release(); }
            return "done";
        });
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = new Uri(address);

        // The first request to an endpoint builds its request delegate while later ones wait: a cold server
        // stalls for a moment, which timing tests must not mistake for what they measure.
        using var warmUp = new HttpClient { BaseAddress = BaseUrl };
        foreach (var path in new[] { "/ok", "/work", "/status/200" }) (await warmUp.GetAsync(path)).Dispose();
        Interlocked.Exchange(ref _requests, 0);
    }

    public async Task DisposeAsync()
    {
        _workers?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record Login(string User);
}
