using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hypercare.LoadTesting.Tests.Http.Fast;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a few endpoints a load test would hit:
/// fixed-length bodies, streamed (chunked) bodies, an echo and custom headers.
/// </summary>
public sealed class KestrelTarget : IAsyncLifetime
{
    public const string TraceHeader = "X-Hypercare-Trace";

    private WebApplication? _app;

    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Connection ids that served a request, to show that requests shared a connection.</summary>
    public HashSet<string> ConnectionIds { get; } = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        EndPoint = new IPEndPoint(IPAddress.Loopback, new Uri(address).Port);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        lock (ConnectionIds)
        {
            ConnectionIds.Add(context.Connection.Id);
        }
        var request = context.Request;
        var response = context.Response;
        var size = int.TryParse(request.Query["size"], out var n) ? n : 0;
        switch (request.Path.Value)
        {
            case "/fixed":
                response.ContentLength = size;
                await response.Body.WriteAsync(Pattern(size));
                break;
            case "/streamed":
                // No Content-Length and several writes: Kestrel frames the body as chunked.
                await response.StartAsync();
                var body = Pattern(size);
                for (var offset = 0; offset < size; offset += 1000)
                {
                    await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(1000, size - offset)));
                    await response.Body.FlushAsync();
                }
                break;
            case "/echo":
                using (var copy = new MemoryStream())
                {
                    await request.Body.CopyToAsync(copy);
                    response.ContentType = request.ContentType;
                    response.ContentLength = copy.Length;
                    await response.Body.WriteAsync(copy.ToArray());
                }
                break;
            case "/headers":
                response.Headers[TraceHeader] = request.Headers[TraceHeader];
                response.Headers["X-Large"] = new string('h', size);
                response.ContentLength = 2;
                await response.WriteAsync("ok");
                break;
            case "/no-content":
                response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    public static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }
        return bytes;
    }
}
