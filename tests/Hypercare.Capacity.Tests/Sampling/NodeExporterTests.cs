using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hypercare.Capacity.Sampling;

namespace Hypercare.Capacity.Tests.Sampling;

/// <summary>Skips when Debian's node_exporter is not installed, except under CI=true, where that is a failure.</summary>
public sealed class NodeExporterFactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/prometheus-node-exporter";

    public NodeExporterFactAttribute()
    {
        if (!File.Exists(Binary) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "prometheus-node-exporter is not installed (./test.sh installs it)";
    }
}

public sealed class NodeExporterTests : IDisposable
{
    private Process? _exporter;

    [NodeExporterFact]
    public async Task ARealNodeExporter_IsScraped_AndItsUsageComputed()
    {
        var port = StartExporter();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var scraper = new MetricsScraper(client);
        var endpoint = new Uri($"http://127.0.0.1:{port}/metrics");
        await WaitUntilServing(scraper, endpoint);
        var first = await scraper.ScrapeAsync(endpoint, CancellationToken.None);
        await Task.Delay(1000);
        var second = await scraper.ScrapeAsync(endpoint, CancellationToken.None);

        Assert.Contains(second, s => s.Name == "node_cpu_seconds_total" && s.Label("mode") == "idle");
        var usage = NodeUsage.Between(first, second);
        Assert.Equal(Environment.ProcessorCount, usage.Cpus);
        Assert.InRange(usage.CpuBusy, 0, 1);
        Assert.InRange(usage.MemoryUsed, 0.0001, 1);
    }

    [NodeExporterFact]
    public async Task TheSampler_TurnsRealScrapesIntoHostSeries_OnItsClock()
    {
        var port = StartExporter();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var endpoint = new Uri($"http://127.0.0.1:{port}/metrics");
        await WaitUntilServing(new MetricsScraper(client), endpoint);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var sampler = new ResourceSampler([endpoint], Environment.ProcessId, client, clock);

        await sampler.SampleOnceAsync(CancellationToken.None);
        await Task.Delay(300);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sampler.SampleOnceAsync(CancellationToken.None);

        var cpu = sampler.Timeline.Find("node_cpu_busy");
        Assert.NotNull(cpu);
        Assert.Equal(endpoint.ToString(), cpu!.Info.Source);
        var point = Assert.Single(cpu.Points);
        Assert.Equal(1.0, point.Seconds, 6);
        Assert.InRange(point.Value, 0, 1);
        Assert.NotNull(sampler.Timeline.Find("proc_cpu"));
        Assert.Null(sampler.Timeline.Find("process_cpu"));   // the exporter's own process is not the target
        Assert.Empty(sampler.Warnings);
    }

    private int StartExporter()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _exporter = Process.Start(new ProcessStartInfo(NodeExporterFactAttribute.Binary, [$"--web.listen-address=127.0.0.1:{port}", "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo"])
        { RedirectStandardError = true, UseShellExecute = false })!;
        _exporter.ErrorDataReceived += (_, _) => { };
        _exporter.BeginErrorReadLine();
        return port;
    }

    private static async Task WaitUntilServing(MetricsScraper scraper, Uri endpoint)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try { await scraper.ScrapeAsync(endpoint, CancellationToken.None); return; }
            catch (Core.Problems.BadInputException) { await Task.Delay(100); }
        }
        Assert.Fail($"{endpoint} never served");
    }

    public void Dispose()
    {
        if (_exporter is null) return;
        try { _exporter.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _exporter.WaitForExit(5000);
        _exporter.Dispose();
    }
}
