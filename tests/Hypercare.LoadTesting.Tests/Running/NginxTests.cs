using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hypercare.LoadTesting.Tests.Running;

/// <summary>Skips when nginx is not installed, except under CI=true, where a missing peer is a failure.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (NginxServer.Binary is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "nginx is not installed (./test.sh installs it)";
    }
}

/// <summary>Debian's nginx on a free loopback port with a throw-away prefix, serving a small static file.</summary>
internal sealed class NginxServer : IDisposable
{
    public static string? Binary => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    private readonly Process _process;
    private readonly DirectoryInfo _prefix = Directory.CreateTempSubdirectory("hypercare-nginx-");

    public NginxServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var root = Path.Combine(_prefix.FullName, "html");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(_prefix.FullName, "logs"));
        File.WriteAllText(Path.Combine(root, "index.html"), "hello from nginx\n");
        // nginx's workers drop root; they must be able to read the throw-away root.
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_prefix.FullName, readable);
            File.SetUnixFileMode(root, readable);
        }
        var conf = Path.Combine(_prefix.FullName, "nginx.conf");
        File.WriteAllText(conf, $$"""
            daemon off;
            worker_processes 1;
            pid {{_prefix.FullName}}/nginx.pid;
            error_log {{_prefix.FullName}}/logs/error.log;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{_prefix.FullName}}/body;
              proxy_temp_path {{_prefix.FullName}}/proxy;
              fastcgi_temp_path {{_prefix.FullName}}/fastcgi;
              uwsgi_temp_path {{_prefix.FullName}}/uwsgi;
              scgi_temp_path {{_prefix.FullName}}/scgi;
              server { listen 127.0.0.1:{{Port}}; root {{root}}; keepalive_requests 1000000; }
            }
            """);
        _process = Process.Start(new ProcessStartInfo(Binary ?? "nginx", ["-p", _prefix.FullName, "-c", conf]) { RedirectStandardError = true, UseShellExecute = false })!;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(50); }
        }
        throw new InvalidOperationException($"nginx did not start: {_process.StandardError.ReadToEnd()}");
    }

    public int Port { get; }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
        _prefix.Delete(recursive: true);
    }
}

[Collection("load")]
public class NginxTests
{
    [NginxFact]
    public async Task BothEngines_LoadNginx_WithoutErrors()
    {
        using var nginx = new NginxServer();
        foreach (var engine in new[] { "fast", "httpclient" })
        {
            var plan = TestPlans.Parse($$"""
                base_url: http://127.0.0.1:{{nginx.Port}}
                engine: {{engine}}
                scenarios: [ { name: s, steps: [ { path: /index.html, check: { status: 200, body_contains: hello } } ] } ]
                executor: { type: constant-vus, vus: 16, duration: 2s }
                """);
            var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);
            Assert.True(result.Requests.Total > 1000, $"{engine}: {result.Requests.Total} requests");
            Assert.Equal(0, result.Requests.Failed);
            Assert.Equal(0, result.Checks.Failed);
            Assert.Equal(result.Requests.Total, result.Requests.StatusClasses["2xx"]);
        }
    }

    [NginxFact]
    public async Task TheOpenModel_HoldsItsRate_AgainstNginx()
    {
        using var nginx = new NginxServer();
        var plan = TestPlans.Parse($$"""
            base_url: http://127.0.0.1:{{nginx.Port}}
            scenarios: [ { name: s, steps: [ { path: /index.html } ] } ]
            executor: { type: constant-arrival-rate, rate: 2000/s, duration: 3s, pre_allocated_vus: 32, max_vus: 64 }
            """);
        var result = await StressTest.RunAsync(plan, new StressRunOptions(), CancellationToken.None);
        Assert.Equal(6000, result.Starts.Intended);
        Assert.Equal(0, result.Starts.Dropped);
        Assert.Equal(6000, result.Requests.Total);
        Assert.InRange(result.Requests.PerSecond, 1800, 2200);
    }
}
