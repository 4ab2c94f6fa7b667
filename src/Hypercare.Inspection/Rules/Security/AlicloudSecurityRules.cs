using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Security;

/// <summary>An ingress rule opens a wide range of ports to the internet.</summary>
public sealed class WidePortRangeOpen() : AlicloudRule("HC-ALI-SEC-003", "Wide port range open to the internet", Severity.High, Area.Security,
    "A range of ports open to 0.0.0.0/0 or ::/0 exposes whatever happens to listen in it — debug servers, admin consoles, exporters — and scanners probe exposed ranges hardest while a launch draws attention to the site.",
    "Replace port_range with the single ports the service needs (e.g. \"443/443\"), or set cidr_ip to the load balancer's or office's range instead of 0.0.0.0/0.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/security_group_rule")
{
    /// <summary>More ports than this in one rule count as a wide range.</summary>
    public const int MaxPorts = 5;

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_security_group_rule"))
        {
            if (r["type"]?.AsString is not ("ingress" or null) || r["policy"]?.AsString == "drop" || r["ip_protocol"]?.AsString is "icmp" or "gre") continue;
            var source = SensitivePorts.IsInternet(r["cidr_ip"]?.AsString) ? r["cidr_ip"] : SensitivePorts.IsInternet(r["ipv6_cidr_ip"]?.AsString) ? r["ipv6_cidr_ip"] : null;
            var range = r["port_range"];
            if (source is null)
            {
                if ((IsUnknown(r["cidr_ip"]) || IsUnknown(r["ipv6_cidr_ip"])) && SensitivePorts.Range(range?.AsString) is { } wide && wide.To - wide.From + 1 > MaxPorts)
                    yield return Unverified(r, $"the source range of port_range {range!.AsString} is unknown here: cannot tell whether it is open to the internet", IsUnknown(r["cidr_ip"]) ? r["cidr_ip"] : r["ipv6_cidr_ip"]);
                continue;
            }
            if (IsUnknown(range)) { yield return Unverified(r, $"port_range is unknown here, from {source.AsString}", range); continue; }
            if (SensitivePorts.Range(range?.AsString) is not { } ports || range!.AsString is "-1/-1" or "1/65535") continue;   // all ports: HC-ALI-SEC-002
            var count = ports.To - ports.From + 1;
            if (count > MaxPorts)
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"port_range {range.AsString} opens {count} ports to {source.AsString}"), range);
        }
    }
}

/// <summary>A classic-network rule on the internet NIC accepts traffic from anywhere.</summary>
public sealed class ClassicInternetNicOpen() : AlicloudRule("HC-ALI-SEC-004", "Classic-network internet NIC open to the internet", Severity.High, Area.Security,
    "A rule with nic_type \"internet\" applies to the public interface of classic-network instances: anything it accepts from 0.0.0.0/0 reaches the instance directly, bypassing the load balancer that absorbs and filters the peak.",
    "Move the instances to a VPC behind a load balancer, or narrow cidr_ip on the nic_type = \"internet\" rule to known sources.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/security_group_rule")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_security_group_rule"))
        {
            if (r["type"]?.AsString is not ("ingress" or null) || r["policy"]?.AsString == "drop") continue;
            var source = SensitivePorts.IsInternet(r["cidr_ip"]?.AsString) ? r["cidr_ip"] : SensitivePorts.IsInternet(r["ipv6_cidr_ip"]?.AsString) ? r["ipv6_cidr_ip"] : null;
            var nic = r["nic_type"];
            if (source is null)
            {
                if (nic?.AsString == "internet" && IsUnknown(r["cidr_ip"])) yield return Unverified(r, "the source range of the nic_type \"internet\" rule is unknown here", r["cidr_ip"]);
                continue;
            }
            if (IsUnknown(nic)) yield return Unverified(r, $"nic_type is unknown here, on a rule from {source.AsString}", nic);
            else if (nic?.AsString == "internet")
                yield return Fail(r, $"nic_type is \"internet\": port {r["port_range"]?.AsString ?? "?"} of the classic network's public interface is open to {source.AsString}", nic);
        }
    }
}

