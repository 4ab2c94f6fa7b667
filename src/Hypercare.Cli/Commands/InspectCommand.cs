using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Objectives;
using Hypercare.Inspection;
using Hypercare.Inspection.Sarif;
using Hypercare.Inventory;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare inspect PATH</c>: the estate's risks for the event, ranked, with capacity held against the objectives.</summary>
internal static class InspectCommand
{
    public static Command Build(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "Terraform configuration, state, plans or Kubernetes manifests: a directory or one file" };
        var engagement = CliOptions.Optional("--engagement", "The engagement whose objectives (peak, egress) and key phases (event end) the capacity and expiry rules use");
        var format = new Option<string>("--format") { Description = "text (default), json or sarif (SARIF 2.1.0)", DefaultValueFactory = _ => "text" };
        var failOn = CliOptions.Optional("--fail-on", "Exit 1 when a failure of this severity or worse is found: low, medium, high or critical");
        var command = new Command("inspect", "Risk inspection: availability, capacity against the objectives, expiry before the event, exposure; exit 1 with --fail-on") { path, engagement, format, failOn };
        command.SetAction(parse =>
        {
            Severity? threshold = parse.GetValue(failOn) is { } f ? CliOptions.Enum<Severity>(f, "--fail-on") : null;
            var output = parse.GetValue(format) switch
            {
                "text" or "json" or "sarif" => parse.GetValue(format)!,
                var other => throw new BadInputException("invalid-format", $"'{other}' is not an output format", "text, json or sarif", SourceLocation.ForField("--format")),
            };
            var targets = parse.GetValue(engagement) is { } file ? Targets(EngagementFileLoader.Load(file)) : EventTargets.None;
            var graph = InventoryReader.Read(parse.GetValue(path)!);
            var findings = Inspector.Run(new InspectionContext(graph, targets));
            if (output == "json") context.Out.WriteLine(Json(findings));
            else if (output == "sarif") context.Out.WriteLine(SarifWriter.Write(findings, Inspector.Rules, parse.GetValue(path)!, typeof(Inspector).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
            else Text(context, findings, graph.Resources.Count, targets);
            context.WriteProblems(graph.Problems);
            return threshold is { } t && findings.Any(x => x.Outcome == Outcome.Fail && x.Rule.Severity >= t) ? 1 : graph.Problems.Count > 0 ? 2 : 0;
        });
        return command;
    }

    private static EventTargets Targets(EngagementFile file)
    {
        var o = file.Definition.Objectives;
        var end = KeyPhases.EventEnd(file.Definition.KeyPhases, file.Definition.Zone)?.ToDateTimeOffset();
        var start = KeyPhases.EventStart(file.Definition.KeyPhases, file.Definition.Zone)?.ToDateTimeOffset();
        return new EventTargets(o?.PeakRate.PerSecond, 0.3, o?.PeakEgress?.BitsPerSecond / 1e6, end, PeakConcurrency: o?.PeakConcurrentUsers, EventStart: start);
    }

    private static void Text(CliContext context, IReadOnlyList<Finding> findings, int resources, EventTargets targets)
    {
        var c = context.Console;
        var failed = findings.Count(f => f.Outcome == Outcome.Fail);
        c.MarkupLine($"[bold]Inspection[/]: {resources} resources, {Inspector.Rules.Count} rules; {failed} finding(s), {findings.Count - failed} could not be verified"
            + (targets.PeakRate is { } peak ? $"; held against a peak of {peak:0}/s" : "; no engagement given: capacity and expiry rules cannot judge"));
        var table = new Table().AddColumn("severity").AddColumn("rule").AddColumn("resource").AddColumn("finding").AddColumn("where");
        foreach (var f in findings)
        {
            var severity = f.Outcome == Outcome.CouldNotVerify ? "[grey]could not verify[/]" : f.Rule.Severity switch
            {
                Severity.Critical => "[red]critical[/]",
                Severity.High => "[red]high[/]",
                Severity.Medium => "[yellow]medium[/]",
                _ => "low",
            };
            table.AddRow(severity, Markup.Escape($"{f.Rule.Id}\n{f.Rule.Title}"), Markup.Escape(f.Resource), Markup.Escape(f.Message), Markup.Escape(Where(f)));
        }
        c.Write(table);
        foreach (var rule in findings.Where(f => f.Outcome == Outcome.Fail).Select(f => f.Rule).Distinct())
            c.MarkupLine($"[bold]{Markup.Escape(rule.Id)}[/] fix: {Markup.Escape(rule.Remediation)}");
    }

    private static string Where(Finding f) => f.Location is null ? "" : f.Location.Line > 0 ? $"{Path.GetFileName(f.Location.File)}:{f.Location.Line}" : $"{Path.GetFileName(f.Location.File)} {f.Location.Path}";

    private static string Json(IReadOnlyList<Finding> findings)
    {
        var array = new JsonArray();
        foreach (var f in findings)
            array.Add(new JsonObject
            {
                ["rule"] = f.Rule.Id,
                ["title"] = f.Rule.Title,
                ["severity"] = KebabCase.Of(f.Rule.Severity),
                ["area"] = KebabCase.Of(f.Rule.Area),
                ["outcome"] = KebabCase.Of(f.Outcome),
                ["resource"] = f.Resource,
                ["message"] = f.Message,
                ["location"] = f.Location?.ToString(),
                ["remediation"] = f.Rule.Remediation,
            });
        return new JsonObject { ["schema"] = "hypercare.inspection/v1", ["findings"] = array }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
