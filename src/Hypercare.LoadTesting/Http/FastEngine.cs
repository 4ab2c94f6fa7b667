using Hypercare.LoadTesting.Http.Fast;

namespace Hypercare.LoadTesting.Http;

/// <summary>
/// The fast engine for plain-HTTP/1.1 targets: each session owns one keep-alive connection on a raw socket
/// and sends pre-serialized bytes when the step never changes. It reconnects after the server closes or an error.
/// </summary>
/// <remarks>
/// Requests are sent without a cancellable token: linking and arming a token per request costs more than the
/// request itself at wrk's rates. A watchdog instead closes connections whose request is past its deadline, and
/// <see cref="Abort"/> closes all of them when the run stops; the waiting send then fails and is counted as a
/// timeout or ignored.
/// </remarks>
internal sealed class FastEngine : IHttpEngine
{
    private readonly VettedTargets _targets;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly List<Session> _sessions = [];
    private readonly Lock _gate = new();
    private readonly ITimer _watchdog;
    private volatile bool _aborted;

    public FastEngine(VettedTargets targets, TimeSpan timeout, TimeProvider time)
    {
        _targets = targets;
        _timeout = timeout;
        _time = time;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(timeout.TotalMilliseconds / 10, 10, 250));
        _watchdog = time.CreateTimer(_ => Watch(), null, period, period);
    }

    public string Name => "fast";

    public bool UsesSerializedRequests => true;

    public IHttpSession OpenSession()
    {
        var session = new Session(this);
        lock (_gate) _sessions.Add(session);
        return session;
    }

    /// <summary>Closes every connection so that pending sends end now.</summary>
    public void Abort()
    {
        _aborted = true;
        Session[] all;
        lock (_gate) all = [.. _sessions];
        foreach (var s in all) s.Close(timedOut: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _watchdog.DisposeAsync();
        Abort();
    }

    /// <summary>The wire bytes of a request.</summary>
    public static byte[] Serialize(OutgoingRequest request)
    {
        var url = request.Url;
        var hostName = url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]" : url.IdnHost;
        var host = url.IsDefaultPort ? hostName : $"{hostName}:{url.Port}";
        return Http1RequestWriter.Serialize(request.Method, url.PathAndQuery, host, request.Headers, request.Body ?? []);
    }

    private void Watch()
    {
        var now = _time.GetTimestamp();
        Session[] all;
        lock (_gate) all = [.. _sessions];
        foreach (var s in all)
        {
            var deadline = Volatile.Read(ref s.Deadline);
            if (deadline != 0 && now > deadline) s.Close(timedOut: true);
        }
    }

    private sealed class Session(FastEngine engine) : IHttpSession
    {
        public long Deadline;
        private Http1Connection? _connection;
        private volatile bool _timedOut;

        public void Close(bool timedOut)
        {
            if (timedOut) _timedOut = true;
            Interlocked.Exchange(ref _connection, null)?.Dispose();
        }

        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<Exchange> SendAsync(OutgoingRequest request, Capture capture, CancellationToken cancellationToken)
        {
            var bytes = request.Serialized ?? Serialize(request);
            var time = engine._time;
            var sent = time.GetTimestamp();
            _timedOut = false;
            Volatile.Write(ref Deadline, sent + (long)(engine._timeout.TotalSeconds * time.TimestampFrequency));
            try
            {
                var connection = _connection;
                if (connection is null || !connection.IsReusable)
                {
                    connection?.Dispose();
                    var endpoint = engine._targets.EndpointFor(request.Url)
                        ?? throw new Http1Exception(TransportError.Connect, $"{request.Url.Host} is not a vetted target of this run");
                    connection = await Http1Connection.ConnectAsync(endpoint, cancellationToken);
                    _connection = connection;
                    if (engine._aborted) { Close(false); throw new OperationCanceledException(cancellationToken); }
                    sent = time.GetTimestamp();
                }
                var isHead = request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
                var flags = ResponseCapture.None;
                if ((capture & Capture.Headers) != 0) flags |= ResponseCapture.Headers;
                if ((capture & Capture.Body) != 0) flags |= ResponseCapture.Body;
                var response = await connection.SendAsync(bytes, flags, isHead, CancellationToken.None);
                return new Exchange(response.StatusCode, TransportError.None, null, sent, time.GetTimestamp(), response.BytesReceived, response.Body, response.Headers);
            }
            catch (Exception e) when (e is Http1Exception or ObjectDisposedException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                Close(false);
                if (_timedOut) return Failed(TransportError.Timeout, $"no complete response within {engine._timeout.TotalMilliseconds:0} ms", sent);
                if (engine._aborted || cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
                return Failed(e is Http1Exception h ? h.Error : TransportError.Reset, e.Message, sent);
            }
            finally
            {
                Volatile.Write(ref Deadline, 0);
            }
        }

        public async ValueTask PrepareAsync(Uri target, CancellationToken cancellationToken)
        {
            if (_connection is not null || engine._targets.EndpointFor(target) is not { } endpoint) return;
            try
            {
                _connection = await Http1Connection.ConnectAsync(endpoint, cancellationToken);
            }
            catch (Http1Exception)
            {
                // Counted when the first request tries again.
            }
        }

        private Exchange Failed(TransportError error, string message, long sent) =>
            new(0, error, message, sent, engine._time.GetTimestamp(), 0, null, null);

        public ValueTask DisposeAsync()
        {
            Close(false);
            return ValueTask.CompletedTask;
        }
    }
}
