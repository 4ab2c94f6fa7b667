using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Security;

/// <summary>Ports worth flagging when they are open to the whole internet, with what usually listens there.</summary>
internal static class SensitivePorts
{
    public static readonly (int From, int To, string Service)[] List =
    [
        (20, 21, "FTP"), (22, 22, "SSH"), (23, 23, "Telnet"), (25, 25, "SMTP"), (53, 53, "DNS"), (69, 69, "TFTP"), (110, 110, "POP3"),
        (135, 139, "NetBIOS/RPC"), (161, 162, "SNMP"), (389, 389, "LDAP"), (445, 445, "SMB"), (1433, 1433, "SQL Server"), (1521, 1521, "Oracle"),
        (2049, 2049, "NFS"), (2375, 2376, "Docker API"), (3306, 3306, "MySQL"), (3389, 3389, "RDP"), (5432, 5432, "PostgreSQL"), (5601, 5601, "Kibana"),
        (5900, 5900, "VNC"), (6379, 6379, "Redis"), (8080, 8080, "HTTP alternate"), (9200, 9200, "Elasticsearch"), (9300, 9300, "Elasticsearch transport"),
        (11211, 11211, "Memcached"), (27017, 27017, "MongoDB"),
    ];

    public static IEnumerable<string> Within(int from, int to) =>
        List.Where(p => p.From <= to && p.To >= from).Select(p => p.From == p.To ? $"{p.Service} ({p.From})" : $"{p.Service} ({p.From}-{p.To})");

    public static bool IsInternet(string? cidr) => cidr is "0.0.0.0/0" or "::/0";

    /// <summary>"22/22" → (22, 22); "-1/-1" → the whole range.</summary>
    public static (int From, int To)? Range(string? text)
    {
        if (text is null) return null;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from) || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to)) return null;
        return from == -1 && to == -1 ? (1, 65535) : (from, to);
    }
}

/// <summary>A security group rule opens a sensitive port (SSH, RDP, databases, caches...) to the whole internet.</summary>
public sealed class OpenSensitivePort : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-SEC-001";

    /// <inheritdoc />
    public override string Title => "Sensitive port open to the internet";

    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;

    /// <inheritdoc />
    public override Area Area => Area.Security;

    /// <inheritdoc />
    public override string Provider => "alicloud";

    /// <inheritdoc />
    public override string Rationale => "During an event the estate is watched by attackers as closely as by customers; an administration or database port open to 0.0.0.0/0 or ::/0 is found within minutes and brute-forced while the team is busy with the peak.";

    /// <inheritdoc />
    public override string Remediation => "Restrict cidr_ip to the office or bastion range (or remove the rule and reach the port through a bastion or VPN); keep only 80 and 443 open to the internet, on load balancers.";

    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://www.alibabacloud.com/help/en/ecs/user-guide/security-group-rules"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_security_group_rule"))
        {
            if (r["type"]?.AsString is not ("ingress" or null) || r["policy"]?.AsString == "drop") continue;
            var protocol = r["ip_protocol"]?.AsString;
            if (protocol is "icmp" or "gre" or "all") continue;   // "all" is HC-ALI-SEC-002's
            var cidr = r["cidr_ip"];
            var ipv6 = r["ipv6_cidr_ip"];
            var open = SensitivePorts.IsInternet(cidr?.AsString) ? cidr : SensitivePorts.IsInternet(ipv6?.AsString) ? ipv6 : null;
            if (open is null)
            {
                if (cidr?.Kind == ValueKind.Unknown) yield return Unverified(r, $"the rule's source range is unknown here ({cidr.Reference ?? "computed"}): cannot tell whether it is open to the internet", cidr);
                continue;
            }
            var range = r["port_range"];
            if (SensitivePorts.Range(range?.AsString) is not { } ports)
            {
                if (range?.Kind == ValueKind.Unknown) yield return Unverified(r, $"the port range is unknown here, from {open.AsString}", range);
                continue;
            }
            var services = SensitivePorts.Within(ports.From, ports.To).ToList();
            if (services.Count > 0)
                yield return Fail(r, $"ingress {protocol} {range!.AsString} from {open.AsString} opens {string.Join(", ", services)} to the internet", open);
        }
    }
}

/// <summary>A security group rule opens every protocol or every port to the whole internet.</summary>
public sealed class AllTrafficOpen : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-ALI-SEC-002";

    /// <inheritdoc />
    public override string Title => "All protocols or all ports open to the internet";

    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;

    /// <inheritdoc />
    public override Area Area => Area.Security;

    /// <inheritdoc />
    public override string Provider => "alicloud";

    /// <inheritdoc />
    public override string Rationale => "ip_protocol \"all\" or the port range -1/-1 (or 1/65535) from 0.0.0.0/0 exposes every service on the instances of the group, including ones nobody remembers running.";

    /// <inheritdoc />
    public override string Remediation => "Delete the rule, or narrow it to the protocol, ports and source range actually needed.";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var r in context.OfType("alicloud_security_group_rule"))
        {
            if (r["type"]?.AsString is not ("ingress" or null) || r["policy"]?.AsString == "drop") continue;
            var source = SensitivePorts.IsInternet(r["cidr_ip"]?.AsString) ? r["cidr_ip"] : SensitivePorts.IsInternet(r["ipv6_cidr_ip"]?.AsString) ? r["ipv6_cidr_ip"] : null;
            if (source is null) continue;
            var protocol = r["ip_protocol"]?.AsString;
            var range = r["port_range"]?.AsString;
            if (protocol == "all" || range is "-1/-1" or "1/65535")
                yield return Fail(r, string.Create(CultureInfo.InvariantCulture, $"ingress {protocol} {range} from {source.AsString}: every {(protocol == "all" ? "protocol and port" : "port")} is open to the internet"), source);
        }
    }
}
