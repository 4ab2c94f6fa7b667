using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;

namespace Hypercare.LoadTesting.Http;

/// <summary>
/// The engine for TLS and HTTP/2 targets: .NET's SocketsHttpHandler with one shared connection pool. Connections
/// go only to vetted addresses: the connect callback never resolves a name itself.
/// </summary>
internal sealed class HttpClientEngine : IHttpEngine
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Version _version;

    public HttpClientEngine(VettedTargets targets, int maxConnections, TimeSpan timeout, TimeProvider time, bool http2, bool insecure)
    {
        _time = time;
        _timeout = timeout;
        _version = http2 ? HttpVersion.Version20 : HttpVersion.Version11;
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            EnableMultipleHttp2Connections = true,
            SslOptions = TlsOptions.For(insecure),
            ConnectCallback = (context, ct) => VettedConnection.OpenAsync(
                targets.EndpointFor(new UriBuilder("http", context.DnsEndPoint.Host, context.DnsEndPoint.Port).Uri)
                    ?? throw new HttpRequestException(HttpRequestError.ConnectionError, $"{context.DnsEndPoint.Host} is not a vetted target of this run"), ct),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Name => "httpclient";

    public bool UsesSerializedRequests => false;

    public IHttpSession OpenSession() => new Session(this);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Session(HttpClientEngine engine) : IHttpSession
    {
        public async ValueTask<Exchange> SendAsync(OutgoingRequest request, Capture capture, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url) { Version = engine._version, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
            string? contentType = null;
            foreach (var (name, value) in request.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) { contentType = value; continue; }
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                message.Headers.TryAddWithoutValidation(name, value);
            }
            if (request.Body is { } body)
            {
                message.Content = new ByteArrayContent(body);
                if (contentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(engine._timeout);
            var sent = engine._time.GetTimestamp();
            try
            {
                using var response = await engine._client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                byte[]? bytes = null;
                long length;
                if ((capture & Capture.Body) != 0)
                {
                    bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                    length = bytes.Length;
                }
                else
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                    length = await Drain(stream, timeout.Token);
                }
                List<KeyValuePair<string, string>>? headers = null;
                if ((capture & Capture.Headers) != 0)
                {
                    headers = [];
                    Add(headers, response.Headers);
                    Add(headers, response.Content.Headers);
                }
                return new Exchange((int)response.StatusCode, TransportError.None, null, sent, engine._time.GetTimestamp(), length, bytes, headers);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(TransportError.Timeout, $"no complete response within {engine._timeout.TotalMilliseconds:0} ms", sent);
            }
            catch (HttpRequestException e)
            {
                var kind = e.HttpRequestError switch
                {
                    HttpRequestError.NameResolutionError => TransportError.Dns,
                    HttpRequestError.SecureConnectionError => TransportError.Tls,
                    HttpRequestError.ConnectionError => TransportError.Connect,
                    HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.ConfigurationLimitExceeded => TransportError.Protocol,
                    _ when e.InnerException is AuthenticationException => TransportError.Tls,
                    _ => TransportError.Reset,
                };
                return Failed(kind, e.Message, sent);
            }
            catch (IOException e)
            {
                return Failed(TransportError.Reset, e.Message, sent);
            }
        }

        private Exchange Failed(TransportError error, string message, long sent) =>
            new(0, error, message, sent, engine._time.GetTimestamp(), 0, null, null);

        private static void Add(List<KeyValuePair<string, string>> list, HttpHeaders headers)
        {
            foreach (var (name, values) in headers)
                foreach (var v in values) list.Add(new(name, v));
        }

        private static async Task<long> Drain(Stream stream, CancellationToken ct)
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                long total = 0;
                int n;
                while ((n = await stream.ReadAsync(buffer, ct)) > 0) total += n;
                return total;
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        // The shared pool opens connections on demand; there is nothing per user to open.
        public ValueTask PrepareAsync(Uri target, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
