using System.Net.Security;

namespace Hypercare.LoadTesting.Http;

/// <summary>The TLS client settings of a run.</summary>
internal static class TlsOptions
{
    /// <summary>
    /// Default validation, or none when the plan says <c>insecure: true</c>: staging copies of a customer's system
    /// often carry self-signed certificates, and the target was already vetted (loopback or its token).
    /// </summary>
    public static SslClientAuthenticationOptions For(bool insecure) => insecure
#pragma warning disable CA5359 // Accepting any certificate is what 'insecure: true' asks for, and nothing else uses it.
        ? new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true }
#pragma warning restore CA5359
        : new SslClientAuthenticationOptions();
}
