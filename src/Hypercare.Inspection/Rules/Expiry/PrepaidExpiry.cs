using System.Globalization;

namespace Hypercare.Inspection.Rules.Expiry;

/// <summary>
/// A prepaid (subscription) resource of some types expires before the event ends, or may: its expiry is not covered by
/// auto-renewal. Each rule of this kind looks at its own types.
/// </summary>
public abstract class SubscriptionExpiry : Rule
{
    /// <summary>How long after the event's end a subscription must still run.</summary>
    public static readonly TimeSpan Buffer = TimeSpan.FromDays(7);

    private static readonly string[] ExpiryAttributes = ["expired_time", "end_time", "expire_time", "expiration_time"];

    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Expiry;
    /// <inheritdoc />
    public override string Provider => "alicloud";

    /// <summary>Whether the rule looks at resources of the type.</summary>
    protected abstract bool Covers(string type);

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.Graph.Resources.Where(r => r.Provider == "alicloud" && Covers(r.Type)))
        {
            var chargeValue = r["instance_charge_type"] ?? r["payment_type"];
            var charge = chargeValue?.AsString;
            if (IsUnknown(chargeValue)) { yield return Unverified(r, "the charge type is unknown here: it may be a subscription", chargeValue); continue; }
            if (charge is not ("PrePaid" or "Prepaid" or "Subscription")) continue;
            var expiry = ExpiryAttributes.Select(a => r[a]).FirstOrDefault(v => v?.AsString is { Length: > 0 });
            var autoRenew = r["renewal_status"]?.AsString == "AutoRenewal" || BoolOf(r["auto_renew"]) == true;
            var renewalUnknown = !autoRenew && (IsUnknown(r["renewal_status"]) || IsUnknown(r["auto_renew"]));
            if (expiry is not null && DateTimeOffset.TryParse(expiry.AsString!.Replace("Z", ":00Z", StringComparison.Ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || expiry is not null && DateTimeOffset.TryParse(expiry.AsString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            {
                if (context.Targets.EventEnd is not { } end) { yield return Unverified(r, $"expires {at:yyyy-MM-dd HH:mm} UTC; the event's end is not given", expiry); continue; }
                if (at < end + Buffer && renewalUnknown)
                    yield return Unverified(r, string.Create(CultureInfo.InvariantCulture, $"expires {at:yyyy-MM-dd HH:mm} UTC, before the event's end plus {Buffer.TotalDays:0} days; whether it renews automatically is unknown here"), expiry);
                else if (at < end + Buffer && !autoRenew)
                    yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"expires {at:yyyy-MM-dd HH:mm} UTC, before the event's end ({end.UtcDateTime:yyyy-MM-dd HH:mm} UTC) plus {Buffer.TotalDays:0} days, without auto-renewal"), expiry);
                continue;
            }
            if (!autoRenew)
                yield return Unverified(r, $"prepaid for {r["period"]?.ToString() ?? "?"} {r["period_unit"]?.AsString ?? "months"} without auto-renewal; its expiry date is known only to the cloud (inspect the state, or turn on auto-renewal)", r["renewal_status"] ?? r["auto_renew"] ?? chargeValue);
        }
    }
}

/// <summary>ECS instances and other subscriptions no other expiry rule looks at.</summary>
public sealed class PrepaidExpiry : SubscriptionExpiry
{
    private static readonly HashSet<string> Elsewhere = new(StringComparer.Ordinal)
    {
        "alicloud_db_instance", "alicloud_db_readonly_instance", "alicloud_kvstore_instance", "alicloud_eip_address", "alicloud_slb_load_balancer", "alicloud_nat_gateway",
    };

    /// <inheritdoc />
    public override string Id => "HC-ALI-EXP-001";
    /// <inheritdoc />
    public override string Title => "Subscription expiring before the event ends";
    /// <inheritdoc />
    public override string Rationale => "A prepaid instance that expires is stopped by the cloud; one that expires during the event takes its service down at the worst moment, and renewals are easy to miss in the rush before a launch.";
    /// <inheritdoc />
    public override string Remediation => "Renew the subscription past the event's end plus a week, and turn on auto-renewal (renewal_status = \"AutoRenewal\").";
    /// <inheritdoc />
    protected override bool Covers(string type) => !Elsewhere.Contains(type);
}

