namespace Hypercare.LoadTesting.Http.Fast;

/// <summary>The final response to one request.</summary>
/// <param name="StatusCode">The status code of the final (non-1xx) response.</param>
/// <param name="BodyLength">Body bytes after removing chunked framing; 0 for HEAD, 204 and 304.</param>
/// <param name="ConnectionClosing">
/// The server will close the connection: it said <c>Connection: close</c>, spoke HTTP/1.0 without
/// keep-alive, or the body was delimited by the close itself.
/// </param>
/// <param name="BytesReceived">Bytes of this response on the wire, including skipped 1xx responses and framing.</param>
/// <param name="Headers">The header fields in order, when <see cref="ResponseCapture.Headers"/> was asked; otherwise null.</param>
/// <param name="Body">The body, when <see cref="ResponseCapture.Body"/> was asked; otherwise null.</param>
internal readonly record struct Http1Response(
    int StatusCode,
    long BodyLength,
    bool ConnectionClosing,
    long BytesReceived,
    IReadOnlyList<KeyValuePair<string, string>>? Headers,
    byte[]? Body);
