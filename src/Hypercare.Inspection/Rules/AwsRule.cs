using System.Diagnostics.CodeAnalysis;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules;

/// <summary>A rule about AWS resources, with the readers several of them share.</summary>
public abstract class AwsRule : Rule
{
    /// <inheritdoc />
    public override string Provider => "aws";

    /// <summary>The load balancers of the application and network kind (both resource type names).</summary>
    protected static readonly string[] LoadBalancerTypes = ["aws_lb", "aws_alb"];

    /// <summary>Listeners of those load balancers.</summary>
    protected static readonly string[] ListenerTypes = ["aws_lb_listener", "aws_alb_listener"];

    /// <summary>Target groups of those load balancers.</summary>
    protected static readonly string[] TargetGroupTypes = ["aws_lb_target_group", "aws_alb_target_group"];

    /// <summary>The first nested block of that name (nested blocks are lists of objects), or null.</summary>
    protected static Value? Block(Value? holder, string name) => holder?[name] switch
    {
        { Kind: ValueKind.List } list => list.Items.Count > 0 ? list.Items[0] : null,
        { Kind: ValueKind.Map } map => map,
        _ => null,
    };

    /// <summary>The first nested block of that name in a resource, or null.</summary>
    protected static Value? Block(Resource resource, string name) => resource[name] switch
    {
        { Kind: ValueKind.List } list => list.Items.Count > 0 ? list.Items[0] : null,
        { Kind: ValueKind.Map } map => map,
        _ => null,
    };

    /// <summary>
    /// Every ingress rule with the resource that declares it: the inline <c>ingress</c> blocks of security groups,
    /// <c>aws_security_group_rule</c> of type ingress, and <c>aws_vpc_security_group_ingress_rule</c>.
    /// </summary>
    protected static IEnumerable<(Resource Resource, Value Rule)> IngressRules(InspectionContext context) =>
        context.OfType("aws_security_group").SelectMany(g => (g["ingress"]?.Items ?? []).Select(i => (g, i)))
            .Concat(context.OfType("aws_security_group_rule").Where(r => r["type"]?.AsString == "ingress").Select(r => (r, Value.Map([.. r.Attributes]))))
            .Concat(context.OfType("aws_vpc_security_group_ingress_rule").Select(r => (r, Value.Map([.. r.Attributes]))));

    /// <summary>
    /// The source ranges of an ingress rule: the items of <c>cidr_blocks</c> and <c>ipv6_cidr_blocks</c>, and
    /// <c>cidr_ipv4</c> and <c>cidr_ipv6</c>, and a list that is unknown as a whole (then nobody can tell what it opens).
    /// </summary>
    protected static List<Value> Sources(Value rule) =>
        (rule["cidr_blocks"]?.Items ?? []).Concat(rule["ipv6_cidr_blocks"]?.Items ?? [])
            .Append(rule["cidr_ipv4"] ?? Value.Null()).Append(rule["cidr_ipv6"] ?? Value.Null())
            .Concat(new[] { rule["cidr_blocks"], rule["ipv6_cidr_blocks"] }.OfType<Value>().Where(v => v.Kind == ValueKind.Unknown))
            .ToList();

    /// <summary>Whether an attribute is set: a non-empty text, any other known value, or an unknown one (state stores unset strings as "").</summary>
    protected static bool IsSet([NotNullWhen(true)] Value? value) => value is not null && value.Kind != ValueKind.Null && value.AsString is not "";

    /// <summary>Whether the engine is Aurora, whose storage, backups and instances the cluster manages.</summary>
    protected static bool IsAurora(Resource resource) => resource["engine"]?.AsString?.StartsWith("aurora", StringComparison.Ordinal) == true;
}
