using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hypercare.LoadTesting.Http.Fast;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends pre-serialized requests and reads one response
/// per request. It is built for load generation: in the steady state (no capture) a request does
/// not allocate, because the response is parsed in place in a receive buffer the connection owns
/// and the async method's state is pooled.
/// </summary>
/// <remarks>
/// Not thread-safe: one request at a time. Failures throw <see cref="Http1Exception"/>. Timeouts
/// are the caller's: cancelling the token makes <see cref="SendAsync"/> throw
/// <see cref="OperationCanceledException"/> unchanged, so the caller can tell its own timeout from a
/// shutdown and report <see cref="TransportError.Timeout"/> itself. A cancellable token makes every
/// socket operation register for cancellation; a caller that wants to avoid that cost can instead
/// dispose the connection from a watchdog, which ends a pending exchange with
/// <see cref="ObjectDisposedException"/>. After any exception, and after a
/// response that closes the connection, <see cref="IsReusable"/> is false and the connection
/// should be disposed.
/// </remarks>
internal sealed class Http1Connection : IAsyncDisposable, IDisposable
{
    internal const int InitialBufferSize = 16 * 1024;
    internal const int MaxHeaderSectionBytes = 64 * 1024;
    private const int MaxChunkSizeLineBytes = 4 * 1024;
    private const int MinReceiveSpace = 2 * 1024;
    private const int MaxQuotedBytes = 80;

    private readonly Socket _socket;
    private byte[] _buffer = GC.AllocateUninitializedArray<byte>(InitialBufferSize, pinned: true);
    private int _start;
    private int _end;
    private int _busy;
    private bool _broken;
    private bool _disposed;

    // State of the response being read; reset by BeginResponse.
    private Phase _phase;
    private int _headScan;
    private long _remaining;
    private long _bodyLength;
    private long _bytesReceived;
    private int _trailerBytes;
    private int _statusCode;
    private bool _closing;
    private bool _isHead;
    private ResponseCapture _capture;
    private List<KeyValuePair<string, string>>? _headers;
    private byte[]? _fixedBody;
    private int _fixedBodyWritten;
    private ArrayBufferWriter<byte>? _bodyWriter;

    private Http1Connection(Socket socket, EndPoint remoteEndPoint)
    {
        _socket = socket;
        RemoteEndPoint = remoteEndPoint;
    }

    private enum Phase
    {
        Head,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Complete,
    }

    public EndPoint RemoteEndPoint { get; }

    /// <summary>False once the server announced a close, an exchange failed, or the connection was disposed.</summary>
    public bool IsReusable => !_broken && !Volatile.Read(ref _disposed);