/// <summary>A prepaid RDS instance.</summary>
public sealed class DatabaseSubscriptionExpiry : SubscriptionExpiry
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-EXP-002";
    /// <inheritdoc />
    public override string Title => "Database subscription expiring before the event ends";
    /// <inheritdoc />
    public override string Rationale => "An expired subscription RDS instance is locked and then released: orders stop the moment it lapses, and a lapse during the event is an outage with possible data loss.";
    /// <inheritdoc />
    public override string Remediation => "Renew the instance past the event's end plus a week and set auto_renew = true (auto_renew_period = 1 or more).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_instance"];
    /// <inheritdoc />
    protected override bool Covers(string type) => type is "alicloud_db_instance" or "alicloud_db_readonly_instance";
}

/// <summary>A prepaid Redis instance.</summary>
public sealed class CacheSubscriptionExpiry : SubscriptionExpiry
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-EXP-003";
    /// <inheritdoc />
    public override string Title => "Redis subscription expiring before the event ends";
    /// <inheritdoc />
    public override string Rationale => "A Redis instance whose subscription lapses stops serving; sessions and carts vanish and the database takes every read, in the middle of the event if the date falls there.";
    /// <inheritdoc />
    public override string Remediation => "Renew the instance past the event's end plus a week and set auto_renew = true (with auto_renew_period).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/kvstore_instance"];
    /// <inheritdoc />
    protected override bool Covers(string type) => type == "alicloud_kvstore_instance";
}

/// <summary>A subscription EIP.</summary>
public sealed class EipSubscriptionExpiry : SubscriptionExpiry
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-EXP-004";
    /// <inheritdoc />
    public override string Title => "EIP subscription expiring before the event ends";
    /// <inheritdoc />
    public override string Rationale => "When a subscription EIP expires the address stops forwarding; whatever reaches the internet through it — a NAT gateway's outbound calls, a public service — goes dark during the event.";
    /// <inheritdoc />
    public override string Remediation => "Renew the EIP past the event's end plus a week, set auto_pay = true with renewal, or switch it to payment_type = \"PayAsYouGo\".";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/eip_address"];
    /// <inheritdoc />
    protected override bool Covers(string type) => type == "alicloud_eip_address";
}

/// <summary>A subscription CLB.</summary>
public sealed class LoadBalancerSubscriptionExpiry : SubscriptionExpiry
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-EXP-005";
    /// <inheritdoc />
    public override string Title => "Load balancer subscription expiring before the event ends";
    /// <inheritdoc />
    public override string Rationale => "The load balancer is the event's front door: an expired subscription CLB stops forwarding and every user of the site sees it fail at once.";
    /// <inheritdoc />
    public override string Remediation => "Renew the CLB past the event's end plus a week with auto-renewal, or switch it to pay-as-you-go (payment_type = \"PayAsYouGo\").";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_load_balancer"];
    /// <inheritdoc />
    protected override bool Covers(string type) => type == "alicloud_slb_load_balancer";
}

/// <summary>A subscription NAT gateway.</summary>
public sealed class NatSubscriptionExpiry : SubscriptionExpiry
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-EXP-006";
    /// <inheritdoc />
    public override string Title => "NAT gateway subscription expiring before the event ends";
    /// <inheritdoc />
    public override string Rationale => "An expired NAT gateway stops translating: instances lose their outbound internet, so payment, SMS and shipping calls fail while the storefront still answers.";
    /// <inheritdoc />
    public override string Remediation => "Renew the NAT gateway past the event's end plus a week with auto-renewal, or switch it to payment_type = \"PayAsYouGo\".";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/nat_gateway"];
    /// <inheritdoc />
    protected override bool Covers(string type) => type == "alicloud_nat_gateway";
}
