using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Hypercare.Inspection.Hardening;

/// <summary>
/// TLS on one endpoint: the certificate chain as presented (validated against the system roots, errors recorded but
/// the handshake accepted), expiry held against the event, the protocol versions and weak TLS 1.2 suites accepted.
/// </summary>
internal sealed class TlsProbe(ProbeNetwork network)
{
#pragma warning disable SYSLIB0039, CA5397 // Legacy versions are what the probe looks for.
    private static readonly (string Name, SslProtocols Protocol, bool Legacy)[] Versions =
    [
        ("TLS 1.3", SslProtocols.Tls13, false),
        ("TLS 1.2", SslProtocols.Tls12, false),
        ("TLS 1.1", SslProtocols.Tls11, true),
        ("TLS 1.0", SslProtocols.Tls, true),
    ];
#pragma warning restore SYSLIB0039, CA5397

    /// <summary>TLS 1.2 suites without forward secrecy (RSA key exchange), with CBC and SHA-1, or with 3DES.</summary>
    internal static readonly TlsCipherSuite[] WeakSuites =
    [
        TlsCipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
        TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
        TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    ];

    private const string LegacyRefused = "not tested: this machine's TLS library refuses TLS 1.0/1.1";

    private sealed record Handshake(bool Completed, bool RefusedHere, string? Error, SslProtocols Protocol, TlsCipherSuite Suite, IReadOnlyList<CertificateInfo> Chain, IReadOnlyList<string> ChainErrors);

    /// <summary>Probes one endpoint; null when it does not complete a TLS handshake (it does not speak TLS).</summary>
    public async Task<(TlsReport Report, IReadOnlyList<HardeningFinding> Findings)?> ProbeAsync(ProbeHost host, int port, DateTimeOffset? eventStart, DateTimeOffset? eventEnd, CancellationToken cancellationToken)
    {
        var target = Target(host, port);
        var first = await HandshakeAsync(host, port, SslProtocols.None, null, cancellationToken).ConfigureAwait(false);
        if (!first.Completed) return null;

        var protocols = new List<HandshakeResult>();
        foreach (var (name, protocol, legacy) in Versions)
        {
            var h = await HandshakeAsync(host, port, protocol, null, cancellationToken).ConfigureAwait(false);
            var refusedHere = !h.Completed && (h.RefusedHere || !await LocalTlsCapability.SupportsAsync(protocol, null, network.Time).ConfigureAwait(false));
            protocols.Add(h.Completed ? new HandshakeResult(name, ProbeVerdict.Accepted, h.Suite.ToString())
                : refusedHere ? new HandshakeResult(name, ProbeVerdict.NotTested, legacy ? LegacyRefused : $"not tested: this machine's TLS library refuses {name}")
                : new HandshakeResult(name, ProbeVerdict.Refused, h.Error));
        }

        var ciphers = new List<HandshakeResult>();
        foreach (var suite in WeakSuites)
        {
            if (!OperatingSystem.IsLinux())
            {
                ciphers.Add(new HandshakeResult(suite.ToString(), ProbeVerdict.NotTested, "not tested: pinning cipher suites needs Linux (OpenSSL)"));
                continue;
            }
            CipherSuitesPolicy policy;
            try
            {
                policy = new CipherSuitesPolicy([suite]);
            }
            catch (PlatformNotSupportedException e)
            {
                ciphers.Add(new HandshakeResult(suite.ToString(), ProbeVerdict.NotTested, $"not tested: {e.Message}"));
                continue;
            }
            var h = await HandshakeAsync(host, port, SslProtocols.Tls12, policy, cancellationToken).ConfigureAwait(false);
            var refusedHere = !h.Completed && (h.RefusedHere || !await LocalTlsCapability.SupportsAsync(SslProtocols.Tls12, suite, network.Time).ConfigureAwait(false));
            ciphers.Add(h.Completed ? new HandshakeResult(suite.ToString(), ProbeVerdict.Accepted, h.Suite.ToString())
                : refusedHere ? new HandshakeResult(suite.ToString(), ProbeVerdict.NotTested, $"not tested: this machine's TLS library refuses {suite}")
                : new HandshakeResult(suite.ToString(), ProbeVerdict.Refused, h.Error));
        }

        var report = new TlsReport(target, first.Chain, first.ChainErrors, protocols, ciphers);
        return (report, Judge(report, network.Time.GetUtcNow(), eventStart, eventEnd));
    }

    internal static string Target(ProbeHost host, int port) => host.Host.Contains(':', StringComparison.Ordinal) ? $"[{host.Host}]:{port}" : $"{host.Host}:{port}";

