using System.Globalization;
using System.Text.Json;
using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inventory.TerraformState;

/// <summary>
/// Reads Terraform state: version 4 (Terraform 0.12 and later: resources with instances and typed attributes) and
/// version 3 (Terraform 0.11: modules with flattened attributes such as <c>tags.%</c> and <c>ports.0</c>, which are
/// rebuilt into maps and lists). Every attribute is located by its JSON path.
/// </summary>
public static class StateReader
{
    /// <summary>Reads a state document; problems (a bad version, a malformed resource) are returned, never thrown.</summary>
    public static ResourceGraph Read(string file, JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v))
            return new ResourceGraph([], [new Problem("invalid-state", "not a Terraform state: no 'version' number at the top", JsonValues.At(file, "version"), "give a terraform.tfstate file (JSON)")]);
        return v switch
        {
            4 => Version4(file, root),
            3 => Version3(file, root),
            _ => new ResourceGraph([], [new Problem("unsupported-state", $"state version {v} is not supported", JsonValues.At(file, "version"), "versions 3 (Terraform 0.11) and 4 (0.12 and later) are read; run 'terraform state pull' with a current Terraform")]),
        };
    }

    private static ResourceGraph Version4(string file, JsonElement root)
    {
        if (!root.TryGetProperty("resources", out var list) || list.ValueKind != JsonValueKind.Array) return new ResourceGraph([], []);
        // Large states are converted in parallel slices (the document is read-only and safe to share), then joined
        // in the file's order.
        var elements = list.EnumerateArray().ToArray();
        var slices = Math.Clamp(elements.Length / 5_000, 1, Environment.ProcessorCount);
        var parts = new (List<Resource> Resources, List<Problem> Problems)[slices];
        Parallel.For(0, slices, slice =>
        {
            var json = new JsonValues(file);
            var resources = new List<Resource>();
            var problems = new List<Problem>();
            var from = (int)((long)elements.Length * slice / slices);
            var to = (int)((long)elements.Length * (slice + 1) / slices);
            for (var r = from; r < to; r++) Version4Resource(json, file, elements[r], r, resources, problems);
            parts[slice] = (resources, problems);
        });
        return new ResourceGraph([.. parts.SelectMany(p => p.Resources)], [.. parts.SelectMany(p => p.Problems)]);
    }

    private static void Version4Resource(JsonValues json, string file, JsonElement resource, int r, List<Resource> resources, List<Problem> problems)
    {
        var path = $"resources[{r}]";
        var type = JsonValues.Text(resource, "type");
        var name = JsonValues.Text(resource, "name");
        if (type is null || name is null)
        {
            problems.Add(new Problem("invalid-state", "a resource without 'type' or 'name'", JsonValues.At(file, path), null));
            return;
        }
        var mode = JsonValues.Text(resource, "mode") ?? "managed";
        var modulePath = Addresses.ModulePath(JsonValues.Text(resource, "module"));
        var (provider, alias) = Addresses.Provider(JsonValues.Text(resource, "provider"));
        var canonicalType = ProviderAliases.Type(type);
        if (!resource.TryGetProperty("instances", out var instances) || instances.ValueKind != JsonValueKind.Array) return;
        var i = 0;
        foreach (var instance in instances.EnumerateArray())
        {
            var instancePath = $"{path}.instances[{i++}]";
            var index = JsonValues.Index(instance, "index_key");
            var attributes = new Dictionary<string, Value>(StringComparer.Ordinal);
            if (instance.TryGetProperty("attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
                foreach (var (attribute, value) in json.Members(attrs, $"{instancePath}.attributes"))
                    attributes[ProviderAliases.Attribute(canonicalType, attribute)] = value;
            var references = new List<ResourceReference>();
            if (instance.TryGetProperty("dependencies", out var deps) && deps.ValueKind == JsonValueKind.Array)
                foreach (var d in deps.EnumerateArray())
                    if (d.GetString() is { } target) references.Add(new ResourceReference("depends_on", json.Intern(target), null));
            resources.Add(new Resource(Addresses.Of(modulePath, mode, canonicalType, name, index), mode, canonicalType, name, index, provider, alias, modulePath,
                attributes, references, Origin.State, JsonValues.At(file, instancePath)));
        }
    }

    private static ResourceGraph Version3(string file, JsonElement root)
    {
        var resources = new List<Resource>();
        var problems = new List<Problem>();
        if (!root.TryGetProperty("modules", out var modules) || modules.ValueKind != JsonValueKind.Array) return new ResourceGraph(resources, problems);
        var m = 0;
        foreach (var module in modules.EnumerateArray())
        {
            var modulePathText = $"modules[{m++}]";
            var modulePath = module.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(x => x.GetString() ?? "").Skip(1).ToList()
                : [];
            if (!module.TryGetProperty("resources", out var list) || list.ValueKind != JsonValueKind.Object) continue;
            foreach (var entry in list.EnumerateObject())
            {
                var path = $"{modulePathText}.resources.{entry.Name}";
                // Keys: "type.name", "type.name.2" (count), "data.type.name".
                var key = entry.Name.Split('.');
                var mode = key[0] == "data" ? "data" : "managed";
                var parts = mode == "data" ? key[1..] : key;
                if (parts.Length < 2)
                {
                    problems.Add(new Problem("invalid-state", $"'{entry.Name}' is not a resource key (type.name)", JsonValues.At(file, path), null));
                    continue;
                }
                object? index = parts.Length > 2 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
                var type = ProviderAliases.Type(JsonValues.Text(entry.Value, "type") ?? parts[0]);
                var (provider, alias) = Addresses.Provider(JsonValues.Text(entry.Value, "provider") is { Length: > 0 } pv ? pv : "provider." + parts[0].Split('_')[0]);
                var flat = new List<(string Key, string Value)>();
                if (entry.Value.TryGetProperty("primary", out var primary) && primary.TryGetProperty("attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
                    foreach (var a in attrs.EnumerateObject())
                        flat.Add((a.Name, a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString()! : a.Value.GetRawText()));
                var attributes = Unflatten(flat, file, $"{path}.primary.attributes")
                    .ToDictionary(kv => ProviderAliases.Attribute(type, kv.Key), kv => kv.Value, StringComparer.Ordinal);
                var references = new List<ResourceReference>();
                if (entry.Value.TryGetProperty("depends_on", out var deps) && deps.ValueKind == JsonValueKind.Array)
                    foreach (var d in deps.EnumerateArray())
                        if (d.GetString() is { } target) references.Add(new ResourceReference("depends_on", target, null));
                resources.Add(new Resource(Addresses.Of(modulePath, mode, type, parts[1], index), mode, type, parts[1], index, provider, alias, modulePath,
                    attributes, references, Origin.State, JsonValues.At(file, path)));
            }
        }
        return new ResourceGraph(resources, problems);
    }

    /// <summary>
    /// Rebuilds v3's flattened attributes: <c>tags.% = 2</c> with <c>tags.Name</c> is a map, <c>ports.# = 2</c> with
    /// <c>ports.0</c> a list, and the same one level down (<c>rule.0.port</c>). Values stay strings, as v3 stored them,
    /// except that "true"/"false" become booleans and integers numbers when the key is a count.
    /// </summary>
    internal static IReadOnlyList<KeyValuePair<string, Value>> Unflatten(IReadOnlyList<(string Key, string Value)> flat, string file, string path)
    {
        var result = new List<KeyValuePair<string, Value>>();
        var groups = flat.GroupBy(f => f.Key.Split('.', 2)[0]).ToList();
        foreach (var group in groups)
        {
            var name = group.Key;
            var at = JsonValues.At(file, $"{path}.{name}");
            var whole = group.FirstOrDefault(f => f.Key == name);
            var nested = group.Where(f => f.Key != name).Select(f => (Key: f.Key[(name.Length + 1)..], f.Value)).ToList();
            if (nested.Count == 0)
            {
                result.Add(new(name, Scalar(whole.Value, at)));
                continue;
            }
            var isList = nested.Any(n => n.Key == "#");
            var children = nested.Where(n => n.Key is not ("#" or "%")).ToList();
            var inner = Unflatten(children, file, $"{path}.{name}");
            if (isList)
                result.Add(new(name, Value.List(inner.OrderBy(kv => long.TryParse(kv.Key, out var i) ? i : long.MaxValue).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList(), at)));
            else
                result.Add(new(name, Value.Map(inner, at)));
        }
        return result;
    }

    private static Value Scalar(string text, SourceLocation at) => text switch
    {
        "true" => Value.Of(true, at),
        "false" => Value.Of(false, at),
        _ => Value.Of(text, at),
    };
}
