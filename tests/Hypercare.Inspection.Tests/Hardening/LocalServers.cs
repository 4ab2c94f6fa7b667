using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Hypercare.Inspection.Tests.Hardening;

/// <summary>A server on a loopback ephemeral port that handles each connection with a handler until disposed.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalServer(Func<NetworkStream, CancellationToken, Task> handle)
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            await handle(client.GetStream(), _stop.Token);
                        }
                        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException or System.ComponentModel.Win32Exception)
                        {
                            // Probes hang up mid-handshake on purpose.
                        }
                    }
                });
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }

    /// <summary>Accepts and says nothing until the client hangs up.</summary>
    public static LocalServer Silent() => new(async (stream, ct) =>
    {
        var buffer = new byte[256];
        while (await stream.ReadAsync(buffer, ct) > 0) { }
    });

    /// <summary>Sends a banner line on connect.</summary>
    public static LocalServer Banner(string line) => new(async (stream, ct) =>
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), ct);
        var buffer = new byte[256];
        while (await stream.ReadAsync(buffer, ct) > 0) { }
    });

    /// <summary>Answers every request with 200 and these headers.</summary>
    public static LocalServer Http(params string[] headers) => new((stream, ct) => Respond(stream, headers, ct));

    /// <summary>TLS with this certificate (and optionally these suites), then HTTP.</summary>
    public static LocalServer Tls(X509Certificate2 certificate, CipherSuitesPolicy? suites = null) => new(async (stream, ct) =>
    {
        using var ssl = new SslStream(stream);
        var options = new SslServerAuthenticationOptions { ServerCertificate = certificate, CipherSuitesPolicy = suites };
        await ssl.AuthenticateAsServerAsync(options, ct);
        await Respond(ssl, [], ct);
    });

    private static async Task Respond(Stream stream, string[] headers, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, ct);
            if (n == 0) return;
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        var response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\nok";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), ct);
        await stream.FlushAsync(ct);
    }

    /// <summary>A self-signed certificate for localhost and 127.0.0.1, valid over the given window.</summary>
    public static X509Certificate2 Certificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
