using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using System.Text.RegularExpressions;

namespace Hypercare.Inspection.Hardening;

/// <summary>HTTP security headers of a target URL, product versions in its headers, and the banners TCP services send on connect.</summary>
internal sealed partial class ServiceProbe(ProbeNetwork network)
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const long HstsMinimum = 180L * 24 * 3600;

    [GeneratedRegex(@"\d+(\.\d+)+|[A-Za-z][\w.+-]*[/_-]v?\d+(\.\d+)*")]
    private static partial Regex Version();

    [GeneratedRegex(@"max-age\s*=\s*""?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxAge();

    /// <summary>The response headers of <c>GET url</c> (no redirect followed), or the reason there are none.</summary>
    public async Task<(IReadOnlyDictionary<string, string>? Headers, string? Error)> HeadersAsync(ProbeHost host, Uri url, CancellationToken cancellationToken) =>
        await network.WithConnectionAsync(new IPEndPoint(host.Address, url.Port), async (stream, ct) =>
        {
            if (stream is null) return ((IReadOnlyDictionary<string, string>?)null, (string?)$"{url.Authority} does not accept connections");
            try
            {
                var channel = stream;
                SslStream? ssl = null;
                if (url.Scheme == Uri.UriSchemeHttps)
                {
                    ssl = new SslStream(stream, leaveInnerStreamOpen: true);
                    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = url.IdnHost,
                        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
#pragma warning disable CA5359 // The certificate is judged by the TLS probe; here only the headers matter.
                        RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
                    }, ct).ConfigureAwait(false);
                    channel = ssl;
                }
                await using (ssl)
                {
                    var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUser-Agent: hypercare-harden\r\nAccept: */*\r\nConnection: close\r\n\r\n";
                    await channel.WriteAsync(Encoding.ASCII.GetBytes(request), ct).ConfigureAwait(false);
                    var head = await ReadHeadAsync(channel, ct).ConfigureAwait(false);
                    return head is null ? (null, $"{url} sent no HTTP response") : (Parse(head), null);
                }
            }
            catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (null, $"{url}: {(e is OperationCanceledException ? "no response within the timeout" : e.Message)}");
            }
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The first line a service sends on connect, without being asked; null when it sends nothing within the timeout.</summary>
    public async Task<string?> BannerAsync(ProbeHost host, int port, CancellationToken cancellationToken) =>
        await network.WithConnectionAsync(new IPEndPoint(host.Address, port), async (stream, ct) =>
        {
            if (stream is null) return null;
            var buffer = new byte[512];
            var length = 0;
            try
            {
                while (length < buffer.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                    if (n == 0) break;
                    length += n;
                    if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0) break;
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Silence or a reset: whatever arrived is the banner.
            }
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var line = text.Split('\n')[0].Trim().TrimStart('+', '-').Trim();
            return line.Length == 0 || line.Any(c => char.IsControl(c)) ? null : line;
        }, cancellationToken).ConfigureAwait(false);

    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            length += n;
            var text = Encoding.Latin1.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0) return text[..end];
        }
        return length == 0 ? null : Encoding.Latin1.GetString(buffer, 0, length);
    }

    internal static Dictionary<string, string> Parse(string head)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }
        return headers;
    }

    /// <summary>Missing or weak security headers, and product versions in <c>Server</c> and <c>X-Powered-By</c>.</summary>
    internal static List<HardeningFinding> JudgeHeaders(Uri url, IReadOnlyDictionary<string, string> headers)
    {
        var findings = new List<HardeningFinding>();
        var target = url.ToString();
        if (url.Scheme == Uri.UriSchemeHttps)
        {
            if (!headers.TryGetValue("Strict-Transport-Security", out var hsts))
                findings.Add(new("header-hsts-missing", Severity.Medium, target, "no Strict-Transport-Security header: browsers may still reach the site over plain HTTP",
                    "send Strict-Transport-Security: max-age=31536000; includeSubDomains"));
            else if (MaxAge().Match(hsts) is not { Success: true } m || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age < HstsMinimum)
                findings.Add(new("header-hsts-short", Severity.Low, target, $"Strict-Transport-Security '{hsts}' has a max-age under 180 days ({HstsMinimum} s)",
                    "send Strict-Transport-Security: max-age=31536000; includeSubDomains"));
        }
        headers.TryGetValue("Content-Security-Policy", out var csp);
        if (csp is null)
            findings.Add(new("header-csp-missing", Severity.Medium, target, "no Content-Security-Policy header: injected scripts run unrestricted",
                "send a Content-Security-Policy, e.g. default-src 'self'; frame-ancestors 'none'; object-src 'none' (start with Content-Security-Policy-Report-Only)"));
        if (!headers.TryGetValue("X-Content-Type-Options", out var nosniff) || !nosniff.Equals("nosniff", StringComparison.OrdinalIgnoreCase))
            findings.Add(new("header-nosniff-missing", Severity.Low, target, nosniff is null ? "no X-Content-Type-Options header" : $"X-Content-Type-Options is '{nosniff}', not nosniff",
                "send X-Content-Type-Options: nosniff"));
        if (!headers.ContainsKey("X-Frame-Options") && (csp is null || !csp.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase)))
            findings.Add(new("header-framing-missing", Severity.Medium, target, "neither X-Frame-Options nor a CSP frame-ancestors directive: pages can be framed (clickjacking)",
                "send Content-Security-Policy: frame-ancestors 'none' (or 'self'), or X-Frame-Options: DENY"));
        if (!headers.ContainsKey("Referrer-Policy"))
            findings.Add(new("header-referrer-policy-missing", Severity.Low, target, "no Referrer-Policy header: full URLs may leak to other sites",
                "send Referrer-Policy: strict-origin-when-cross-origin (or no-referrer)"));
        foreach (var name in new[] { "Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version" })
            if (headers.TryGetValue(name, out var value) && (Version().IsMatch(value) || name != "Server"))
                findings.Add(new("banner-version-header", Severity.Low, target, $"{name}: {value} tells attackers which product{(Version().IsMatch(value) ? " and version" : "")} to target",
                    name == "Server" ? "hide the version (nginx: server_tokens off; Apache: ServerTokens Prod; Kestrel: AddServerHeader = false)" : $"remove the {name} header (e.g. expose_php = Off, or strip it at the proxy)"));
        return findings;
    }

    /// <summary>A finding when a service's banner names its version.</summary>
    internal static HardeningFinding? JudgeBanner(string target, string banner) => Version().IsMatch(banner)
        ? new HardeningFinding("banner-version-service", Severity.Low, target, $"the service announces its version on connect: '{banner}'",
            "hide the version in the banner (e.g. Postfix smtpd_banner = $myhostname ESMTP; vsftpd ftpd_banner; OpenSSH cannot hide it: allow port 22 only from admin hosts)")
        : null;
}