    /// <summary>The findings of a report: expiry against the event, self-signed or untrusted chains, legacy versions, weak suites.</summary>
    internal static List<HardeningFinding> Judge(TlsReport report, DateTimeOffset now, DateTimeOffset? eventStart, DateTimeOffset? eventEnd)
    {
        var findings = new List<HardeningFinding>();
        const string Renew = "renew the certificate (or automate renewal, e.g. ACME) and deploy it before the event starts; check the whole chain, intermediates included";
        foreach (var (cert, i) in report.Chain.Select((c, i) => (c, i)))
        {
            var which = i == 0 ? "the certificate" : $"the chain's certificate {Subject(cert)}";
            var at = cert.NotAfter.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            if (cert.NotAfter <= now)
                findings.Add(new("tls-expired", Severity.Critical, report.Target, $"{which} expired on {at}", Renew));
            else if (eventStart is { } start && cert.NotAfter <= start)
                findings.Add(new("tls-expires-before-event", Severity.Critical, report.Target, $"{which} expires on {at}, before the event starts ({start.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)})", Renew));
            else if (eventEnd is { } end && cert.NotAfter <= end)
                findings.Add(new("tls-expires-during-event", Severity.High, report.Target, $"{which} expires on {at}, during the event (it ends {end.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)})", Renew));
            else if (cert.NotAfter <= now.AddDays(30))
                findings.Add(new("tls-expires-soon", Severity.Medium, report.Target, $"{which} expires on {at}, within 30 days", Renew));
        }
        var leaf = report.Chain.Count > 0 ? report.Chain[0] : null;
        var trustErrors = report.ChainErrors.Where(e => !e.StartsWith("NotTimeValid", StringComparison.Ordinal) && !e.StartsWith("RemoteCertificateNameMismatch", StringComparison.Ordinal)).ToList();
        if (leaf is { SelfSigned: true })
            findings.Add(new("tls-self-signed", Severity.High, report.Target, $"the certificate is self-signed ({Subject(leaf)}): clients cannot trust it",
                "serve a certificate from a public (or the customer's trusted) certificate authority, with its intermediates"));
        else if (trustErrors.Count > 0)
            findings.Add(new("tls-untrusted-chain", Severity.High, report.Target, $"the chain does not validate against the system roots: {string.Join("; ", trustErrors)}",
                "serve the full chain (leaf and intermediates) from a trusted certificate authority"));
        if (report.ChainErrors.Any(e => e.StartsWith("RemoteCertificateNameMismatch", StringComparison.Ordinal)))
            findings.Add(new("tls-name-mismatch", Severity.Medium, report.Target, "the certificate does not name the host it was reached by",
                "include every name clients use in the certificate's subject alternative names"));
        var legacy = report.Protocols.Where(p => p.Verdict == ProbeVerdict.Accepted && p.Name is "TLS 1.0" or "TLS 1.1").Select(p => p.Name).ToList();
        if (legacy.Count > 0)
            findings.Add(new("tls-legacy-protocol", Severity.High, report.Target, $"accepts {string.Join(" and ", legacy)}",
                "disable TLS 1.0 and 1.1 (e.g. nginx ssl_protocols TLSv1.2 TLSv1.3;); keep TLS 1.2 and 1.3"));
        var weak = report.WeakCiphers.Where(c => c.Verdict == ProbeVerdict.Accepted).Select(c => c.Name).ToList();
        if (weak.Count > 0)
            findings.Add(new("tls-weak-cipher", weak.Any(w => w.Contains("3DES", StringComparison.Ordinal)) ? Severity.High : Severity.Medium, report.Target,
                $"accepts weak TLS 1.2 suites: {string.Join(", ", weak)}",
                "offer only ECDHE suites with AES-GCM or ChaCha20-Poly1305 in TLS 1.2 (e.g. Mozilla's intermediate configuration); drop RSA key exchange, CBC-SHA1 and 3DES"));
        return findings;
    }

    private static string Subject(CertificateInfo c) => c.Subject.Length > 0 ? c.Subject : "(no subject)";

    private async Task<Handshake> HandshakeAsync(ProbeHost host, int port, SslProtocols protocols, CipherSuitesPolicy? policy, CancellationToken cancellationToken) =>
        await network.WithConnectionAsync(new IPEndPoint(host.Address, port), async (stream, ct) =>
        {
            if (stream is null) return new Handshake(false, false, "the port is closed", default, default, [], []);
            var counting = new CountingStream(stream);
            IReadOnlyList<CertificateInfo> chain = [];
            IReadOnlyList<string> errors = [];
            var ssl = new SslStream(counting, leaveInnerStreamOpen: false);
            await using (ssl.ConfigureAwait(false))
            {
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = host.Host,
                    EnabledSslProtocols = protocols,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
#pragma warning disable CA5359 // The probe records what validation reports and goes on: a bad certificate is a finding, not a reason to stop.
                    RemoteCertificateValidationCallback = (_, certificate, presented, policyErrors) =>
                    {
                        (chain, errors) = Validate(certificate, presented, policyErrors, network.Time.GetUtcNow());
                        return true;
                    },
#pragma warning restore CA5359
                };
                if (policy is not null && OperatingSystem.IsLinux()) options.CipherSuitesPolicy = policy;
                try
                {
                    await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
                    return new Handshake(true, false, null, ssl.SslProtocol, ssl.NegotiatedCipherSuite, chain, errors);
                }
                catch (Exception e) when (e is AuthenticationException or IOException or System.ComponentModel.Win32Exception or NotSupportedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    var refusedHere = counting.Written == 0 && e is not OperationCanceledException;
                    return new Handshake(false, refusedHere, e is OperationCanceledException ? "no answer within the timeout" : Innermost(e), default, default, [], []);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message;
    }

    private static (IReadOnlyList<CertificateInfo>, IReadOnlyList<string>) Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors policyErrors, DateTimeOffset now)
    {
        if (certificate is null) return ([], ["RemoteCertificateNotAvailable: the server sent no certificate"]);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (presented is not null)
            foreach (var element in presented.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(element.Certificate.RawData));
        chain.Build(leaf);
        var infos = chain.ChainElements.Select(e => new CertificateInfo(e.Certificate.Subject, e.Certificate.Issuer,
            new DateTimeOffset(e.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), e.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(e.Certificate.IssuerName.RawData))).ToList();
        var errors = chain.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct().ToList();
        if (policyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) errors.Add("RemoteCertificateNameMismatch: the certificate does not name the host");
        foreach (var element in chain.ChainElements) element.Certificate.Dispose();
        foreach (var extra in chain.ChainPolicy.ExtraStore) extra.Dispose();
        return (infos, errors);
    }
}
