namespace Hypercare.Inspection.Hardening;

/// <summary>
/// The active hardening probes' entry point: the safety gate first, then a TCP connect scan of the hosts in scope,
/// TLS on https targets and TLS-speaking ports, HTTP security headers on the targets, and service banners.
/// </summary>
public sealed class HardeningProbe
{
    private static readonly int[] TlsPorts = [443, 465, 636, 993, 995, 8443];

    private readonly TimeProvider _time;
    private readonly HostResolver? _resolver;
    private readonly Connector? _connector;

    /// <summary>Creates the probe with the clock that times the rate, the timeouts and the expiry checks.</summary>
    public HardeningProbe(TimeProvider time) : this(time, null, null) { }

    internal HardeningProbe(TimeProvider time, HostResolver? resolver, Connector? connector)
    {
        _time = time;
        _resolver = resolver;
        _connector = connector;
    }

    /// <summary>Probes the scope; refuses (nothing connected) unless it passes the <see cref="SafetyGate"/>.</summary>
    /// <exception cref="Core.Problems.SafetyRefusalException">No scanning authorization, or a host that is not loopback-only.</exception>
    public async Task<HardeningReport> RunAsync(HardeningScope scope, HardeningOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        options ??= new HardeningOptions();
        var hosts = await SafetyGate.CheckAsync(scope, _resolver, cancellationToken).ConfigureAwait(false);
        var startedAt = _time.GetUtcNow();
        using var network = new ProbeNetwork(_time, options, _connector);
        var scanner = new PortScanner(network);
        var tls = new TlsProbe(network);
        var service = new ServiceProbe(network);

        var findings = new List<HardeningFinding>();
        var notes = new List<string>();
        var scans = new List<PortScanReport>();
        var tlsReports = new List<TlsReport>();
        var banners = new List<Banner>();

        foreach (var host in hosts)
        {
            var targets = scope.Targets.Where(t => Same(t, host)).ToList();
            var expected = scope.ExpectedPorts.Concat(targets.Select(t => t.Port)).Distinct().Order().ToList();
            var ports = (options.Ports ?? HardeningOptions.CommonPorts).Concat(expected).Distinct().Order().ToList();
            var open = await scanner.OpenPortsAsync(host, ports, cancellationToken).ConfigureAwait(false);
            scans.Add(new PortScanReport(host.Host, ports.Count, open, expected));
            findings.AddRange(open.Where(p => !expected.Contains(p)).Select(p => PortScanner.Unexpected(host, p, expected)));
            foreach (var closed in expected.Where(p => !open.Contains(p)))
                notes.Add($"{TlsProbe.Target(host, closed)}: expected open, but it does not accept connections: not probed");

            var plainHttp = targets.Where(t => t.Scheme == Uri.UriSchemeHttp).Select(t => t.Port).ToHashSet();
            var tlsCandidates = targets.Where(t => t.Scheme == Uri.UriSchemeHttps).Select(t => t.Port)
                .Concat(open.Where(p => expected.Contains(p) || TlsPorts.Contains(p)))
                .Where(p => open.Contains(p) && !plainHttp.Contains(p))
                .Distinct().Order().ToList();
            var speaksTls = new HashSet<int>();
            foreach (var port in tlsCandidates)
            {
                var result = await tls.ProbeAsync(host, port, scope.EventStart, scope.EventEnd, cancellationToken).ConfigureAwait(false);
                if (result is not { } r)
                {
                    if (targets.Any(t => t.Scheme == Uri.UriSchemeHttps && t.Port == port)) notes.Add($"{TlsProbe.Target(host, port)}: an https target, but no TLS handshake completed");
                    continue;
                }
                speaksTls.Add(port);
                tlsReports.Add(r.Report);
                findings.AddRange(r.Findings);
                notes.AddRange(r.Report.Protocols.Concat(r.Report.WeakCiphers).Where(h => h.Verdict == ProbeVerdict.NotTested).Select(h => h.Note!).Distinct().Select(n => $"{r.Report.Target}: {n}"));
            }

            var silent = open.Where(p => !speaksTls.Contains(p) && !plainHttp.Contains(p)).ToList();
            var lines = await Task.WhenAll(silent.Select(async p => (port: p, line: await service.BannerAsync(host, p, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
            foreach (var (port, line) in lines)
            {
                if (line is null) continue;
                var target = TlsProbe.Target(host, port);
                banners.Add(new Banner(target, line));
                if (ServiceProbe.JudgeBanner(target, line) is { } f) findings.Add(f);
            }

            foreach (var url in targets)
            {
                if (!open.Contains(url.Port)) continue;
                var (headers, error) = await service.HeadersAsync(host, url, cancellationToken).ConfigureAwait(false);
                if (headers is null)
                {
                    notes.Add($"{url}: headers not checked: {error}");
                    continue;
                }
                foreach (var name in new[] { "Server", "X-Powered-By" })
                    if (headers.TryGetValue(name, out var value)) banners.Add(new Banner(url.ToString(), $"{name}: {value}"));
                findings.AddRange(ServiceProbe.JudgeHeaders(url, headers));
            }
        }

        return new HardeningReport(hosts, scans, tlsReports, banners, Rank(findings), notes, startedAt);
    }

    private static bool Same(Uri target, ProbeHost host) =>
        string.Equals(target.IdnHost.TrimStart('[').TrimEnd(']'), host.Host, StringComparison.OrdinalIgnoreCase);

    internal static List<HardeningFinding> Rank(IEnumerable<HardeningFinding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Target, StringComparer.Ordinal)];
}
