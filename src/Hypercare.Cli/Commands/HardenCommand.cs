using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Objectives;
using Hypercare.Inspection;
using Hypercare.Inspection.Hardening;
using Hypercare.Inventory;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare harden --engagement FILE</c>: active hardening probes of the scope, merged with the inventory's exposure into a ranked plan.</summary>
internal static class HardenCommand
{
    public static Command Build(CliContext context)
    {
        var engagement = CliOptions.Required("--engagement", "The engagement: its scope (targets, hosts, ports), its key phases and the customer's scanning authorization");
        var inventory = CliOptions.Optional("--inventory", "Terraform or Kubernetes inputs whose exposure findings join the plan");
        var ports = CliOptions.Optional("--ports", "Ports to scan on every host: a list (22,80,443), a range (1-1024) or both; default: commonly exposed service ports");
        var rate = CliOptions.Optional("--rate", "New connections per second at most, e.g. 20/s (default 50/s)");
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        var failOn = CliOptions.Optional("--fail-on", "Exit 1 when a finding of this severity or worse is in the plan: low, medium, high or critical");
        var command = new Command("harden", "Security hardening probes of the scope (loopback targets, with the customer's scanning authorization): TLS, open ports, headers, banners; a ranked plan") { engagement, inventory, ports, rate, format, failOn };
        command.SetAction(async (parse, ct) =>
        {
            Severity? threshold = parse.GetValue(failOn) is { } f ? CliOptions.Enum<Severity>(f, "--fail-on") : null;
            var output = parse.GetValue(format) switch
            {
                "text" or "json" => parse.GetValue(format)!,
                var other => throw new BadInputException("invalid-format", $"'{other}' is not an output format", "text or json", SourceLocation.ForField("--format")),
            };
            var options = new HardeningOptions(
                parse.GetValue(ports) is { } p ? Ports(p) : null,
                parse.GetValue(rate) is { } r ? Rate(r) : 50);
            var file = EngagementFileLoader.Load(parse.GetValue(engagement)!);
            var scope = Scope(file);
            IReadOnlyList<Finding> exposure = [];
            IReadOnlyList<Problem> problems = [];
            if (parse.GetValue(inventory) is { } path)
            {
                var graph = InventoryReader.Read(path);
                problems = graph.Problems;
                exposure = Inspector.Run(new InspectionContext(graph, new EventTargets(EventEnd: scope.EventEnd, EventStart: scope.EventStart)));
            }
            var report = await new HardeningProbe(context.Time).RunAsync(scope, options, ct);
            var plan = HardeningPlan.Build(report, exposure);
            if (output == "json") context.Out.WriteLine(Json(plan));
            else Text(context, plan);
            context.WriteProblems(problems);
            return threshold is { } t && plan.Items.Any(i => i.Severity >= t) ? 1 : problems.Count > 0 ? 2 : 0;
        });
        return command;
    }

    private static HardeningScope Scope(EngagementFile file)
    {
        var d = file.Definition;
        return new HardeningScope(
            [.. d.Scope.Targets.Select(t => t.Url)], d.Scope.Hosts, d.Scope.Ports,
            file.Authorizations.Any(a => a.Kind == AuthorizationKind.VulnerabilityAndPortScanning),
            KeyPhases.EventStart(d.KeyPhases, d.Zone)?.ToDateTimeOffset(),
            KeyPhases.EventEnd(d.KeyPhases, d.Zone)?.ToDateTimeOffset());
    }

    /// <summary>A port list: comma-separated ports and ranges, e.g. <c>22,80,8000-8100</c>.</summary>
    internal static IReadOnlyList<int> Ports(string text)
    {
        var ports = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (from, to) = dash > 0 ? (Port(part[..dash]), Port(part[(dash + 1)..])) : (Port(part), Port(part));
            if (from > to) throw Bad($"the range '{part}' runs backwards");
            for (var port = from; port <= to; port++) ports.Add(port);
        }
        return ports.Count > 0 ? [.. ports] : throw Bad($"'{text}' names no port");