/// <summary>Instances in the same security group reach each other on every port.</summary>
public sealed class GroupInnerAccessAccept() : AlicloudRule("HC-ALI-SEC-005", "Security group accepts all traffic between its members", Severity.Medium, Area.Security,
    "With inner_access_policy Accept one compromised instance reaches every port of its neighbours; during a peak the team has no time to contain a breach that spreads sideways.",
    "Set inner_access_policy = \"Drop\" and allow the ports members need from each other with explicit rules.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/security_group")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_security_group"))
        {
            var policy = r["inner_access_policy"];
            if (IsUnknown(policy)) yield return Unverified(r, "inner_access_policy is unknown here", policy);
            else if (policy?.AsString == "Accept") yield return Fail(r, "inner_access_policy is \"Accept\": members reach each other on every port", policy);
        }
    }
}

/// <summary>A database or cache whitelist admits any address.</summary>
public sealed class WhitelistOpenToAll() : AlicloudRule("HC-ALI-SEC-006", "Database or cache whitelist open to any address", Severity.Critical, Area.Security,
    "security_ips with 0.0.0.0/0 lets any host that can route to the instance try its credentials; a database or cache reachable from everywhere is an outage and a breach waiting for the busiest day.",
    "Set security_ips to the vswitch CIDR blocks of the application tier (e.g. [\"172.16.0.0/20\"]) and remove 0.0.0.0/0.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_instance")
{
    private static readonly string[] Types = ["alicloud_db_instance", "alicloud_kvstore_instance", "alicloud_polardb_cluster"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            var ips = r["security_ips"] ?? r["db_cluster_ip_array"];
            if (ips is null) continue;
            if (IsUnknown(ips)) { yield return Unverified(r, "security_ips is unknown here", ips); continue; }
            var items = ips.Kind == ValueKind.List ? ips.Items : new[] { ips };
            var texts = items.SelectMany(i => i.AsString?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []).ToList();
            if (texts.FirstOrDefault(t => t is "0.0.0.0/0" or "0.0.0.0") is { } open)
                yield return Fail(r, $"security_ips contains {open}: any address may connect", ips);
            else if (items.Any(i => i.Kind == ValueKind.Unknown))
                yield return Unverified(r, "some entries of security_ips are unknown here", ips);
        }
    }
}

/// <summary>An OSS bucket readable (or writable) by anyone.</summary>
public sealed class PublicBucket() : AlicloudRule("HC-ALI-SEC-007", "OSS bucket readable by anyone", Severity.High, Area.Security,
    "A public-read bucket can be listed and downloaded by anyone: traffic-heavy events bring scrapers that run up the egress bill, and public-read-write lets anyone fill or overwrite the content the event serves.",
    "Set acl = \"private\" (or the alicloud_oss_bucket_acl resource's acl) and serve public files through a CDN with origin access, or signed URLs.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/oss_bucket")
{
    private static readonly string[] Types = ["alicloud_oss_bucket", "alicloud_oss_bucket_acl"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            var acl = r["acl"];
            if (IsUnknown(acl)) yield return Unverified(r, "acl is unknown here", acl);
            else if (acl?.AsString is "public-read" or "public-read-write") yield return Fail(r, $"acl is \"{acl.AsString}\"", acl);
        }
    }
}

/// <summary>An internet-facing CLB serves plain HTTP and no HTTPS.</summary>
public sealed class HttpWithoutHttps() : AlicloudRule("HC-ALI-SEC-008", "Internet-facing load balancer with HTTP and no HTTPS", Severity.Medium, Area.Security,
    "Logins, carts and payments of the event's customers cross the internet in clear text when the only listener is HTTP, and browsers mark the site as not secure at the moment it is most visited.",
    "Add an alicloud_slb_listener with protocol = \"https\", frontend_port = 443 and a server certificate (server_certificate_id), and redirect the HTTP listener to it (x_forwarded_for and forward_port/listener_forward = \"on\").",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_listener")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        var listeners = context.OfType("alicloud_slb_listener").Select(l => (Listener: l, Lb: context.Target(l["load_balancer_id"]))).ToList();
        foreach (var lb in context.OfType("alicloud_slb_load_balancer"))
        {
            var mine = listeners.Where(l => l.Lb?.Address == lb.Address).Select(l => l.Listener).ToList();
            var http = mine.FirstOrDefault(l => l["protocol"]?.AsString == "http");
            if (http is null || mine.Any(l => l["protocol"]?.AsString == "https")) continue;
            if (mine.FirstOrDefault(l => IsUnknown(l["protocol"])) is { } unsure) { yield return Unverified(lb, $"the protocol of {unsure.Address} is unknown here: it may be the HTTPS listener", unsure["protocol"]); continue; }
            var type = lb["address_type"];
            if (IsUnknown(type)) yield return Unverified(lb, "address_type is unknown here: cannot tell whether the HTTP listener faces the internet", type);
            else if (type?.AsString == "internet")
                yield return Fail(lb, string.Create(CultureInfo.InvariantCulture, $"internet-facing with an HTTP listener on port {http["frontend_port"]} and no HTTPS listener"), http["protocol"]);
        }
    }
}

