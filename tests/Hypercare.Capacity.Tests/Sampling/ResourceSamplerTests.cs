using System.Net;
using System.Net.Sockets;
using Hypercare.Capacity.Sampling;
using Hypercare.Core.Problems;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Capacity.Tests.Sampling;

public sealed class ResourceSamplerTests
{
    [Theory]
    [InlineData("http://10.1.2.3:9100/metrics")]
    [InlineData("http://example.com/metrics")]
    public void AnEndpointOffLoopback_IsRefusedBeforeAnyScrape(string url)
    {
        using var client = new HttpClient();
        var e = Assert.Throws<SafetyRefusalException>(() => new ResourceSampler([new Uri(url)], null, client, new FakeTimeProvider()));
        Assert.Contains("not a loopback address", e.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndpointThatDoesNotAnswer_IsAWarningOnce_AndSamplingGoesOn()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var client = new HttpClient();
        var clock = new FakeTimeProvider();
        await using var sampler = new ResourceSampler([new Uri($"http://127.0.0.1:{port}/metrics")], Environment.ProcessId, client, clock);
        for (var i = 0; i < 3; i++)
        {
            await sampler.SampleOnceAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var warning = Assert.Single(sampler.Warnings);
        Assert.Contains($"127.0.0.1:{port}", warning, StringComparison.Ordinal);
        Assert.Equal(2, sampler.Timeline.Find("proc_cpu")!.Points.Count);
    }

    [Fact]
    public async Task TheBackgroundLoop_SamplesOncePerInterval_OfItsClock()
    {
        using var client = new HttpClient();
        var clock = new FakeTimeProvider();
        var sampler = new ResourceSampler([], Environment.ProcessId, client, clock);
        sampler.Start();
        for (var i = 1; i <= 4; i++)
        {
            var round = i;
            await WaitFor(() => sampler.Rounds >= round);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        await WaitFor(() => sampler.Rounds >= 5);
        await sampler.StopAsync();
        Assert.Equal([1.0, 2.0, 3.0, 4.0], sampler.Timeline.Find("proc_cpu")!.Points.Select(p => p.Seconds).Take(4));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
