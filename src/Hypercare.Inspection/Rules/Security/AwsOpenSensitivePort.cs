using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Security;

/// <summary>An AWS security group lets the whole internet reach a sensitive port.</summary>
public sealed class AwsOpenSensitivePort : AwsRule
{
    /// <inheritdoc />
    public override string Id => "HC-AWS-SEC-001";
    /// <inheritdoc />
    public override string Title => "Sensitive port open to the internet (AWS)";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Rationale => "An administration or database port reachable from 0.0.0.0/0 or ::/0 is scanned and brute-forced within minutes, and during an event nobody is watching its logs.";
    /// <inheritdoc />
    public override string Remediation => "Narrow cidr_blocks and ipv6_cidr_blocks to the office or bastion range, or use Systems Manager Session Manager instead of open SSH and RDP.";

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
            var protocol = rule["protocol"]?.AsString ?? rule["ip_protocol"]?.AsString;
            var from = rule["from_port"]?.AsNumber;
            var to = rule["to_port"]?.AsNumber;
            var (low, high) = protocol is "-1" or "all" ? (1, 65535) : from is null || to is null ? (0, -1) : ((int)from, (int)to);
            var services = SensitivePorts.Within(low, high).ToList();
            if (services.Count > 0)
                yield return Fail(resource, string.Create(CultureInfo.InvariantCulture, $"ingress {protocol} {(protocol is "-1" or "all" ? "all ports" : $"{from}-{to}")} from {open.AsString} opens {string.Join(", ", services)} to the internet"), open);
        }
    }
}
