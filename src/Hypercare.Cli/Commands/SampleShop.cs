using System.Net;
using System.Net.Sockets;
using Hypercare.Samples.Shop;
using Microsoft.AspNetCore.Builder;

namespace Hypercare.Cli.Commands;

/// <summary>Starting the sample shop in this process, for the demo.</summary>
internal static class SampleShop
{
    /// <summary><paramref name="preferred"/> when it is free on loopback, any free port otherwise.</summary>
    public static int FreePort(int preferred)
    {
        foreach (var port in new[] { preferred, 0 })
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            catch (SocketException) when (port != 0)
            {
            }
        }
        throw new InvalidOperationException("no free loopback port");
    }

    /// <summary>The sample's text with its shop address (127.0.0.1:8080) moved to another port.</summary>
    public static string OnPort(string text, int port) => port == 8080 ? text : text
        .Replace("127.0.0.1:8080", $"127.0.0.1:{port}", StringComparison.Ordinal)
        .Replace("ports: [8080]", $"ports: [{port}]", StringComparison.Ordinal);

    public static async Task<WebApplication> StartAsync(int port, string dataDirectory, TimeProvider time, CancellationToken ct)
    {
        var app = ShopApp.Build(new ShopOptions { Urls = $"http://127.0.0.1:{port}", DataDirectory = dataDirectory, ConsoleLog = false, LongQueryTime = TimeSpan.FromMilliseconds(2) }, time);
        await app.StartAsync(ct);
        return app;
    }
}
