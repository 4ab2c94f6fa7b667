namespace Hypercare.LoadTesting.Metrics;

/// <summary>The separate counters a failed request can land in.</summary>
public enum ErrorKind
{
    /// <summary>The connection could not be opened.</summary>
    Connect,
    /// <summary>The host name did not resolve.</summary>
    Dns,
    /// <summary>The connection broke before the response was complete.</summary>
    Reset,
    /// <summary>No complete response within the timeout.</summary>
    Timeout,
    /// <summary>The response was not valid HTTP.</summary>
    Protocol,
    /// <summary>TLS failed.</summary>
    Tls,
    /// <summary>The server answered 4xx.</summary>
    Status4xx,
    /// <summary>The server answered 5xx.</summary>
    Status5xx,
    /// <summary>The response arrived but a check on it failed.</summary>
    CheckFailed,
}
