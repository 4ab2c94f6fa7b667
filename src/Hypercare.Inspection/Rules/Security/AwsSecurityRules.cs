using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Security;

/// <summary>A security group lets the internet reach every port, or a wide range of them.</summary>
public sealed class AwsWidePortRangeOpen : AwsRule
{
    /// <summary>A range this wide or wider, open to the internet, is reported.</summary>
    public const int WidestAllowed = 1024;

    /// <inheritdoc />
    public override string Id => "HC-AWS-SEC-002";
    /// <inheritdoc />
    public override string Title => "All ports or a wide port range open to the internet";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Rationale => "A rule that opens every protocol or thousands of ports exposes whatever listens on the instance, debug endpoints and agents included; a launch draws scanners and attackers to the estate while the team is busy with the traffic.";
    /// <inheritdoc />
    public override string Remediation => "Replace protocol = \"-1\" (or from_port = 0, to_port = 65535) with the few ports the tier serves, e.g. from_port = 443, to_port = 443, protocol = \"tcp\", or restrict cidr_blocks to known ranges.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (resource, rule) in IngressRules(context))
        {
            var sources = Sources(rule);
            var open = sources.FirstOrDefault(s => SensitivePorts.IsInternet(s.AsString));
            if (open is null)
            {
                if (sources.Any(s => s.Kind == ValueKind.Unknown)) yield return Unverified(resource, "a source range is unknown here: cannot tell whether it is open to the internet");
                continue;
            }
            var protocolValue = rule["protocol"] ?? rule["ip_protocol"];
            var protocol = protocolValue?.AsString ?? NumberOf(protocolValue)?.ToString(CultureInfo.InvariantCulture);
            if (protocol is "-1" or "all")
            {
                yield return Fail(resource, $"ingress protocol {protocol} from {open.AsString} opens every port and protocol to the internet", open);
                continue;
            }
            var from = rule["from_port"];
            var to = rule["to_port"];
            if (IsUnknown(protocolValue) || IsUnknown(from) || IsUnknown(to))
            {
                yield return Unverified(resource, $"ingress from {open.AsString}: its protocol or ports are unknown here", open);
                continue;
            }
            if (NumberOf(from) is not { } low || NumberOf(to) is not { } high) continue;
            var width = high - low + 1;
            if (width >= WidestAllowed)
                yield return Fail(resource, string.Create(CultureInfo.InvariantCulture, $"ingress {protocol} {low}-{high} from {open.AsString} opens {width:N0} ports to the internet"), open);
        }
    }
}

/// <summary>An RDS instance with a public address.</summary>
public sealed class AwsDatabasePubliclyAccessible : AwsRule
{
    private static readonly string[] Types = ["aws_db_instance", "aws_rds_cluster_instance"];

    /// <inheritdoc />
    public override string Id => "HC-AWS-SEC-003";
    /// <inheritdoc />
    public override string Title => "RDS instance publicly accessible";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Rationale => "A database with a public endpoint is one security-group mistake away from the internet; during a peak its connections are scarce, and credential stuffing or scans against it compete with the shop's own queries.";
    /// <inheritdoc />
    public override string Remediation => "Set publicly_accessible = false and reach the database from the application subnets (or through a bastion or Session Manager).";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(Types))
        {
            var value = r["publicly_accessible"];
            if (IsUnknown(value)) yield return Unverified(r, "publicly_accessible is unknown here", value);
            else if (BoolOf(value) == true) yield return Fail(r, "publicly_accessible is true: the database has an address reachable from the internet", value);
        }
    }
}

/// <summary>An S3 bucket made public by its ACL or by turning its public access block off.</summary>
public sealed class AwsBucketPublic : AwsRule
{
    private static readonly string[] Flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
    private static readonly string[] PublicAcls = ["public-read", "public-read-write", "authenticated-read"];

    /// <inheritdoc />
    public override string Id => "HC-AWS-SEC-004";
    /// <inheritdoc />
    public override string Title => "S3 bucket open to the public";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Rationale => "A public bucket can be listed and downloaded by anyone: around a launch its links spread, data leaks, and every request and byte served from it is billed to the account while bypassing the CDN planned for the peak.";
    /// <inheritdoc />
    public override string Remediation => "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets = true in aws_s3_bucket_public_access_block, use acl = \"private\", and serve public files through CloudFront with origin access control.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes("aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"))
        {
            var off = Flags.Where(f => BoolOf(r[f]) == false).ToList();
            var unknown = Flags.Where(f => IsUnknown(r[f])).ToList();
            if (off.Count > 0) yield return Fail(r, $"{string.Join(", ", off)} {(off.Count == 1 ? "is" : "are")} false: public access to the bucket is not blocked", r[off[0]]);
            else if (unknown.Count > 0) yield return Unverified(r, $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} unknown here", r[unknown[0]]);
        }
        foreach (var r in context.OfTypes("aws_s3_bucket", "aws_s3_bucket_acl"))
        {
            var acl = r["acl"];
            if (IsUnknown(acl)) yield return Unverified(r, "acl is unknown here", acl);
            else if (acl?.AsString is { } name && PublicAcls.Contains(name)) yield return Fail(r, $"acl {name} grants access beyond the account", acl);
        }
    }
}

