using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Http;

namespace Hypercare.LoadTesting.Safety;

/// <summary>
/// Decides, before any load request, whether every target of a run may be touched: it must be in scope, and it
/// must resolve only to loopback addresses or serve the engagement's token at
/// <c>/.well-known/hypercare-verification.txt</c>. Anything that cannot be established is a refusal (exit 3).
/// The run then connects only to the addresses vetted here, so a later DNS answer cannot redirect it.
/// </summary>
internal sealed class TargetGuard(Func<IPAddress, bool>? isLocal = null)
{
    public const string VerificationPath = "/.well-known/hypercare-verification.txt";

    private readonly Func<IPAddress, bool> _isLocal = isLocal ?? IPAddress.IsLoopback;

    public async Task<VettedTargets> VetAsync(IEnumerable<Uri> urls, TargetScope scope, bool insecure, CancellationToken cancellationToken)
    {
        var vetted = new Dictionary<string, IPAddress[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var url in urls.DistinctBy(u => $"{u.Scheme}://{u.IdnHost}:{u.Port}"))
        {
            if (url.Scheme is not ("http" or "https"))
                throw new SafetyRefusalException("unsupported-scheme", $"{url} is not an http or https URL", "targets are http:// or https:// URLs");
            if (!scope.Contains(url))
                throw new SafetyRefusalException("target-out-of-scope", $"{Origin(url)} is not in the scope of {scope.Source ?? "the engagement"}",
                    "add it to the engagement's scope (scope.targets or scope.hosts/ports) once the customer authorizes it, or name it explicitly");
            var host = url.IdnHost.ToLowerInvariant();
            var addresses = await ResolveAsync(url, cancellationToken);
            if (addresses.All(_isLocal))
            {
                vetted[host] = vetted.TryGetValue(host, out var known) ? [.. known.Union(addresses)] : addresses;
                continue;
            }
            if (string.IsNullOrWhiteSpace(scope.VerificationToken))
                throw new SafetyRefusalException("target-unverified", $"{Origin(url)} is outside loopback ({string.Join(", ", addresses.Select(a => a.ToString()))}) and there is no verification token to check",
                    $"record the engagement's verification token (scope.verification_token) and have the customer serve it at {Origin(url)}{VerificationPath}");
            await VerifyAsync(url, addresses, scope.VerificationToken, insecure, cancellationToken);
            vetted[host] = addresses;
        }
        return new VettedTargets(vetted);
    }

    private static string Origin(Uri url) => $"{url.Scheme}://{url.Authority}";

    private static async Task<IPAddress[]> ResolveAsync(Uri url, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal)) return [literal];
        try
        {
            var found = await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
            if (found.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
            return found;
        }
        catch (SocketException e)
        {
            throw new SafetyRefusalException("target-unresolved", $"{url.IdnHost} does not resolve ({e.SocketErrorCode}); no request was sent",
                "check the host name in the plan or the engagement's scope");
        }
    }

    private static async Task VerifyAsync(Uri url, IPAddress[] addresses, string token, bool insecure, CancellationToken cancellationToken)
    {
        var where = $"{Origin(url)}{VerificationPath}";
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            // The token, not the certificate, proves ownership; a plan that accepts any certificate accepts it here too.
            SslOptions = TlsOptions.For(insecure),
            // Only the addresses resolved above: the check and the run talk to the same machine.
            ConnectCallback = (context, ct) => VettedConnection.OpenAsync(new IPEndPoint(addresses[0], context.DnsEndPoint.Port), ct),
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        string body;
        try
        {
            using var response = await client.GetAsync(new Uri(url, VerificationPath), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw Refuse(where, $"it answered {(int)response.StatusCode}");
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[4096];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token)) > 0) read += n;
            body = Encoding.UTF8.GetString(buffer, 0, read).Trim();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Refuse(where, "it did not answer within 5 s");
        }
        catch (HttpRequestException e)
        {
            throw Refuse(where, $"the connection failed ({e.HttpRequestError})");
        }
        var expected = Encoding.UTF8.GetBytes(token.Trim());
        var served = Encoding.UTF8.GetBytes(body);
        if (!CryptographicOperations.FixedTimeEquals(expected, served))
            throw Refuse(where, "it serves a different token");
    }

    private static SafetyRefusalException Refuse(string where, string why) =>
        new("target-unverified", $"{where} could not verify the target: {why}; no load request was sent",
            "have the customer serve the engagement's verification token (exactly, as plain text) at that address, or use a loopback target");
}
