namespace Hypercare.LoadTesting.Http.Fast;

/// <summary>An exchange on an <see cref="Http1Connection"/> failed; <see cref="Error"/> says how.</summary>
internal sealed class Http1Exception(TransportError error, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TransportError Error { get; } = error;
}
