namespace Hypercare.LoadTesting.Http;

/// <summary>How an exchange failed before a complete response arrived.</summary>
public enum TransportError
{
    /// <summary>No error: a complete response was read.</summary>
    None,
    /// <summary>The connection could not be opened (refused, unreachable).</summary>
    Connect,
    /// <summary>The host name did not resolve.</summary>
    Dns,
    /// <summary>The connection was reset or closed before the response was complete.</summary>
    Reset,
    /// <summary>The response did not arrive within the request timeout.</summary>
    Timeout,
    /// <summary>The response was not valid HTTP.</summary>
    Protocol,
    /// <summary>TLS could not be negotiated (certificate, protocol).</summary>
    Tls,
}
