using System.Net;

namespace Hypercare.Inspection.Hardening;

/// <summary>A TCP connect scan: a port is open when a connection completes within the timeout.</summary>
internal sealed class PortScanner(ProbeNetwork network)
{
    /// <summary>What usually listens on a port, and how bad it is to find it open unexpectedly.</summary>
    private static readonly Dictionary<int, (string Service, Severity Severity)> Known = new()
    {
        [21] = ("FTP", Severity.High),
        [22] = ("SSH", Severity.High),
        [23] = ("Telnet", Severity.Critical),
        [25] = ("SMTP", Severity.Medium),
        [53] = ("DNS", Severity.Medium),
        [80] = ("HTTP", Severity.Medium),
        [110] = ("POP3", Severity.Medium),
        [135] = ("Microsoft RPC", Severity.High),
        [139] = ("NetBIOS", Severity.High),
        [143] = ("IMAP", Severity.Medium),
        [443] = ("HTTPS", Severity.Medium),
        [445] = ("SMB", Severity.Critical),
        [1433] = ("SQL Server", Severity.Critical),
        [1521] = ("Oracle", Severity.Critical),
        [2049] = ("NFS", Severity.High),
        [2375] = ("Docker API without TLS", Severity.Critical),
        [3306] = ("MySQL", Severity.Critical),
        [3389] = ("Remote Desktop", Severity.Critical),
        [5432] = ("PostgreSQL", Severity.Critical),
        [5601] = ("Kibana", Severity.High),
        [5900] = ("VNC", Severity.Critical),
        [6379] = ("Redis", Severity.Critical),
        [8080] = ("HTTP (alternate)", Severity.Medium),
        [8443] = ("HTTPS (alternate)", Severity.Medium),
        [9200] = ("Elasticsearch", Severity.Critical),
        [9300] = ("Elasticsearch transport", Severity.Critical),
        [11211] = ("Memcached", Severity.Critical),
        [27017] = ("MongoDB", Severity.Critical),
    };

    /// <summary>The open ports among <paramref name="ports"/>, ascending.</summary>
    public async Task<IReadOnlyList<int>> OpenPortsAsync(ProbeHost host, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(ports.Select(async port =>
            (port, open: await network.WithConnectionAsync(new IPEndPoint(host.Address, port), (stream, _) => Task.FromResult(stream is not null), cancellationToken).ConfigureAwait(false))))
            .ConfigureAwait(false);
        return [.. results.Where(r => r.open).Select(r => r.port).Order()];
    }

    /// <summary>The finding for a port open but not expected.</summary>
    public static HardeningFinding Unexpected(ProbeHost host, int port, IReadOnlyList<int> expected)
    {
        var (service, severity) = Known.TryGetValue(port, out var known) ? known : ("an unknown service", Severity.Medium);
        return new HardeningFinding("unexpected-open-port", severity, TlsProbe.Target(host, port),
            $"port {port} ({service}) is open but not in the scope's expected ports ({(expected.Count == 0 ? "none" : string.Join(", ", expected))})",
            severity == Severity.Critical
                ? $"close it or bind {service} to a private interface, allow it only from the hosts that need it (security group, firewall); if it must stay open, add it to scope.ports"
                : "close it or allow it only from the hosts that need it; if it is meant to be open, add it to scope.ports");
    }
}
