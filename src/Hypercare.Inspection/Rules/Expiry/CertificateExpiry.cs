using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hypercare.Inspection.Rules.Expiry;

/// <summary>A server certificate uploaded for the load balancers ends before the event does.</summary>
public sealed class CertificateExpiry() : AlicloudRule("HC-ALI-EXP-007", "Server certificate expiring before the event ends", Severity.Critical, Area.Expiry,
    "When the HTTPS certificate expires every browser and app refuses the site; a certificate that runs out during the event takes down checkout for every customer at once.",
    "Issue a new certificate valid well past the event's end, upload it (alicloud_slb_server_certificate.server_certificate or alicloud_ssl_certificates_service_certificate.cert) and point the HTTPS listeners' server_certificate_id at it.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_server_certificate")
{
    private static readonly (string Type, string Attribute)[] Places =
        [("alicloud_slb_server_certificate", "server_certificate"), ("alicloud_ssl_certificates_service_certificate", "cert"), ("alicloud_cas_certificate", "cert")];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (type, attribute) in Places)
            foreach (var r in context.OfType(type))
            {
                var pem = r[attribute];
                if (IsUnknown(pem)) { yield return Unverified(r, $"{attribute} is unknown here: its expiry cannot be read", pem); continue; }
                if (pem?.AsString is not { Length: > 0 } text) continue;
                var notAfter = NotAfter(text);
                if (notAfter is not { } at) { yield return Unverified(r, $"{attribute} is not a PEM certificate that can be read", pem); continue; }
                if (context.Targets.EventEnd is not { } end) { yield return Unverified(r, $"the certificate ends {at:yyyy-MM-dd HH:mm} UTC; the event's end is not given", pem); continue; }
                if (at < end)
                    yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"the certificate ends {at:yyyy-MM-dd HH:mm} UTC, before the event's end ({end.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"), pem);
            }
    }

    private static DateTimeOffset? NotAfter(string pem)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