        int Port(string s) => int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 65535 ? n : throw Bad($"'{s}' is not a TCP port");
        static BadInputException Bad(string message) => new("invalid-ports", message, "ports are 1 to 65535, listed with commas or as ranges: 22,80,443 or 1-1024", SourceLocation.ForField("--ports"));
    }

    private static double Rate(string text)
    {
        var number = text.Trim().EndsWith("/s", StringComparison.Ordinal) ? text.Trim()[..^2] : text.Trim();
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 && r <= 10_000 ? r
            : throw new BadInputException("invalid-rate", $"'{text}' is not a connection rate", "connections per second, more than 0 and at most 10000, e.g. 20/s", SourceLocation.ForField("--rate"));
    }

    private static string SeverityMarkup(Severity s) => s switch
    {
        Severity.Critical => "[red]critical[/]",
        Severity.High => "[red]high[/]",
        Severity.Medium => "[yellow]medium[/]",
        _ => "low",
    };

    private static void Text(CliContext context, HardeningPlan plan)
    {
        var c = context.Console;
        var report = plan.Report;
        c.MarkupLine($"[bold]Hardening[/]: {report.Hosts.Count} host(s) probed ({Markup.Escape(string.Join(", ", report.Hosts.Select(h => $"{h.Host} = {string.Join("/", h.Addresses)}")))}); "
            + $"{plan.Items.Count} finding(s), {plan.Items.Count(i => i.Source == "inventory")} of them from the inventory");
        foreach (var scan in report.Ports)
            c.MarkupLine(Markup.Escape($"{scan.Host}: {scan.Scanned} port(s) scanned; open: {(scan.Open.Count == 0 ? "none" : string.Join(", ", scan.Open))}; expected: {(scan.Expected.Count == 0 ? "none" : string.Join(", ", scan.Expected))}"));
        foreach (var tls in report.Tls)
        {
            var leaf = tls.Chain.Count > 0 ? tls.Chain[0] : null;
            c.MarkupLine(Markup.Escape($"{tls.Target}: " + string.Join(", ", tls.Protocols.Select(p => $"{p.Name} {KebabCase.Of(p.Verdict)}"))
                + (leaf is null ? "" : $"; certificate {leaf.Subject}, issued by {leaf.Issuer}, expires {leaf.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(leaf.SelfSigned ? " (self-signed)" : "")}")));
        }
        foreach (var banner in report.Banners) c.MarkupLine(Markup.Escape($"{banner.Target}: {banner.Text}"));
        if (plan.Items.Count > 0)
        {
            var table = new Table().AddColumn("severity").AddColumn("kind").AddColumn("target").AddColumn("finding").AddColumn("fix");
            foreach (var i in plan.Items)
                table.AddRow(SeverityMarkup(i.Severity), Markup.Escape(i.Kind), Markup.Escape(i.Target), Markup.Escape(i.Message), Markup.Escape(i.Fix));
            c.Write(table);
        }
        foreach (var note in report.Notes) c.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
    }

    private static string Json(HardeningPlan plan)
    {
        var r = plan.Report;
        var items = new JsonArray();
        foreach (var i in plan.Items)
            items.Add(new JsonObject
            {
                ["severity"] = KebabCase.Of(i.Severity),
                ["kind"] = i.Kind,
                ["source"] = i.Source,
                ["target"] = i.Target,
                ["message"] = i.Message,
                ["fix"] = i.Fix,
            });
        static JsonArray Handshakes(IEnumerable<HandshakeResult> list) => [.. list.Select(h => (JsonNode)new JsonObject { ["name"] = h.Name, ["verdict"] = KebabCase.Of(h.Verdict), ["note"] = h.Note })];
        return new JsonObject
        {
            ["schema"] = HardeningPlan.Schema,
            ["probed_at"] = r.ProbedAt.ToString("O", CultureInfo.InvariantCulture),
            ["hosts"] = new JsonArray([.. r.Hosts.Select(h => (JsonNode)new JsonObject { ["host"] = h.Host, ["addresses"] = new JsonArray([.. h.Addresses.Select(a => (JsonNode)a.ToString())]) })]),
            ["ports"] = new JsonArray([.. r.Ports.Select(p => (JsonNode)new JsonObject
            {
                ["host"] = p.Host,
                ["scanned"] = p.Scanned,
                ["open"] = new JsonArray([.. p.Open.Select(x => (JsonNode)x)]),
                ["expected"] = new JsonArray([.. p.Expected.Select(x => (JsonNode)x)]),
            })]),
            ["tls"] = new JsonArray([.. r.Tls.Select(t => (JsonNode)new JsonObject
            {
                ["target"] = t.Target,
                ["chain"] = new JsonArray([.. t.Chain.Select(c => (JsonNode)new JsonObject { ["subject"] = c.Subject, ["issuer"] = c.Issuer, ["not_after"] = c.NotAfter.ToString("O", CultureInfo.InvariantCulture), ["self_signed"] = c.SelfSigned })]),
                ["chain_errors"] = new JsonArray([.. t.ChainErrors.Select(e => (JsonNode)e)]),
                ["protocols"] = Handshakes(t.Protocols),
                ["weak_ciphers"] = Handshakes(t.WeakCiphers),
            })]),
            ["banners"] = new JsonArray([.. r.Banners.Select(b => (JsonNode)new JsonObject { ["target"] = b.Target, ["text"] = b.Text })]),
            ["findings"] = items,
            ["notes"] = new JsonArray([.. r.Notes.Select(n => (JsonNode)n)]),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