    /// <summary>Opens a TCP connection with Nagle's algorithm off (requests are written whole).</summary>
    /// <exception cref="Http1Exception">
    /// <see cref="TransportError.Connect"/> when refused or unreachable; <see cref="TransportError.Dns"/>
    /// when a <see cref="DnsEndPoint"/> does not resolve.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static async ValueTask<Http1Connection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = endPoint is DnsEndPoint
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new Http1Connection(socket, endPoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var error = e.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
                ? TransportError.Dns
                : TransportError.Connect;
            throw new Http1Exception(error, $"Could not connect to {endPoint}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="request"/> (as made by <see cref="Http1RequestWriter"/>) and reads
    /// exactly one final response, skipping interim 1xx responses.
    /// </summary>
    /// <param name="request">The serialized request.</param>
    /// <param name="capture">Which parts of the response to copy out; the rest is only counted.</param>
    /// <param name="isHead">The request is HEAD, so the response has no body whatever its headers say.</param>
    /// <param name="cancellationToken">Cancels the exchange; the connection is then not reusable.</param>
    /// <exception cref="Http1Exception">
    /// <see cref="TransportError.Reset"/> when the connection is reset or closed before the response is
    /// complete; <see cref="TransportError.Protocol"/> when the response is not valid HTTP/1.x.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The connection is not reusable or is already busy.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Http1Response> SendAsync(
        ReadOnlyMemory<byte> request,
        ResponseCapture capture,
        bool isHead,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        if (_broken)
        {
            throw new InvalidOperationException("The connection is not reusable: the server closed it or an earlier exchange failed.");
        }
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The connection is already sending a request; it carries one exchange at a time.");
        }
        try
        {
            BeginResponse(capture, isHead);
            while (!request.IsEmpty)
            {
                int sent;
                try
                {
                    sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
                }
                catch (SocketException e) when (!Volatile.Read(ref _disposed))
                {
                    throw TransportFailure(e, "sending the request");
                }
                request = request[sent..];
            }

            while (!Advance())
            {
                var space = ReceiveSpace();
                int received;
                try
                {
                    received = await _socket.ReceiveAsync(space, SocketFlags.None, cancellationToken);
                }
                catch (SocketException e) when (!Volatile.Read(ref _disposed))
                {
                    throw TransportFailure(e, "reading the response");
                }
                if (received == 0)
                {
                    if (_phase == Phase.UntilClose)
                    {
                        _phase = Phase.Complete;
                        continue;
                    }
                    throw EndOfStream();
                }
                _end += received;
            }
            return EndResponse();
        }
        catch (Exception e) when (Volatile.Read(ref _disposed) && e is SocketException or ObjectDisposedException)
        {
            _broken = true;
            throw new ObjectDisposedException(nameof(Http1Connection), "The connection was disposed during the exchange.");
        }
        catch
        {
            _broken = true;
            throw;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, true))
        {
            return;
        }
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void BeginResponse(ResponseCapture capture, bool isHead)
    {
        _phase = Phase.Head;
        _headScan = 0;
        _remaining = 0;
        _bodyLength = 0;
        _bytesReceived = 0;
        _trailerBytes = 0;
        _statusCode = 0;
        _closing = false;
        _isHead = isHead;
        _capture = capture;
        _headers = null;
        _fixedBody = null;
        _fixedBodyWritten = 0;
        _bodyWriter?.ResetWrittenCount();
    }

    private Http1Response EndResponse()
    {
        byte[]? body = null;
        if ((_capture & ResponseCapture.Body) != 0)
        {
            body = _fixedBody
                ?? (_bodyWriter is { WrittenCount: > 0 } writer ? writer.WrittenSpan.ToArray() : []);
        }
        if (_closing)
        {
            _broken = true;
        }
        var response = new Http1Response(_statusCode, _bodyLength, _closing, _bytesReceived, _headers, body);
        _headers = null;
        _fixedBody = null;
        return response;
    }

