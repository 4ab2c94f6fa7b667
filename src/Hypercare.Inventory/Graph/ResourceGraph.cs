using Hypercare.Core.Problems;

namespace Hypercare.Inventory.Graph;

/// <summary>Where a resource was read from.</summary>
public enum Origin
{
    /// <summary>Terraform configuration (.tf).</summary>
    Configuration,
    /// <summary>Terraform state.</summary>
    State,
    /// <summary>Terraform plan (<c>terraform show -json</c>).</summary>
    Plan,
    /// <summary>A Kubernetes manifest.</summary>
    Manifest,
}

/// <summary>A reference from one resource to another, through one of its attributes.</summary>
/// <param name="Attribute">The referring attribute (a dotted path), or <c>depends_on</c>.</param>
/// <param name="Target">The address of the resource referred to, e.g. <c>alicloud_vpc.main</c>.</param>
/// <param name="TargetAttribute">The attribute of the target, when known (e.g. <c>id</c>).</param>
public sealed record ResourceReference(string Attribute, string Target, string? TargetAttribute);

/// <summary>One resource instance of the customer's estate.</summary>
/// <param name="Address">Its full address, e.g. <c>module.net.alicloud_vswitch.a[0]</c>.</param>
/// <param name="Mode">managed or data.</param>
/// <param name="Type">e.g. <c>alicloud_slb_load_balancer</c>, or a Kubernetes kind such as <c>Deployment</c>.</param>
/// <param name="Name">Its name in the configuration.</param>
/// <param name="Index">The count index or for_each key, when it has one.</param>
/// <param name="Provider">The provider's short name: alicloud, aws, kubernetes...</param>
/// <param name="ProviderAlias">The provider configuration's alias, if any.</param>
/// <param name="ModulePath">The module names from the root, e.g. [net].</param>
/// <param name="Attributes">Attribute values, typed.</param>
/// <param name="References">What it refers to.</param>
/// <param name="Origin">Where it was read from.</param>
/// <param name="Location">Its place in that source.</param>
public sealed record Resource(
    string Address,
    string Mode,
    string Type,
    string Name,
    object? Index,
    string Provider,
    string? ProviderAlias,
    IReadOnlyList<string> ModulePath,
    IReadOnlyDictionary<string, Value> Attributes,
    IReadOnlyList<ResourceReference> References,
    Origin Origin,
    SourceLocation? Location)
{
    /// <summary>An attribute by name, or null.</summary>
    public Value? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}

/// <summary>Resources read from one or more sources, and the problems met reading them.</summary>
public sealed record ResourceGraph(IReadOnlyList<Resource> Resources, IReadOnlyList<Problem> Problems)
{
    /// <summary>A resource by address, or null.</summary>
    public Resource? Find(string address) => Resources.FirstOrDefault(r => r.Address == address);
}

/// <summary>Addresses written the way Terraform writes them.</summary>
public static class Addresses
{
    /// <summary><c>module.a.module.b.</c> prefix + <c>data.</c> for data sources + type.name + index.</summary>
    public static string Of(IReadOnlyList<string> modulePath, string mode, string type, string name, object? index) =>
        string.Concat(modulePath.Select(m => $"module.{m}.")) + (mode == "data" ? "data." : "") + $"{type}.{name}" + IndexText(index);

    /// <summary><c>[0]</c> for a number, <c>["key"]</c> for a string, nothing for none.</summary>
    public static string IndexText(object? index) => index switch
    {
        null => "",
        string s => $"[\"{s}\"]",
        _ => $"[{Convert.ToString(index, System.Globalization.CultureInfo.InvariantCulture)}]",
    };

    /// <summary>The module path of a module address such as <c>module.net.module.sub</c> (or <c>module.net["a"]</c>).</summary>
    public static IReadOnlyList<string> ModulePath(string? moduleAddress)
    {
        if (string.IsNullOrEmpty(moduleAddress)) return [];
        var parts = new List<string>();
        foreach (var segment in moduleAddress.Split("module.", StringSplitOptions.RemoveEmptyEntries))
            parts.Add(segment.TrimEnd('.'));
        return parts;
    }

    /// <summary>The provider's short name and alias from state's <c>provider["registry.terraform.io/aliyun/alicloud"].alias</c>, a plan's <c>registry.terraform.io/hashicorp/aws</c> or v3's <c>provider.aws.west</c>.</summary>
    public static (string Name, string? Alias) Provider(string? text)
    {
        if (string.IsNullOrEmpty(text)) return ("", null);
        string? alias = null;
        var t = text;
        if (t.StartsWith("provider[\"", StringComparison.Ordinal))
        {
            var close = t.IndexOf("\"]", StringComparison.Ordinal);
            if (close > 0)
            {
                if (t.Length > close + 3 && t[close + 2] == '.') alias = t[(close + 3)..];
                t = t[10..close];
            }
        }
        else if (t.StartsWith("provider.", StringComparison.Ordinal))
        {
            var rest = t[9..].Split('.');
            return (rest[0], rest.Length > 1 ? rest[1] : null);
        }
        var name = t[(t.LastIndexOf('/') + 1)..];
        return (ProviderAliases.Canonical(name), alias);
    }
}

/// <summary>Providers and attributes that were renamed over time, mapped to one name.</summary>
public static class ProviderAliases
{
    private static readonly Dictionary<string, string> Providers = new(StringComparer.Ordinal)
    {
        ["aliyun"] = "alicloud",
        ["alibabacloud"] = "alicloud",
    };

    private static readonly Dictionary<(string Type, string Attribute), string> RenamedAttributes = new()
    {
        [("alicloud_db_instance", "db_instance_class")] = "instance_type",
        [("alicloud_db_instance", "db_instance_storage")] = "instance_storage",
        [("alicloud_slb_load_balancer", "specification")] = "load_balancer_spec",
        [("alicloud_slb", "specification")] = "load_balancer_spec",
        [("alicloud_kvstore_instance", "instance_name")] = "db_instance_name",
        [("alicloud_vswitch", "availability_zone")] = "zone_id",
        [("alicloud_vswitch", "name")] = "vswitch_name",
        [("alicloud_vpc", "name")] = "vpc_name",
        [("alicloud_eip_address", "name")] = "address_name",
    };

    private static readonly Dictionary<string, string> RenamedTypes = new(StringComparer.Ordinal)
    {
        ["alicloud_slb"] = "alicloud_slb_load_balancer",
        ["alicloud_eip"] = "alicloud_eip_address",
    };

    /// <summary>The current name of a provider.</summary>
    public static string Canonical(string provider) => Providers.GetValueOrDefault(provider, provider);

    /// <summary>The current name of a resource type.</summary>
    public static string Type(string type) => RenamedTypes.GetValueOrDefault(type, type);

    /// <summary>The current name of an attribute of a (current) resource type.</summary>
    public static string Attribute(string type, string attribute) => RenamedAttributes.GetValueOrDefault((type, attribute), attribute);
}
