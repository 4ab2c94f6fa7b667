using System.Net;

namespace Hypercare.LoadTesting.Http;

/// <summary>A request ready to send; <see cref="Serialized"/> holds the wire bytes when the step never changes.</summary>
internal sealed record OutgoingRequest(string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, byte[]? Serialized);

/// <summary>What came back: the status, or how the exchange failed, with the moments it was sent and completed.</summary>
internal readonly record struct Exchange(
    int Status,
    TransportError Error,
    string? ErrorMessage,
    long SendTimestamp,
    long EndTimestamp,
    long BytesReceived,
    byte[]? Body,
    IReadOnlyList<KeyValuePair<string, string>>? Headers);

/// <summary>What a caller needs back from a response besides its status.</summary>
[Flags]
internal enum Capture
{
    None = 0,
    Headers = 1,
    Body = 2,
}

/// <summary>One virtual user's connection(s): requests on a session are sent one after another.</summary>
internal interface IHttpSession : IAsyncDisposable
{
    ValueTask<Exchange> SendAsync(OutgoingRequest request, Capture capture, CancellationToken cancellationToken);

    /// <summary>Opens a connection to the target ahead of the first request, when the engine owns one per session; never sends a request.</summary>
    ValueTask PrepareAsync(Uri target, CancellationToken cancellationToken);
}

/// <summary>An HTTP engine: opens sessions to the run's vetted targets.</summary>
internal interface IHttpEngine : IAsyncDisposable
{
    /// <summary>The engine's name in results: <c>fast</c> or <c>httpclient</c>.</summary>
    string Name { get; }

    /// <summary>Whether requests can be sent as pre-serialized bytes.</summary>
    bool UsesSerializedRequests { get; }

    IHttpSession OpenSession();
}

/// <summary>The addresses a run may connect to, resolved and vetted once before any load.</summary>
internal sealed class VettedTargets(IReadOnlyDictionary<string, IPAddress[]> addresses)
{
    public IReadOnlyDictionary<string, IPAddress[]> Addresses { get; } = addresses;

    /// <summary>The endpoint to connect to for a URL, or null when its host was not vetted.</summary>
    public IPEndPoint? EndpointFor(Uri url) =>
        Addresses.TryGetValue(url.IdnHost.ToLowerInvariant(), out var ips) && ips.Length > 0 ? new IPEndPoint(ips[0], url.Port) : null;
}
