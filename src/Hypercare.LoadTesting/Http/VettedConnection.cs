using System.Net;
using System.Net.Sockets;

namespace Hypercare.LoadTesting.Http;

/// <summary>
/// Opens a TCP connection to an address vetted before the run, for <see cref="SocketsHttpHandler.ConnectCallback"/>:
/// the handler never resolves a name itself, so a later DNS answer cannot send traffic elsewhere.
/// </summary>
internal static class VettedConnection
{
    public static async ValueTask<Stream> OpenAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
