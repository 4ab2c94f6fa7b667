using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hypercare.Inspection.Rules.Expiry;

/// <summary>A certificate imported into ACM (or IAM) whose validity ends before the event does.</summary>
public sealed class AwsImportedCertificateExpiry : AwsRule
{
    /// <summary>How long after the event's end the certificate must still be valid.</summary>
    public static readonly TimeSpan Buffer = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override string Id => "HC-AWS-EXP-001";
    /// <inheritdoc />
    public override string Title => "Imported certificate expiring before the event ends";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Expiry;
    /// <inheritdoc />
    public override string Rationale => "ACM renews only the certificates it issued; an imported certificate simply expires, and from that second every browser refuses the site, which during the event means the whole campaign's traffic lands on an error page.";
    /// <inheritdoc />
    public override string Remediation => "Import a renewed certificate (certificate_body, private_key, certificate_chain) valid past the event's end plus a week, or replace it with an ACM-issued one (domain_name with validation_method = \"DNS\"), which renews itself.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/acm/latest/userguide/import-certificate.html", "https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("aws_acm_certificate", "aws_iam_server_certificate"))
        {
            var body = r["certificate_body"];
            if (!IsSet(body) || r["type"]?.AsString is "AMAZON_ISSUED" or "PRIVATE") continue;
            if (IsUnknown(body)) { yield return Unverified(r, "certificate_body is unknown here: its expiry cannot be read", body); continue; }
            // The state keeps a hash of the body rather than the PEM, and the certificate's end in not_after (expiration for IAM).
            var stated = (r["not_after"] ?? r["expiration"])?.AsString is { Length: > 0 } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
            if ((NotAfter(body.AsString) ?? stated) is not { } notAfter) { yield return Unverified(r, "certificate_body is not a PEM certificate that can be read", body); continue; }
            if (context.Targets.EventEnd is not { } end) { yield return Unverified(r, string.Create(CultureInfo.InvariantCulture, $"the certificate expires {notAfter:yyyy-MM-dd HH:mm} UTC; the event's end is not given"), body); continue; }
            if (notAfter < end + Buffer)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture,
                    $"the certificate expires {notAfter:yyyy-MM-dd HH:mm} UTC, before the event's end ({end.UtcDateTime:yyyy-MM-dd HH:mm} UTC) plus {Buffer.TotalDays:0} days; imported certificates are not renewed by ACM"), body);
        }
    }

    private static DateTimeOffset? NotAfter(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem)) return null;
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
