using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Hypercare.Cli.Tests;

public sealed class HardenCommandTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    private const string Authorization = "\n  authorizations:\n    - kind: vulnerability-and-port-scanning\n      granted_by: Dana Whitfield\n      granted_at: 2027-08-30T10:00:00-04:00\n\nobjectives:";

    /// <summary>The sample with the scanning authorization recorded and its scope rewritten.</summary>
    private string Engagement(string hosts, int port, bool authorized = true)
    {
        var text = File.ReadAllText(Cli.Sample)
            .Replace("http://127.0.0.1:8080\n      note", $"http://127.0.0.1:{port}\n      note", StringComparison.Ordinal)
            .Replace("hosts: [127.0.0.1]", $"hosts: [{hosts}]", StringComparison.Ordinal)
            .Replace("ports: [8080]", $"ports: [{port}]", StringComparison.Ordinal);
        if (authorized) text = text.Replace("\nobjectives:", Authorization, StringComparison.Ordinal);
        var path = Path.Combine(_cli.Folder, $"harden-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task WithoutTheScanningAuthorization_ExitsThree_AndSaysHowToRecordIt()
    {
        var r = await _cli.Run("harden", "--engagement", Cli.Sample);
        Assert.True(r.Code == 3, r.ToString());
        Assert.Contains("refused for safety", r.Err, StringComparison.Ordinal);
        Assert.Contains("--kind vulnerability-and-port-scanning", r.Err, StringComparison.Ordinal);
        Assert.Contains("authorizations", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonLoopbackHostInScope_ExitsThree_NamingIt()
    {
        var r = await _cli.Run("harden", "--engagement", Engagement("127.0.0.1, 192.0.2.10", 1), "--ports", "1");
        Assert.True(r.Code == 3, r.ToString());
        Assert.Contains("active probes run only against loopback targets in this version: 192.0.2.10 resolves to 192.0.2.10", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPorts_ExitTwo()
    {
        var r = await _cli.Run("harden", "--engagement", Cli.Sample, "--ports", "80-20");
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("--ports", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoopbackResponder_IsProbed_AndThePlanIsJson()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync(stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    var seen = "";
                    while (!seen.Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var n = await stream.ReadAsync(buffer, stop.Token);
                        if (n == 0) break;
                        seen += Encoding.ASCII.GetString(buffer, 0, n);
                    }
                    if (seen.Length > 0)
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
                {
                }
            }
        });
        // The command times its rate and timeouts by the context's clock: keep the fake clock moving while it runs.
        var ticking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                _cli.Clock.Advance(TimeSpan.FromMilliseconds(50));
                await Task.Delay(1);
            }
        });
        var r = await _cli.Run("harden", "--engagement", Engagement("127.0.0.1", port), "--ports", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json", "--fail-on", "medium",
            "--inventory", Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "infra"));
        await stop.CancelAsync();
        listener.Stop();
        await Task.WhenAll(server, ticking);

        Assert.True(r.Code == 1, r.ToString());
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("hypercare.hardening/v1", root.GetProperty("schema").GetString());
        var kinds = root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToList();
        Assert.Contains("banner-version-header", kinds);
        Assert.Contains("header-csp-missing", kinds);
        Assert.Equal(port, root.GetProperty("ports")[0].GetProperty("open")[0].GetInt32());
        var first = root.GetProperty("findings")[0];
        Assert.Equal(("critical", "inventory"), (first.GetProperty("severity").GetString(), first.GetProperty("source").GetString()));
    }
}
