using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hypercare.LoadTesting.Tests.Http.Fast;

/// <summary>
/// A TCP listener on 127.0.0.1 that accepts one connection and plays a script of hand-written
/// bytes, for wire-level cases a real server never produces on demand.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _script;

    private ScriptedServer(TcpListener listener, Func<ScriptedPeer, Task> script)
    {
        _listener = listener;
        _script = RunAsync(script);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public static ScriptedServer Start(Func<ScriptedPeer, Task> script)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ScriptedServer(listener, script);
    }

    /// <summary>Waits for the script to finish so that a failure on the server side fails the test.</summary>
    public Task Completion => _script.WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _script.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The client may close first in failure tests; the script's own errors surface via Completion.
        }
    }

    private async Task RunAsync(Func<ScriptedPeer, Task> script)
    {
        using var socket = await _listener.AcceptSocketAsync();
        socket.NoDelay = true;
        await script(new ScriptedPeer(socket));
    }
}

internal sealed class ScriptedPeer(Socket socket)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _buffered;

    public Socket Socket { get; } = socket;

    /// <summary>Reads one request head (requests in these tests have no body) and returns it.</summary>
    public async Task<string> ReadRequestAsync()
    {
        while (true)
        {
            var end = _buffer.AsSpan(0, _buffered).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.Latin1.GetString(_buffer, 0, end + 4);
                _buffer.AsSpan(end + 4, _buffered - end - 4).CopyTo(_buffer);
                _buffered -= end + 4;
                return head;
            }
            var read = await Socket.ReceiveAsync(_buffer.AsMemory(_buffered), SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before sending a whole request.");
            }
            _buffered += read;
        }
    }

    public async Task WriteAsync(string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await Socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
        }
    }

    /// <summary>Writes one byte per TCP segment, pausing so that the client sees them one by one.</summary>
    public async Task WriteByteByByteAsync(string text)
    {
        foreach (var b in Encoding.Latin1.GetBytes(text))
        {
            await Socket.SendAsync(new[] { b }, SocketFlags.None);
            await Task.Delay(1);
        }
    }

    /// <summary>Keeps the connection open until the client closes it, as a server that sends nothing more.</summary>
    public async Task WaitForClientCloseAsync()
    {
        try
        {
            while (await Socket.ReceiveAsync(_buffer, SocketFlags.None) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // A client that closes with unread data resets the connection; that is a close too.
        }
    }

    /// <summary>Closes with a TCP reset instead of an orderly FIN.</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public void Close()
    {
        Socket.Shutdown(SocketShutdown.Both);
        Socket.Close();
    }
}
