using System.Net;
using System.Net.Security;
using Hypercare.Core.Problems;
using Hypercare.Inspection.Hardening;
using Hypercare.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Inspection.Tests.Hardening;

public sealed class HardeningProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();
    private static readonly DateTimeOffset EventStart = Now.AddDays(60);
    private static readonly DateTimeOffset EventEnd = Now.AddDays(65);

    private static HardeningScope Scope(IEnumerable<Uri>? targets = null, IEnumerable<string>? hosts = null, IEnumerable<int>? ports = null, bool authorized = true) =>
        new([.. targets ?? []], [.. hosts ?? ["127.0.0.1"]], [.. ports ?? []], authorized, EventStart, EventEnd);

    /// <summary>Scans only the listed ports (and the expected ones), so that whatever else listens on this machine stays out of the tests.</summary>
    private static HardeningOptions Only(params int[] ports) => new(ports, ConnectionsPerSecond: 500, Concurrency: 8, Timeout: Timeout);

    private static Task<HardeningReport> Run(HardeningScope scope, HardeningOptions options) => new HardeningProbe(TimeProvider.System).RunAsync(scope, options);

    [Fact]
    public async Task ACertificateExpiringBeforeTheEventStarts_IsCritical()
    {
        using var certificate = LocalServer.Certificate(Now.AddDays(-1), Now.AddDays(10));
        await using var server = LocalServer.Tls(certificate);
        var report = await Run(Scope(ports: [server.Port]), Only());

        var tls = Assert.Single(report.Tls);
        Assert.Equal($"127.0.0.1:{server.Port}", tls.Target);
        Assert.Equal("CN=localhost", tls.Chain[0].Subject);
        Assert.True(tls.Chain[0].SelfSigned);
        Assert.NotEmpty(tls.ChainErrors);
        var expiry = Assert.Single(report.Findings, f => f.Kind.StartsWith("tls-expire", StringComparison.Ordinal));
        Assert.Equal(("tls-expires-before-event", Severity.Critical), (expiry.Kind, expiry.Severity));
        Assert.Contains("before the event starts", expiry.Message, StringComparison.Ordinal);
        Assert.Equal(expiry, report.Findings[0]);
        Assert.Contains(report.Findings, f => f.Kind == "tls-self-signed");
    }

    [Fact]
    public async Task ACertificateValidWellPastTheEvent_HasNoExpiryFinding_AndTheVersionsAreReportedWithoutGuessing()
    {
        using var certificate = LocalServer.Certificate(Now.AddDays(-1), Now.AddDays(400));
        await using var server = LocalServer.Tls(certificate);
        var report = await Run(Scope(ports: [server.Port]), Only());

        var tls = Assert.Single(report.Tls);
        Assert.DoesNotContain(report.Findings, f => f.Kind.StartsWith("tls-expire", StringComparison.Ordinal));
        Assert.Contains(tls.Protocols, p => p is { Name: "TLS 1.2", Verdict: ProbeVerdict.Accepted });
        Assert.Contains(tls.Protocols, p => p is { Name: "TLS 1.3", Verdict: ProbeVerdict.Accepted });
        foreach (var legacy in tls.Protocols.Where(p => p.Name is "TLS 1.0" or "TLS 1.1"))
            Assert.True(legacy.Verdict == ProbeVerdict.Refused || legacy is { Verdict: ProbeVerdict.NotTested, Note: "not tested: this machine's TLS library refuses TLS 1.0/1.1" }, $"{legacy}");
        Assert.Equal(TlsProbe.WeakSuites.Length, tls.WeakCiphers.Count);
    }

    [Fact]
    public async Task AWeakSuiteTheServerAccepts_IsReported_OrSaidNotTested()
    {
        if (!OperatingSystem.IsLinux()) return; // cipher suites are pinned through OpenSSL
        using var certificate = LocalServer.Certificate(Now.AddDays(-1), Now.AddDays(400));
        await using var server = LocalServer.Tls(certificate, new CipherSuitesPolicy([TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_128_GCM_SHA256]));
        var report = await Run(Scope(ports: [server.Port]), Only());

        var cbc = Assert.Single(report.Tls).WeakCiphers.Single(c => c.Name == nameof(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA));
        if (cbc.Verdict == ProbeVerdict.Accepted)
            Assert.Contains(report.Findings, f => f.Kind == "tls-weak-cipher" && f.Message.Contains(cbc.Name, StringComparison.Ordinal));
        else
            Assert.Equal(ProbeVerdict.NotTested, cbc.Verdict);
        Assert.NotEqual(ProbeVerdict.Accepted, report.Tls[0].WeakCiphers.Single(c => c.Name == nameof(TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384)).Verdict);
    }

    [Fact]
    public async Task AnOpenPortNotExpected_IsAFinding_AndAnExpectedOneIsNot()
    {
        await using var expected = LocalServer.Silent();
        await using var stray = LocalServer.Silent();
        var report = await Run(Scope(ports: [expected.Port]), Only(stray.Port));

        var scan = Assert.Single(report.Ports);
        Assert.Equal([.. new[] { expected.Port, stray.Port }.Order()], scan.Open);
        var finding = Assert.Single(report.Findings, f => f.Kind == "unexpected-open-port");
        Assert.Equal($"127.0.0.1:{stray.Port}", finding.Target);
        Assert.Contains($"port {stray.Port}", finding.Message, StringComparison.Ordinal);
        Assert.Contains("scope.ports", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlainResponderWithoutSecurityHeaders_AndAVersionedServerHeader_IsFound()
    {
        await using var server = LocalServer.Http("Server: nginx/1.18.0");
        var url = new Uri($"http://127.0.0.1:{server.Port}/");
        var report = await Run(Scope([url]), Only());

        var kinds = report.Findings.Select(f => f.Kind).ToList();
        Assert.Equivalent(new[] { "header-csp-missing", "header-framing-missing", "header-nosniff-missing", "header-referrer-policy-missing", "banner-version-header" }, kinds, strict: true);
        Assert.DoesNotContain("header-hsts-missing", kinds);
        Assert.Contains("nginx/1.18.0", report.Findings.Single(f => f.Kind == "banner-version-header").Message, StringComparison.Ordinal);
        Assert.Contains(report.Banners, b => b.Text == "Server: nginx/1.18.0");
    }

    [Fact]
    public async Task AResponderWithGoodHeaders_HasNoFinding()
    {
        await using var server = LocalServer.Http("Server: nginx", "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'", "X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer");
        var report = await Run(Scope([new Uri($"http://127.0.0.1:{server.Port}/")]), Only());
        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task AServiceAnnouncingItsVersion_IsFound()
    {
        await using var server = LocalServer.Banner("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6");
        var report = await Run(Scope(ports: [server.Port]), Only());
        Assert.Contains(report.Banners, b => b.Text.StartsWith("SSH-2.0-OpenSSH_8.9p1", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Kind == "banner-version-service" && f.Target == $"127.0.0.1:{server.Port}");
    }

    [Fact]
    public async Task WithoutTheScanningAuthorization_NothingIsConnected()
    {
        var connected = new List<IPEndPoint>();
        var probe = new HardeningProbe(TimeProvider.System, null, (e, _) => { connected.Add(e); return Task.FromResult<Stream?>(null); });
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => probe.RunAsync(Scope(authorized: false), Only(1)));
        Assert.Equal(FailureKind.Refused, e.Kind);
        Assert.Equal("authorization-missing", e.Problems[0].Code);
        Assert.Contains("--kind vulnerability-and-port-scanning", e.Problems[0].Hint, StringComparison.Ordinal);
        Assert.Contains("authorizations", e.Problems[0].Hint, StringComparison.Ordinal);
        Assert.Empty(connected);
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("2001:db8::10")]
    public async Task ANonLoopbackHost_IsRefusedBeforeAnyResolutionOrConnection(string host)
    {
        var resolved = new List<string>();
        var connected = new List<IPEndPoint>();
        var probe = new HardeningProbe(TimeProvider.System, (h, _) => { resolved.Add(h); return Task.FromResult(new[] { IPAddress.Loopback }); },
            (e, _) => { connected.Add(e); return Task.FromResult<Stream?>(null); });
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => probe.RunAsync(Scope(hosts: ["127.0.0.1", host]), Only(1)));
        Assert.Equal("target-not-loopback", e.Problems[0].Code);
        Assert.Contains("active probes run only against loopback targets in this version", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains(host, e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Empty(resolved);
        Assert.Empty(connected);
    }

    [Fact]
    public async Task ANameResolvingToLoopbackAndBeyond_IsRefused_NamingTheAddresses()
    {
        var connected = new List<IPEndPoint>();
        var probe = new HardeningProbe(TimeProvider.System, (_, _) => Task.FromResult(new[] { IPAddress.Loopback, IPAddress.Parse("192.0.2.10") }),
            (e, _) => { connected.Add(e); return Task.FromResult<Stream?>(null); });
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => probe.RunAsync(Scope([new Uri("https://shop.example/")], hosts: []), Only(443)));
        Assert.Contains("shop.example resolves to 127.0.0.1, 192.0.2.10", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Empty(connected);
    }

    [Fact]
    public async Task Connections_StartNoFasterThanTheRate_ByTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var attempts = new List<DateTimeOffset>();
        var probe = new HardeningProbe(clock, null, (_, _) =>
        {
            lock (attempts) attempts.Add(clock.GetUtcNow());
            return Task.FromResult<Stream?>(null);
        });
        var run = probe.RunAsync(Scope(), new HardeningOptions([1, 2, 3, 4, 5, 6], ConnectionsPerSecond: 2, Concurrency: 4, Timeout: Timeout));
        for (var i = 0; i < 10_000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            lock (attempts)
                Assert.True(attempts.Count <= 1 + (clock.GetUtcNow() - new DateTimeOffset(2027, 11, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds * 2, $"{attempts.Count} connections by {clock.GetUtcNow():O}");
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        var report = await run;
        Assert.Equal(6, attempts.Count);
        Assert.Empty(report.Ports[0].Open);
        for (var i = 1; i < attempts.Count; i++)
            Assert.True(attempts[i] - attempts[i - 1] >= TimeSpan.FromMilliseconds(500), $"connection {i} started {(attempts[i] - attempts[i - 1]).TotalMilliseconds} ms after the one before");
    }

    [Fact]
    public void ThePlan_MergesTheInventorysExposure_RankedBySeverityThenKind()
    {
        var graph = InventoryReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "shop-infra"));
        var inventory = Inspector.Run(new InspectionContext(graph, EventTargets.None));
        var report = new HardeningReport([], [], [], [],
            [new("header-csp-missing", Severity.Medium, "http://127.0.0.1:8080/", "no CSP", "send one"), new("tls-expires-before-event", Severity.Critical, "127.0.0.1:8443", "expires", "renew")], [], Now);
        var plan = HardeningPlan.Build(report, inventory);

        Assert.Equal(Severity.Critical, plan.Items[0].Severity);
        Assert.True(plan.Items.ToList().FindIndex(i => i.Kind == "tls-expires-before-event") < plan.Items.ToList().FindIndex(i => i.Kind == "header-csp-missing"));
        Assert.Contains(plan.Items, i => i is { Source: "inventory", Kind: "HC-ALI-SEC-001" });
        Assert.DoesNotContain(plan.Items, i => i.Kind.Contains("-CAP-", StringComparison.Ordinal) || i.Kind.Contains("-AVL-", StringComparison.Ordinal));
        Assert.Equal(plan.Items.OrderByDescending(i => i.Severity).ThenBy(i => i.Kind, StringComparer.Ordinal).ToList(), plan.Items);
    }
}

public sealed class TlsJudgementTests
{
    private static readonly DateTimeOffset Now = new(2027, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2027, 11, 25, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2027, 11, 30, 5, 0, 0, TimeSpan.Zero);

    private static TlsReport Report(DateTimeOffset notAfter, params HandshakeResult[] protocols) =>
        new("127.0.0.1:8443", [new CertificateInfo("CN=shop", "CN=Some CA", notAfter, false)], [], protocols, []);

    [Theory]
    [InlineData(-1, "tls-expired", Severity.Critical)]
    [InlineData(20, "tls-expires-before-event", Severity.Critical)]
    [InlineData(87, "tls-expires-during-event", Severity.High)]
    [InlineData(400, null, null)]
    public void Expiry_IsHeldAgainstTheEvent(int days, string? kind, Severity? severity)
    {
        var findings = TlsProbe.Judge(Report(Now.AddDays(days)), Now, Start, End);
        Assert.Equal(kind, findings.SingleOrDefault()?.Kind);
        Assert.Equal(severity, findings.SingleOrDefault()?.Severity);
    }

    [Fact]
    public void WithoutAnEvent_ACertificateEndingWithin30Days_IsMedium()
    {
        var finding = Assert.Single(TlsProbe.Judge(Report(Now.AddDays(20)), Now, null, null));
        Assert.Equal(("tls-expires-soon", Severity.Medium), (finding.Kind, finding.Severity));
    }

    [Fact]
    public void LegacyVersionsAccepted_AreHigh_AndNotTestedIsNotAFinding()
    {
        var findings = TlsProbe.Judge(Report(Now.AddDays(400), new("TLS 1.1", ProbeVerdict.NotTested, "not tested"), new("TLS 1.0", ProbeVerdict.Accepted)), Now, Start, End);
        var legacy = Assert.Single(findings);
        Assert.Equal(("tls-legacy-protocol", Severity.High, "accepts TLS 1.0"), (legacy.Kind, legacy.Severity, legacy.Message));
    }
}
