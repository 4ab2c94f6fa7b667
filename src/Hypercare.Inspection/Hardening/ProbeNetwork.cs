using System.Net;
using System.Net.Sockets;

namespace Hypercare.Inspection.Hardening;

/// <summary>Opens a TCP connection; null when the port is closed or does not answer.</summary>
internal delegate Task<Stream?> Connector(IPEndPoint endpoint, CancellationToken cancellationToken);

/// <summary>
/// The one way probes reach the network: loopback addresses only, at most so many new connections per second (timed
/// by the injected clock), at most so many open at once, each step bounded by the timeout.
/// </summary>
internal sealed class ProbeNetwork : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Connector _connect;
    private readonly SemaphoreSlim _open;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public ProbeNetwork(TimeProvider time, HardeningOptions options, Connector? connect = null)
    {
        _time = time;
        _connect = connect ?? ConnectTcpAsync;
        _open = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        _interval = TimeSpan.FromSeconds(1 / Math.Max(0.001, options.ConnectionsPerSecond));
        Timeout = options.EffectiveTimeout;
    }

    public TimeSpan Timeout { get; }

    public void Dispose() => _open.Dispose();

    public TimeProvider Time => _time;

    /// <summary>A token cancelled after the timeout (by the injected clock) or with the caller's.</summary>
    public Deadline Deadline(CancellationToken cancellationToken)
    {
        var timeout = new CancellationTokenSource(Timeout, _time);
        return new Deadline(timeout, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token));
    }

    /// <summary>Connects (after its turn under the rate), hands the stream to <paramref name="use"/> (null when closed), and closes it.</summary>
    public async Task<T> WithConnectionAsync<T>(IPEndPoint endpoint, Func<Stream?, CancellationToken, Task<T>> use, CancellationToken cancellationToken)
    {
        if (!IPAddress.IsLoopback(endpoint.Address))
            throw new InvalidOperationException($"refusing to connect to {endpoint}: probes connect only to loopback addresses");
        await _open.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            Stream? stream;
            using (var deadline = Deadline(cancellationToken))
            {
                try
                {
                    stream = await _connect(endpoint, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    stream = null;
                }
            }
            await using (stream)
            {
                using var deadline = Deadline(cancellationToken);
                return await use(stream, deadline.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            _open.Release();
        }
    }

    /// <summary>Waits until the next connection is allowed under the rate.</summary>
    private Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + _interval;
            wait = slot - now;
        }
        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;
    }

    private static async Task<Stream?> ConnectTcpAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A timeout by the injected clock, linked with the caller's cancellation.</summary>
internal sealed class Deadline(CancellationTokenSource timeout, CancellationTokenSource linked) : IDisposable
{
    public CancellationToken Token => linked.Token;

    public void Dispose()
    {
        linked.Dispose();
        timeout.Dispose();
    }
}

/// <summary>A stream that counts what was written through it: a TLS handshake that failed before writing a byte was refused by this machine, not by the server.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long Written { get; private set; }

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Written += count;
        inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Written += buffer.Length;
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Written += count;
        return inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
