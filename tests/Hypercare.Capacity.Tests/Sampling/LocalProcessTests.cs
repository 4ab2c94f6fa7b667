using System.Net;
using System.Net.Sockets;
using Hypercare.Capacity.Sampling;

namespace Hypercare.Capacity.Tests.Sampling;

public sealed class LocalProcessTests
{
    [Fact]
    public void TheProcessListeningOnAPort_IsFound_AndRead()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal(Environment.ProcessId, LocalProcess.ListeningOn(port));
        var reading = LocalProcess.Read(Environment.ProcessId);
        Assert.NotNull(reading);
        Assert.True(reading!.Value.CpuSeconds > 0);
        Assert.True(reading.Value.ResidentBytes > 10 * 1024 * 1024);
        Assert.True(reading.Value.Threads > 1);
    }

    [Fact]
    public void NothingListening_OrNoSuchProcess_IsNull()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        Assert.Null(LocalProcess.ListeningOn(port));
        Assert.Null(LocalProcess.Read(int.MaxValue));
    }

    [Fact]
    public void TwoReadings_GiveCpuShareAndMemory()
    {
        var signals = LocalProcess.Between(new ProcessReading(10, 100, 4, 0, 0), new ProcessReading(11, 300, 6, 1000, 1000), 2, 42, processors: 2).ToDictionary(s => s.Info.Key);
        Assert.Equal(0.25, signals["proc_cpu"].Value, 6);
        Assert.Equal(300, signals["proc_resident_bytes"].Value);
        Assert.Equal(1000, signals["proc_storage_bytes"].Value);
        Assert.Equal("/proc/42", signals["proc_cpu"].Info.Source);
    }
}