/// <summary>A load balancer listener serves plain HTTP instead of redirecting to HTTPS.</summary>
public sealed class AwsListenerPlainHttp : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-SEC-005";
    /// <inheritdoc />
    public override string Title => "Load balancer listener serving plain HTTP";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Rationale => "Campaign links and typed addresses land on port 80; a listener that forwards them sends logins, carts and session cookies in clear text over shared networks, exactly when the most new visitors arrive.";
    /// <inheritdoc />
    public override string Remediation => "Give the HTTP listener a default_action with type = \"redirect\" and redirect { protocol = \"HTTPS\", port = \"443\", status_code = \"HTTP_301\" }, and serve the site from an HTTPS listener.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(ListenerTypes))
        {
            var protocol = r["protocol"];
            if (IsUnknown(protocol)) { yield return Unverified(r, "protocol is unknown here", protocol); continue; }
            if (protocol?.AsString != "HTTP") continue;
            var action = Block(r, "default_action");
            var type = action?["type"];
            if (IsUnknown(type)) { yield return Unverified(r, "the default action's type is unknown here", type); continue; }
            var redirectProtocol = Block(action, "redirect")?["protocol"];
            if (type?.AsString == "redirect" && IsUnknown(redirectProtocol)) { yield return Unverified(r, "the redirect's protocol is unknown here", redirectProtocol); continue; }
            if (type?.AsString == "redirect" && redirectProtocol?.AsString == "HTTPS") continue;
            if (type?.AsString == "fixed-response") continue;
            var port = NumberOf(r["port"])?.ToString(CultureInfo.InvariantCulture) ?? "(not set)";
            yield return Fail(r, $"protocol HTTP on port {port} with default action {type?.AsString ?? "(none)"}: requests are served without TLS instead of redirected to HTTPS", protocol);
        }
    }
}

/// <summary>An HTTPS or TLS listener allows protocol versions older than TLS 1.2.</summary>
public sealed class AwsListenerOldTls : AwsRule
{
    private static readonly string[] Outdated =
    [
        "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01",
        "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06"
    ];

    /// <inheritdoc />
    public override string Id => "HC-AWS-SEC-006";
    /// <inheritdoc />
    public override string Title => "Listener security policy allows TLS older than 1.2";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Rationale => "TLS 1.0 and 1.1 are deprecated and their cipher suites weak; a launch is when security reviews, payment-card scans and new clients look at the front door, and a downgrade-prone listener fails them.";
    /// <inheritdoc />
    public override string Remediation => "Set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (TLS 1.2 and 1.3) on every HTTPS and TLS listener.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfTypes(ListenerTypes))
        {
            var protocol = r["protocol"];
            if (protocol?.AsString is not ("HTTPS" or "TLS")) continue;
            var policy = r["ssl_policy"];
            if (IsUnknown(policy)) yield return Unverified(r, "ssl_policy is unknown here", policy);
            else if (policy?.AsString is { } name && Outdated.Contains(name)) yield return Fail(r, $"ssl_policy {name} accepts TLS versions older than 1.2", policy);
        }
    }
}

/// <summary>An ElastiCache replication group without encryption in transit.</summary>
public sealed class AwsCacheWithoutTransitEncryption : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-SEC-007";
    /// <inheritdoc />
    public override string Title => "ElastiCache without encryption in transit";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Rationale => "Sessions, carts and tokens cached for the peak travel in clear text between the application and the cache; turning encryption on later means a migration nobody wants to run just before the event.";
    /// <inheritdoc />
    public override string Remediation => "Set transit_encryption_enabled = true on the aws_elasticache_replication_group (and an auth_token or RBAC user group), and connect with TLS.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/in-transit-encryption.html"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("aws_elasticache_replication_group"))
        {
            var value = r["transit_encryption_enabled"];
            if (IsUnknown(value)) yield return Unverified(r, "transit_encryption_enabled is unknown here", value);
            else if (BoolOf(value) != true)
                yield return Fail(r, value is null ? "transit_encryption_enabled is not set: it defaults to false, traffic to the cache is not encrypted" : "transit_encryption_enabled is false: traffic to the cache is not encrypted", value);
        }
    }
}
