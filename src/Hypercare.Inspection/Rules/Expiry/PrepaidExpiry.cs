using System.Globalization;

namespace Hypercare.Inspection.Rules.Expiry;

/// <summary>A prepaid (subscription) resource expires before the event ends, or may: its expiry is not covered by auto-renewal.</summary>
public sealed class PrepaidExpiry : Rule
{
    /// <summary>How long after the event's end a subscription must still run.</summary>
    public static readonly TimeSpan Buffer = TimeSpan.FromDays(7);

    private static readonly string[] ExpiryAttributes = ["expired_time", "end_time", "expire_time"];

    /// <inheritdoc />
    public override string Id => "HC-ALI-EXP-001";
    /// <inheritdoc />
    public override string Title => "Subscription expiring before the event ends";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Expiry;
    /// <inheritdoc />
    public override string Provider => "alicloud";
    /// <inheritdoc />
    public override string Rationale => "A prepaid instance that expires is stopped by the cloud; one that expires during the event takes its service down at the worst moment, and renewals are easy to miss in the rush before a launch.";
    /// <inheritdoc />
    public override string Remediation => "Renew the subscription past the event's end plus a week, and turn on auto-renewal (renewal_status = \"AutoRenewal\").";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.Graph.Resources.Where(r => r.Provider == "alicloud"))
        {
            var charge = r["instance_charge_type"]?.AsString ?? r["payment_type"]?.AsString;
            if (charge is not ("PrePaid" or "Prepaid" or "Subscription")) continue;
            var expiry = ExpiryAttributes.Select(a => r[a]).FirstOrDefault(v => v?.AsString is { Length: > 0 });
            var autoRenew = r["renewal_status"]?.AsString == "AutoRenewal" || r["auto_renew"]?.AsBool == true;
            if (expiry is not null && DateTimeOffset.TryParse(expiry.AsString!.Replace("Z", ":00Z", StringComparison.Ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || expiry is not null && DateTimeOffset.TryParse(expiry.AsString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            {
                if (context.Targets.EventEnd is not { } end) { yield return Unverified(r, $"expires {at:yyyy-MM-dd HH:mm} UTC; the event's end is not given", expiry); continue; }
                if (at < end + Buffer && !autoRenew)
                    yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"expires {at:yyyy-MM-dd HH:mm} UTC, before the event's end ({end.UtcDateTime:yyyy-MM-dd HH:mm} UTC) plus {Buffer.TotalDays:0} days, without auto-renewal"), expiry);
                continue;
            }
            if (!autoRenew)
                yield return Unverified(r, $"prepaid for {r["period"]?.ToString() ?? "?"} {r["period_unit"]?.AsString ?? "months"} without auto-renewal; its expiry date is known only to the cloud (inspect the state, or turn on auto-renewal)", r["renewal_status"] ?? r["instance_charge_type"]);
        }
    }
}
