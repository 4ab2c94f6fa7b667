namespace Hypercare.Inspection.Hardening;

/// <summary>What the customer authorized the probes to touch, read from the engagement by the host.</summary>
/// <param name="Targets">The base URLs in scope (<c>scope.targets</c>).</param>
/// <param name="Hosts">The hosts in scope (<c>scope.hosts</c>); the targets' hosts are added to them.</param>
/// <param name="ExpectedPorts">The ports expected to be open (<c>scope.ports</c>); the targets' ports are added to them.</param>
/// <param name="ScanningAuthorized">Whether the customer's vulnerability-and-port-scanning authorization is recorded.</param>
/// <param name="EventStart">When the event's first key phase starts, if known.</param>
/// <param name="EventEnd">When the event's last key phase ends, if known.</param>
public sealed record HardeningScope(
    IReadOnlyList<Uri> Targets,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<int> ExpectedPorts,
    bool ScanningAuthorized,
    DateTimeOffset? EventStart = null,
    DateTimeOffset? EventEnd = null);

/// <summary>How hard and how far the probes go.</summary>
/// <param name="Ports">The ports to scan on every host; null for <see cref="HardeningOptions.CommonPorts"/>. The expected ports are always scanned.</param>
/// <param name="ConnectionsPerSecond">At most this many new connections per second, over all probes.</param>
/// <param name="Concurrency">At most this many connections open at once.</param>
/// <param name="Timeout">How long a connection, a handshake, a banner or a response may take.</param>
public sealed record HardeningOptions(IReadOnlyList<int>? Ports = null, double ConnectionsPerSecond = 50, int Concurrency = 16, TimeSpan? Timeout = null)
{
    /// <summary>Ports services commonly expose by mistake: file transfer, remote admin, mail, directory, databases, caches, search, container APIs.</summary>
    public static IReadOnlyList<int> CommonPorts { get; } =
        [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 1433, 1521, 2049, 2375, 3306, 3389, 5432, 5601, 5900, 6379, 8080, 8443, 9200, 9300, 11211, 27017];

    /// <summary>The timeout in effect.</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromSeconds(3);
}

/// <summary>A host the safety gate let through, with the loopback addresses it resolved to; probes use only these.</summary>
/// <param name="Host">The host as written in the scope.</param>
/// <param name="Addresses">Its addresses, all loopback.</param>
public sealed record ProbeHost(string Host, IReadOnlyList<System.Net.IPAddress> Addresses)
{
    /// <summary>The address probes connect to.</summary>
    public System.Net.IPAddress Address => Addresses[0];
}

/// <summary>One thing a probe found, with its fix.</summary>
/// <param name="Kind">A stable kebab-case kind, e.g. <c>tls-expires-before-event</c> or <c>unexpected-open-port</c>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Target">Where: <c>host:port</c> or the URL.</param>
/// <param name="Message">What is wrong, with the values concerned.</param>
/// <param name="Fix">How to fix it.</param>
public sealed record HardeningFinding(string Kind, Severity Severity, string Target, string Message, string Fix);

/// <summary>One certificate of the chain as the server presented it (and as it chains to the system roots).</summary>
/// <param name="Subject">The subject's distinguished name.</param>
/// <param name="Issuer">The issuer's distinguished name.</param>
/// <param name="NotAfter">When it expires.</param>
/// <param name="SelfSigned">Whether subject and issuer are the same.</param>
public sealed record CertificateInfo(string Subject, string Issuer, DateTimeOffset NotAfter, bool SelfSigned);

/// <summary>Whether a protocol version or a cipher suite was accepted.</summary>
public enum ProbeVerdict
{
    /// <summary>The server completed the handshake.</summary>
    Accepted,
    /// <summary>The server refused the handshake.</summary>
    Refused,
    /// <summary>This machine could not try it (its TLS library refuses it); no guess is made.</summary>
    NotTested,
}

/// <summary>One handshake tried: a protocol version or a cipher suite, and the verdict.</summary>
/// <param name="Name">The protocol (<c>TLS 1.2</c>) or the suite (<c>TLS_RSA_WITH_AES_128_CBC_SHA</c>).</param>
/// <param name="Verdict">Accepted, refused, or not tested.</param>
/// <param name="Note">Why it was not tested, or what was negotiated.</param>
public sealed record HandshakeResult(string Name, ProbeVerdict Verdict, string? Note = null);

/// <summary>What the TLS probe saw on one endpoint.</summary>
/// <param name="Target">The <c>host:port</c>.</param>
/// <param name="Chain">The certificate chain, leaf first; empty when no handshake succeeded.</param>
/// <param name="ChainErrors">What the validation against the system roots reported (untrusted root, expired, name mismatch...).</param>
/// <param name="Protocols">The protocol versions tried.</param>
/// <param name="WeakCiphers">The weak TLS 1.2 suites tried.</param>
public sealed record TlsReport(string Target, IReadOnlyList<CertificateInfo> Chain, IReadOnlyList<string> ChainErrors, IReadOnlyList<HandshakeResult> Protocols, IReadOnlyList<HandshakeResult> WeakCiphers);

/// <summary>The ports of one host: which were scanned, which were open, and which of those were expected.</summary>
/// <param name="Host">The host.</param>
/// <param name="Scanned">How many ports were tried.</param>
/// <param name="Open">The open ports, ascending.</param>
/// <param name="Expected">The ports the scope expects to be open.</param>
public sealed record PortScanReport(string Host, int Scanned, IReadOnlyList<int> Open, IReadOnlyList<int> Expected);

/// <summary>The first line a service sent on connect, or the header a web server returned.</summary>
/// <param name="Target">The <c>host:port</c> or URL.</param>
/// <param name="Text">The banner line or <c>Header: value</c>.</param>
public sealed record Banner(string Target, string Text);

/// <summary>Everything the probes saw, and what they found.</summary>
/// <param name="Hosts">The hosts probed, with the loopback addresses they resolved to.</param>
/// <param name="Ports">The port scan per host.</param>
/// <param name="Tls">The TLS endpoints probed.</param>
/// <param name="Banners">Banners and product headers seen.</param>
/// <param name="Findings">What the probes found.</param>
/// <param name="Notes">What could not be probed, and why.</param>
/// <param name="ProbedAt">When the probes ran.</param>
public sealed record HardeningReport(
    IReadOnlyList<ProbeHost> Hosts,
    IReadOnlyList<PortScanReport> Ports,
    IReadOnlyList<TlsReport> Tls,
    IReadOnlyList<Banner> Banners,
    IReadOnlyList<HardeningFinding> Findings,
    IReadOnlyList<string> Notes,
    DateTimeOffset ProbedAt);