    /// <summary>Where the next receive writes; compacts or grows the buffer when little room is left.</summary>
    private Memory<byte> ReceiveSpace()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_buffer.Length - _end < MinReceiveSpace)
        {
            var pending = _end - _start;
            // Growth happens only while a line (status, header, chunk size, trailer) is incomplete,
            // and the parser bounds each of those, so the buffer cannot grow without limit.
            var target = pending + MinReceiveSpace > _buffer.Length
                ? GC.AllocateUninitializedArray<byte>(_buffer.Length * 2, pinned: true)
                : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, pending);
            _buffer = target;
            _start = 0;
            _end = pending;
        }
        return _buffer.AsMemory(_end);
    }

    private void Consume(int count)
    {
        _start += count;
        _bytesReceived += count;
    }

    /// <summary>Parses as much of the buffered data as possible; true once the response is complete.</summary>
    private bool Advance()
    {
        while (true)
        {
            switch (_phase)
            {
                case Phase.Head:
                    if (!TryReadHead())
                    {
                        return false;
                    }
                    break;

                case Phase.FixedBody:
                case Phase.ChunkData:
                {
                    var take = (int)Math.Min(_remaining, _end - _start);
                    if (take > 0)
                    {
                        TakeBody(take);
                        _remaining -= take;
                    }
                    if (_remaining > 0)
                    {
                        return false;
                    }
                    _phase = _phase == Phase.FixedBody ? Phase.Complete : Phase.ChunkDataEnd;
                    break;
                }

                case Phase.ChunkSize:
                {
                    if (!TryReadLine(MaxChunkSizeLineBytes, "chunk size line", out var line))
                    {
                        return false;
                    }
                    var size = ParseChunkSize(line);
                    if (size == 0)
                    {
                        _phase = Phase.Trailers;
                    }
                    else
                    {
                        _remaining = size;
                        _phase = Phase.ChunkData;
                    }
                    break;
                }

                case Phase.ChunkDataEnd:
                {
                    if (!TryReadLine(MaxChunkSizeLineBytes, "chunk terminator", out var line))
                    {
                        return false;
                    }
                    if (!line.IsEmpty)
                    {
                        throw Protocol($"chunk data is not followed by CRLF (found '{Quote(line)}'); the chunk size may be wrong");
                    }
                    _phase = Phase.ChunkSize;
                    break;
                }

                case Phase.Trailers:
                {
                    var before = _start;
                    if (!TryReadLine(MaxHeaderSectionBytes, "trailer section", out var line))
                    {
                        return false;
                    }
                    _trailerBytes += _start - before;
                    if (_trailerBytes > MaxHeaderSectionBytes)
                    {
                        throw Protocol($"trailer section exceeds {MaxHeaderSectionBytes} bytes");
                    }
                    if (line.IsEmpty)
                    {
                        _phase = Phase.Complete;
                    }
                    else if (line.IndexOf((byte)':') <= 0)
                    {
                        throw Protocol($"malformed trailer line '{Quote(line)}'");
                    }
                    break;
                }

                case Phase.UntilClose:
                    if (_end > _start)
                    {
                        TakeBody(_end - _start);
                    }
                    return false;

                case Phase.Complete:
                    return true;
            }
        }
    }

    private void TakeBody(int count)
    {
        if ((_capture & ResponseCapture.Body) != 0)
        {
            var bytes = _buffer.AsSpan(_start, count);
            if (_fixedBody is not null)
            {
                bytes.CopyTo(_fixedBody.AsSpan(_fixedBodyWritten));
                _fixedBodyWritten += count;
            }
            else
            {
                _bodyWriter ??= new ArrayBufferWriter<byte>();
                _bodyWriter.Write(bytes);
            }
        }
        _bodyLength += count;
        Consume(count);
    }

    /// <summary>Reads one line ending in LF (an optional CR before it is dropped) and consumes it.</summary>
    private bool TryReadLine(int maxBytes, string what, out ReadOnlySpan<byte> line)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        var newline = pending.IndexOf((byte)'\n');
        if (newline < 0 || newline + 1 > maxBytes)
        {
            if (pending.Length > maxBytes || newline >= 0)
            {
                throw Protocol($"{what} exceeds {maxBytes} bytes");
            }
            line = default;
            return false;
        }
        line = TrimCarriageReturn(pending[..newline]);
        Consume(newline + 1);
        return true;
    }

    /// <summary>
    /// Finds the end of the status line and header fields, parses them and decides how the body is
    /// framed. Scanning resumes where it stopped, so a head arriving in many small segments is not
    /// rescanned from its start each time.
    /// </summary>
    private bool TryReadHead()
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        if (_headScan == 0)
        {
            // Reject something that is not HTTP/1.x as soon as its first bytes arrive instead of
            // waiting for a blank line that may never come.
            var prefix = "HTTP/1."u8;
            var known = Math.Min(prefix.Length, pending.Length);
            if (!pending[..known].SequenceEqual(prefix[..known]))
            {
                var firstLine = pending.IndexOf((byte)'\n');
                throw Protocol($"malformed status line '{Quote(firstLine >= 0 ? TrimCarriageReturn(pending[..firstLine]) : pending)}'");
            }
        }

        var position = _headScan;
        var headLength = -1;
        while (position < pending.Length)
        {
            var newline = pending[position..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }
            var lineLength = newline;
            var lineStart = position;
            position += newline + 1;
            if (lineStart == 0)
            {
                ValidateStatusLine(TrimCarriageReturn(pending[..newline]));
            }
            else if (lineLength == 0 || (lineLength == 1 && pending[lineStart] == (byte)'\r'))
            {
                headLength = position;
                break;
            }
            _headScan = position;
        }

        if (headLength < 0)
        {
            if (pending.Length > MaxHeaderSectionBytes)
            {
                throw Protocol($"response header section exceeds {MaxHeaderSectionBytes} bytes");
            }
            return false;
        }
        if (headLength > MaxHeaderSectionBytes)
        {
            throw Protocol($"response header section exceeds {MaxHeaderSectionBytes} bytes");
        }

        _headScan = 0;
        ParseHead(pending[..headLength]);
        Consume(headLength);
        return true;
    }

    private static int ValidateStatusLine(ReadOnlySpan<byte> line)
    {
        // "HTTP/1.x SSS[ reason]"
        if (line.Length < 12
            || !line.StartsWith("HTTP/1."u8)
            || !IsDigit(line[7])
            || line[8] != (byte)' '
            || !IsDigit(line[9]) || !IsDigit(line[10]) || !IsDigit(line[11])
            || line[9] == (byte)'0'
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            throw Protocol($"malformed status line '{Quote(line)}'");
        }
        return ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
    }

    private void ParseHead(ReadOnlySpan<byte> head)
    {
        var newline = head.IndexOf((byte)'\n');
        var statusLine = TrimCarriageReturn(head[..newline]);
        var status = ValidateStatusLine(statusLine);
        var isHttp10 = statusLine[7] == (byte)'0';
        var rest = head[(newline + 1)..];

        var captureHeaders = (_capture & ResponseCapture.Headers) != 0;
        List<KeyValuePair<string, string>>? headers = captureHeaders ? [] : null;
        long contentLength = -1;
        var hasTransferEncoding = false;
        var chunked = false;
        var closeToken = false;
        var keepAliveToken = false;

        while (true)
        {
            newline = rest.IndexOf((byte)'\n');
            var line = TrimCarriageReturn(rest[..newline]);
            rest = rest[(newline + 1)..];
            if (line.IsEmpty)
            {
                break;
            }
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                throw Protocol($"obsolete line folding in header line '{Quote(line)}'");
            }
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw Protocol($"malformed header line '{Quote(line)}'");
            }
            var name = line[..colon];
            if (name.IndexOfAny(" \t"u8) >= 0)
            {
                throw Protocol($"whitespace in header name '{Quote(name)}'");
            }
            var value = line[(colon + 1)..].Trim(" \t"u8);

            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                var parsed = ParseContentLength(value);
                if (contentLength >= 0 && contentLength != parsed)
                {
                    throw Protocol($"conflicting Content-Length values {contentLength} and {parsed}");
                }
                contentLength = parsed;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                hasTransferEncoding = true;
                chunked = LastTokenIsChunked(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                ScanConnectionTokens(value, ref closeToken, ref keepAliveToken);
            }

            headers?.Add(new(Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
        }

        if (status is >= 100 and < 200 && status != 101)
        {
            // Interim response (100 Continue, 103 Early Hints): the final one follows on the same connection.
            _phase = Phase.Head;
            return;
        }

        _statusCode = status;
        _headers = headers;
        _closing = closeToken || (isHttp10 && !keepAliveToken);

        if (status == 101)
        {
            // The connection now speaks another protocol, which this client does not.
            _closing = true;
            _phase = Phase.Complete;
        }
        else if (_isHead || status == 204 || status == 304)
        {
            _phase = Phase.Complete;
        }
        else if (hasTransferEncoding)
        {
            if (chunked)
            {
                _phase = Phase.ChunkSize;
            }
            else
            {
                _closing = true;
                _phase = Phase.UntilClose;
            }
        }
        else if (contentLength >= 0)
        {
            _remaining = contentLength;
            _phase = contentLength == 0 ? Phase.Complete : Phase.FixedBody;
            if ((_capture & ResponseCapture.Body) != 0)
            {
                if (contentLength > Array.MaxLength)
                {
                    throw Protocol($"Content-Length {contentLength} is too large to capture");
                }
                _fixedBody = contentLength == 0 ? [] : new byte[contentLength];
            }
        }
        else
        {
            _closing = true;
            _phase = Phase.UntilClose;
        }
    }

    private static long ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 18)
        {
            throw Protocol($"invalid Content-Length '{Quote(value)}'");
        }
        long result = 0;
        foreach (var b in value)
        {
            if (!IsDigit(b))
            {
                throw Protocol($"invalid Content-Length '{Quote(value)}'");
            }
            result = (result * 10) + (b - '0');
        }
        return result;
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        long size = 0;
        var digits = 0;
        while (digits < line.Length && HexValue(line[digits]) >= 0)
        {
            if (digits == 15)
            {
                throw Protocol($"chunk size '{Quote(line)}' is too large");
            }
            size = (size * 16) + HexValue(line[digits]);
            digits++;
        }
        var rest = line[digits..].TrimStart(" \t"u8);
        if (digits == 0 || !(rest.IsEmpty || rest[0] == (byte)';'))
        {
            throw Protocol($"invalid chunk size '{Quote(line)}'");
        }
        return size;
    }

    private static bool LastTokenIsChunked(ReadOnlySpan<byte> value)
    {
        var comma = value.LastIndexOf((byte)',');
        var last = value[(comma + 1)..].Trim(" \t"u8);
        return Ascii.EqualsIgnoreCase(last, "chunked"u8);
    }

    private static void ScanConnectionTokens(ReadOnlySpan<byte> value, ref bool close, ref bool keepAlive)
    {
        while (!value.IsEmpty)
        {
            var comma = value.IndexOf((byte)',');
            var token = (comma < 0 ? value : value[..comma]).Trim(" \t"u8);
            value = comma < 0 ? default : value[(comma + 1)..];
            if (Ascii.EqualsIgnoreCase(token, "close"u8))
            {
                close = true;
            }
            else if (Ascii.EqualsIgnoreCase(token, "keep-alive"u8))
            {
                keepAlive = true;
            }
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private Http1Exception EndOfStream()
    {
        var message = _bytesReceived == 0 && _start == _end
            ? "The connection was closed before the response started."
            : $"The connection was closed in the middle of the response after {_bytesReceived + (_end - _start)} bytes.";
        return new Http1Exception(TransportError.Reset, message);
    }

    private static Http1Exception TransportFailure(SocketException e, string activity)
    {
        var error = e.SocketErrorCode == SocketError.TimedOut ? TransportError.Timeout : TransportError.Reset;
        return new Http1Exception(error, $"The connection failed while {activity}: {e.Message}", e);
    }

    private static Http1Exception Protocol(string problem) =>
        new(TransportError.Protocol, $"Invalid HTTP response: {problem}.");

    /// <summary>Shows received bytes in a message: control characters escaped, long input cut.</summary>
    private static string Quote(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes.Length > MaxQuotedBytes ? bytes[..MaxQuotedBytes] : bytes;
        var builder = new StringBuilder(shown.Length + 8);
        foreach (var b in shown)
        {
            if (b is < 0x20 or >= 0x7F)
            {
                builder.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }
        if (shown.Length < bytes.Length)
        {
            builder.Append('…');
        }
        return builder.ToString();
    }
}