/// <summary>An HTTPS listener accepts TLS 1.0.</summary>
public sealed class WeakTlsPolicy() : AlicloudRule("HC-ALI-SEC-009", "HTTPS listener accepting TLS before 1.2", Severity.Medium, Area.Security,
    "tls_cipher_policy_1_0 (and 1_1) accept TLS versions before 1.2 and weak ciphers; payment providers and audits reject it, and a forced change on the eve of the event is riskier than one made now.",
    "Set tls_cipher_policy = \"tls_cipher_policy_1_2\" (or tls_cipher_policy_1_2_strict) on the HTTPS listener.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_listener")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_slb_listener"))
        {
            if (r["protocol"]?.AsString != "https") continue;
            var policy = r["tls_cipher_policy"];
            if (IsUnknown(policy)) yield return Unverified(r, "tls_cipher_policy is unknown here", policy);
            else if (policy?.AsString is "tls_cipher_policy_1_0" or "tls_cipher_policy_1_1")
                yield return Fail(r, $"tls_cipher_policy is \"{policy.AsString}\": TLS versions before 1.2 are accepted", policy);
        }
    }
}

/// <summary>A Redis instance accepts connections without a password.</summary>
public sealed class CacheWithoutAuth() : AlicloudRule("HC-ALI-SEC-010", "Redis without password authentication", Severity.High, Area.Security,
    "With vpc_auth_mode Close any host in the VPC can read and flush the cache without a password; one misbehaving script or intruder can empty the sessions and hot data the peak depends on.",
    "Set vpc_auth_mode = \"Open\" and a password (or kms_encrypted_password) and give the applications the credentials.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/kvstore_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_kvstore_instance"))
        {
            var mode = r["vpc_auth_mode"];
            if (IsUnknown(mode)) yield return Unverified(r, "vpc_auth_mode is unknown here", mode);
            else if (mode?.AsString == "Close") yield return Fail(r, "vpc_auth_mode is \"Close\": clients in the VPC connect without a password", mode);
        }
    }
}

/// <summary>An RDS instance without SSL.</summary>
public sealed class DatabaseWithoutSsl() : AlicloudRule("HC-ALI-SEC-011", "RDS instance without SSL", Severity.Medium, Area.Security,
    "Without SSL the queries and results of the event's orders and customers cross the network in clear text; turning encryption on restarts connections, which is better done well before the peak than during it.",
    "Set ssl_action = \"Open\" on the alicloud_db_instance and make clients connect with TLS.",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_instance")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_instance"))
        {
            var ssl = r["ssl_action"] ?? r["ssl_status"];
            if (IsUnknown(ssl)) yield return Unverified(r, "ssl_action is unknown here", ssl);
            else if (ssl?.AsString is null or "Close" or "No")
                yield return Fail(r, ssl?.AsString is { } s ? $"ssl_action is \"{s}\": connections are not encrypted" : "ssl_action is not set: connections are not encrypted", ssl);
        }
    }
}

/// <summary>A database has a public connection string.</summary>
public sealed class DatabasePublicEndpoint() : AlicloudRule("HC-ALI-SEC-012", "Database with a public endpoint", Severity.High, Area.Security,
    "An alicloud_db_connection gives the database an internet address; reachable from anywhere, it invites credential stuffing and connection floods that exhaust its connections during the event.",
    "Delete the alicloud_db_connection and reach the database from the VPC (a bastion or VPN for people).",
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_connection")
{
    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_db_connection"))
        {
            var db = context.Target(r["instance_id"]);
            yield return Fail(r, db is null ? "a public connection string is requested for a database" : $"{db.Address} has a public connection string", r["instance_id"]);
        }
    }
}
