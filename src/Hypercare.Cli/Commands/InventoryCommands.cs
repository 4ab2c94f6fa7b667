using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hypercare.Inventory;
using Hypercare.Inventory.Graph;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare inventory show PATH</c>: what the customer runs, read from Terraform and Kubernetes files.</summary>
internal static class InventoryCommands
{
    private static readonly string[] ZoneAttributes = ["zone_id", "availability_zone", "zone", "master_zone_id"];

    public static Command Build(CliContext context)
    {
        var inventory = new Command("inventory", "The customer's estate as one resource graph: Terraform configuration, state and plans, Kubernetes manifests");
        var path = new Argument<string>("PATH") { Description = "A directory (read recursively) or one .tf, .tfstate, plan .json or manifest .yaml file" };
        var json = CliOptions.Json();
        var show = new Command("show", "Read everything below PATH and summarize it: resources per type and zone, unknown values, problems; exit 2 when an input had errors") { path, json };
        show.SetAction(parse =>
        {
            var target = parse.GetValue(path)!;
            var graph = InventoryReader.Read(target);
            if (parse.GetValue(json)) context.Out.WriteLine(Json(graph));
            else Summary(context, target, graph);
            context.WriteProblems(graph.Problems);
            return graph.Problems.Count > 0 ? 2 : 0;
        });
        inventory.Subcommands.Add(show);
        return inventory;
    }

    private static void Summary(CliContext context, string target, ResourceGraph graph)
    {
        var c = context.Console;
        var origins = graph.Resources.GroupBy(r => r.Origin).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}");
        c.MarkupLine($"[bold]Inventory of {Markup.Escape(target)}[/]: {graph.Resources.Count} resources ({Markup.Escape(string.Join(", ", origins))})");
        var table = new Table().AddColumn("type").AddColumn("origin").AddColumn(new TableColumn("resources").RightAligned()).AddColumn("zones");
        foreach (var group in graph.Resources.GroupBy(r => (r.Type, r.Origin)).OrderBy(g => g.Key.Type, StringComparer.Ordinal).ThenBy(g => g.Key.Origin))
        {
            var zones = group.Select(Zone).Where(z => z is not null).Distinct().Order(StringComparer.Ordinal).ToList();
            table.AddRow(Markup.Escape(group.Key.Type), group.Key.Origin.ToString().ToLowerInvariant(), group.Count().ToString(CultureInfo.InvariantCulture),
                zones.Count == 0 ? "-" : Markup.Escape(string.Join(", ", zones)));
        }
        c.Write(table);
        var unknown = graph.Resources.SelectMany(r => r.Attributes.Where(a => !a.Value.IsWhollyKnown).Select(a => (r, a.Key, a.Value))).ToList();
        if (unknown.Count > 0)
        {
            c.MarkupLine($"unknown here: {unknown.Count} attributes of {unknown.Select(u => u.r.Address).Distinct().Count()} resources (what the cloud assigns, or what cannot be computed without it); rules report them as not verifiable");
            foreach (var (r, name, value) in unknown.Take(5))
                c.MarkupLine($"  [grey]{Markup.Escape(r.Address)}.{Markup.Escape(name)}{(value.Reference is { } reference ? " → " + Markup.Escape(reference) : "")}[/]");
        }
        if (graph.Problems.Count > 0) c.MarkupLine($"[red]{graph.Problems.Count} problem(s)[/] while reading (listed on stderr); everything else was read");
    }

    private static string? Zone(Resource r)
    {
        foreach (var name in ZoneAttributes)
            if (r[name]?.AsString is { Length: > 0 } zone) return zone;
        return null;
    }

    private static string Json(ResourceGraph graph)
    {
        var resources = new JsonArray();
        foreach (var r in graph.Resources)
        {
            var attributes = new JsonObject();
            foreach (var (name, value) in r.Attributes) attributes[name] = Node(value);
            resources.Add(new JsonObject
            {
                ["address"] = r.Address,
                ["mode"] = r.Mode,
                ["type"] = r.Type,
                ["name"] = r.Name,
                ["index"] = r.Index switch { null => null, string s => JsonValue.Create(s), long n => JsonValue.Create(n), var o => JsonValue.Create(Convert.ToString(o, CultureInfo.InvariantCulture)) },
                ["provider"] = r.Provider,
                ["provider_alias"] = r.ProviderAlias,
                ["module_path"] = new JsonArray([.. r.ModulePath.Select(m => (JsonNode)JsonValue.Create(m))]),
                ["origin"] = r.Origin.ToString().ToLowerInvariant(),
                ["location"] = r.Location?.ToString(),
                ["attributes"] = attributes,
                ["references"] = new JsonArray([.. r.References.Select(x => (JsonNode)new JsonObject { ["attribute"] = x.Attribute, ["target"] = x.Target, ["target_attribute"] = x.TargetAttribute })]),
            });
        }
        var document = new JsonObject
        {
            ["schema"] = "hypercare.inventory/v1",
            ["resources"] = resources,
            ["problems"] = new JsonArray([.. graph.Problems.Select(p => (JsonNode)new JsonObject { ["code"] = p.Code, ["message"] = p.Message, ["location"] = p.Location?.ToString(), ["hint"] = p.Hint })]),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>A value as JSON; an unknown is <c>{"$unknown": reference-or-null}</c>.</summary>
    private static JsonNode? Node(Value v) => v.Kind switch
    {
        ValueKind.Null => null,
        ValueKind.Bool => JsonValue.Create(v.AsBool!.Value),
        ValueKind.Number => JsonValue.Create(v.AsNumber!.Value),
        ValueKind.Text => JsonValue.Create(v.AsString),
        ValueKind.List => new JsonArray([.. v.Items.Select(Node)]),
        ValueKind.Map => new JsonObject(v.Members.Select(m => new KeyValuePair<string, JsonNode?>(m.Key, Node(m.Value)))),
        _ => new JsonObject { ["$unknown"] = v.Reference },
    };
}
