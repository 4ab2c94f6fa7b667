using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hypercare.Inspection.Hardening;

/// <summary>
/// Whether this machine's TLS library can negotiate a protocol version (and a TLS 1.2 suite) at all: a handshake
/// between two in-process ends over loopback. When it cannot, a server's refusal says nothing about the server.
/// </summary>
internal static class LocalTlsCapability
{
    private static readonly ConcurrentDictionary<(SslProtocols, TlsCipherSuite?), Task<bool>> Known = new();

    public static Task<bool> SupportsAsync(SslProtocols protocol, TlsCipherSuite? suite, TimeProvider time) =>
        Known.GetOrAdd((protocol, suite), key => SafeCheckAsync(key.Item1, key.Item2, time));

    private static async Task<bool> SafeCheckAsync(SslProtocols protocol, TlsCipherSuite? suite, TimeProvider time)
    {
        try
        {
            return await CheckAsync(protocol, suite, time).ConfigureAwait(false);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static async Task<bool> CheckAsync(SslProtocols protocol, TlsCipherSuite? suite, TimeProvider time)
    {
        if (suite is not null && !OperatingSystem.IsLinux()) return false;
        using var certificate = Certificate(suite?.ToString().Contains("ECDSA", StringComparison.Ordinal) == true, time.GetUtcNow());
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        try
        {
            var accept = listener.AcceptTcpClientAsync(timeout.Token).AsTask();
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, timeout.Token).ConfigureAwait(false);
            using var server = await accept.ConfigureAwait(false);
            var serverEnd = new SslStream(server.GetStream());
            var clientEnd = new SslStream(client.GetStream());
            await using (serverEnd.ConfigureAwait(false))
            await using (clientEnd.ConfigureAwait(false))
            {
                var serverOptions = new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = protocol };
                var clientOptions = new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    EnabledSslProtocols = protocol,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
#pragma warning disable CA5359 // Both ends are this process; only whether the handshake completes matters.
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
                };
                if (suite is { } s && OperatingSystem.IsLinux())
                {
                    serverOptions.CipherSuitesPolicy = new CipherSuitesPolicy([s]);
                    clientOptions.CipherSuitesPolicy = new CipherSuitesPolicy([s]);
                }
                await Task.WhenAll(serverEnd.AuthenticateAsServerAsync(serverOptions, timeout.Token), clientEnd.AuthenticateAsClientAsync(clientOptions, timeout.Token)).ConfigureAwait(false);
                return true;
            }
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or System.ComponentModel.Win32Exception or NotSupportedException or PlatformNotSupportedException or OperationCanceledException)
        {
            return false;
        }
    }

    private static X509Certificate2 Certificate(bool ecdsa, DateTimeOffset now)
    {
        using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key is ECDsa ec
            ? new CertificateRequest("CN=localhost", ec, HashAlgorithmName.SHA256)
            : new CertificateRequest("CN=localhost", (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
