using System.Text.Json;
using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inventory.TerraformPlan;

/// <summary>
/// Reads a plan as <c>terraform show -json</c> writes it: the planned values of the root module and its child
/// modules, with the attributes the plan cannot know yet (<c>resource_changes[].change.after_unknown</c>) marked
/// unknown rather than left out, and resources the plan deletes left out.
/// </summary>
public static class PlanReader
{
    /// <summary>Reads a plan document; problems are returned, never thrown.</summary>
    public static ResourceGraph Read(string file, JsonDocument document)
    {
        var root = document.RootElement;
        var problems = new List<Problem>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format_version", out _))
            return new ResourceGraph([], [new Problem("invalid-plan", "not a Terraform plan: no 'format_version' at the top", JsonValues.At(file, "format_version"), "give the output of 'terraform show -json PLANFILE'")]);
        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("resource_changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
            foreach (var change in changes.EnumerateArray())
            {
                if (JsonValues.Text(change, "address") is not { } address || !change.TryGetProperty("change", out var c)) continue;
                if (c.TryGetProperty("after_unknown", out var au) && au.ValueKind == JsonValueKind.Object) unknown[address] = au;
                if (c.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.EnumerateArray().Select(a => a.GetString()).SequenceEqual(["delete"]))
                    deleted.Add(address);
            }
        var resources = new List<Resource>();
        if (root.TryGetProperty("planned_values", out var planned) && planned.TryGetProperty("root_module", out var module))
            Module(new JsonValues(file), file, module, "planned_values.root_module", unknown, deleted, resources, problems);
        return new ResourceGraph(resources, problems);
    }

    private static void Module(JsonValues json, string file, JsonElement module, string path, Dictionary<string, JsonElement> unknown, HashSet<string> deleted, List<Resource> resources, List<Problem> problems)
    {
        if (module.TryGetProperty("resources", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var r in list.EnumerateArray())
            {
                var at = $"{path}.resources[{i++}]";
                var address = JsonValues.Text(r, "address");
                var type = JsonValues.Text(r, "type");
                var name = JsonValues.Text(r, "name");
                if (address is null || type is null || name is null)
                {
                    problems.Add(new Problem("invalid-plan", "a planned resource without 'address', 'type' or 'name'", JsonValues.At(file, at), null));
                    continue;
                }
                if (deleted.Contains(address)) continue;
                var mode = JsonValues.Text(r, "mode") ?? "managed";
                var index = JsonValues.Index(r, "index");
                var modulePath = Addresses.ModulePath(ModuleOf(address));
                var (provider, alias) = Addresses.Provider(JsonValues.Text(r, "provider_name"));
                var canonicalType = ProviderAliases.Type(type);
                var attributes = new Dictionary<string, Value>(StringComparer.Ordinal);
                if (r.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Object)
                    foreach (var (attributeName, value) in json.Members(values, $"{at}.values"))
                        attributes[ProviderAliases.Attribute(canonicalType, attributeName)] = value;
                if (unknown.TryGetValue(address, out var au))
                    foreach (var a in au.EnumerateObject())
                    {
                        var key = ProviderAliases.Attribute(canonicalType, a.Name);
                        if (a.Value.ValueKind == JsonValueKind.True) attributes[key] = Value.Unknown(null, JsonValues.At(file, $"{at}.values.{a.Name}"));
                        else if (attributes.TryGetValue(key, out var known)) attributes[key] = MarkUnknown(known, a.Value);
                    }
                resources.Add(new Resource(Addresses.Of(modulePath, mode, canonicalType, name, index), mode, canonicalType, name, index, provider, alias, modulePath,
                    attributes, [], Origin.Plan, JsonValues.At(file, at)));
            }
        }
        if (module.TryGetProperty("child_modules", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            var c = 0;
            foreach (var child in children.EnumerateArray())
                Module(json, file, child, $"{path}.child_modules[{c++}]", unknown, deleted, resources, problems);
        }
    }

    /// <summary>Applies a nested <c>after_unknown</c> (e.g. <c>{"tags": {"id": true}}</c>) to a known value.</summary>
    private static Value MarkUnknown(Value known, JsonElement marks)
    {
        if (marks.ValueKind == JsonValueKind.True) return Value.Unknown(null, known.Location);
        if (marks.ValueKind == JsonValueKind.Object && known.Kind == ValueKind.Map)
            return Value.Map(known.Members.Select(m => marks.TryGetProperty(m.Key, out var mark) ? new KeyValuePair<string, Value>(m.Key, MarkUnknown(m.Value, mark)) : m).ToList(), known.Location);
        if (marks.ValueKind == JsonValueKind.Array && known.Kind == ValueKind.List)
        {
            var items = known.Items.ToList();
            var i = 0;
            foreach (var mark in marks.EnumerateArray())
            {
                if (i < items.Count) items[i] = MarkUnknown(items[i], mark);
                i++;
            }
            return Value.List(items, known.Location);
        }
        return known;
    }

    /// <summary>The module part of an address: <c>module.net.module.sub</c> of <c>module.net.module.sub.aws_vpc.this[0]</c>.</summary>
    internal static string? ModuleOf(string address)
    {
        var parts = new List<string>();
        var rest = address;
        while (rest.StartsWith("module.", StringComparison.Ordinal))
        {
            var afterName = rest.IndexOf('.', 7);
            if (afterName < 0) break;
            parts.Add(rest[..afterName]);
            rest = rest[(afterName + 1)..];
        }
        return parts.Count == 0 ? null : string.Join('.', parts);
    }
}
