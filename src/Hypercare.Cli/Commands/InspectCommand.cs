using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hypercare.Capacity;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Objectives;
using Hypercare.Inspection;
using Hypercare.Inspection.Assessment;
using Hypercare.Inspection.Baselines;
using Hypercare.Inspection.Reporting;
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
        var format = new Option<string>("--format") { Description = "text (default), json, sarif (SARIF 2.1.0) or junit (JUnit XML for CI)", DefaultValueFactory = _ => "text" };
        var failOn = CliOptions.Optional("--fail-on", "Exit 1 when a failure of this severity or worse is found: low, medium, high or critical");
        var baseline = CliOptions.Optional("--baseline", "A YAML file of accepted findings (rule, resource, reason, expires): they are reported as accepted and do not count for --fail-on until they expire");
        var perInstance = CliOptions.Optional("--per-instance", "Requests per second one service instance holds at the objective, from hypercare capacity search (e.g. 150/s): the scaling ceilings are held against it");
        var capacity = CliOptions.Optional("--capacity", "A capacity search's JSON report (hypercare capacity search --out FILE): what one service instance held is taken from its plan");
        var command = new Command("inspect", "Risk inspection and cloud resource assessment: availability, capacity against the objectives, expiry before the event, exposure, recovery per tier; exit 1 with --fail-on") { path, engagement, format, failOn, baseline, perInstance, capacity };
        command.SetAction(parse =>
        {
            Severity? threshold = parse.GetValue(failOn) is { } f ? CliOptions.Enum<Severity>(f, "--fail-on") : null;
            var output = parse.GetValue(format) switch
            {
                "text" or "json" or "sarif" or "junit" => parse.GetValue(format)!,
                var other => throw new BadInputException("invalid-format", $"'{other}' is not an output format", "text, json, sarif or junit", SourceLocation.ForField("--format")),
            };
            var accepted = parse.GetValue(baseline) is { } b ? Baseline.Load(b, Inspector.Rules.Select(r => r.Id), context.Now) : Baseline.Empty;
            var loaded = parse.GetValue(engagement) is { } file ? EngagementFileLoader.Load(file) : null;
            var targets = loaded is null ? EventTargets.None : Targets(loaded);
            if (parse.GetValue(capacity) is { } report) targets = targets with { PerInstanceRate = FromCapacityReport(report) };
            if (parse.GetValue(perInstance) is { } each) targets = targets with { PerInstanceRate = PerSecond(each) };
            var input = parse.GetValue(path)!;
            if (!File.Exists(input) && !Directory.Exists(input))
                throw new BadInputException("not-found", $"{input} is neither a file nor a directory", "give the folder with the .tf files, state, plans or manifests", SourceLocation.ForField("PATH"));
            var graph = InventoryReader.Read(input);
            var inspection = new InspectionContext(graph, targets);
            var result = accepted.Apply(Inspector.Run(inspection), context.Now);
            var tiers = ResourceAssessment.Assess(inspection, loaded?.Definition.Topology?.Tiers.Select(TierNameOf).OfType<TierName>().ToList());
            var findings = result.Findings;
            if (output == "json") WriteJson(context.Out, result, tiers);
            else if (output == "sarif") context.Out.WriteLine(SarifWriter.Write(findings, Inspector.Rules, parse.GetValue(path)!, typeof(Inspector).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", result.Accepted));
            else if (output == "junit") context.Out.WriteLine(JUnitWriter.Write(findings, Inspector.Rules, graph.Resources.Count, result.Accepted));
            else { Text(context, result, graph.Resources.Count, targets); AssessmentText.Write(context.Console, tiers); }
            context.WriteProblems(graph.Problems);
            foreach (var (again, entry) in result.Expired)
                context.Error.WriteLine($"{entry.Location.File}:{entry.Location.Line}: the acceptance of {again.Rule.Id} on {again.Resource} expired on {entry.Expires:yyyy-MM-dd}; it counts again (renew it with a reason, or fix it)");
            foreach (var entry in result.Unused)
                context.Error.WriteLine($"{entry.Location.File}:{entry.Location.Line}: the baseline accepts {entry.Rule}{(entry.Resource is { } r ? $" on {r}" : "")}, which was not found: fixed, renamed or misspelt? Remove the entry");
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

    private static double PerSecond(string text)
    {
        var number = text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text;
        return double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate)
            ? rate
            : throw new BadInputException("invalid-rate", $"'{text}' is not a rate", "a positive number of requests per second, e.g. 150/s (from hypercare capacity search)", SourceLocation.ForField("--per-instance"));
    }

    /// <summary>What one service instance held in a capacity search: the plan's service tier, else the capacity at the objective per instance tested.</summary>
    private static double FromCapacityReport(string file)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(file)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new BadInputException("unreadable-file", $"cannot read the capacity report {file}: {e.Message}", "give the file written by hypercare capacity search --out", new SourceLocation(file, 0, 0, null));
        }
        if (root?["schema"]?.GetValue<string>() != CapacityReportJson.SchemaId)
            throw new BadInputException("wrong-schema", $"{file} is not a capacity search report (schema {root?["schema"]?.ToJsonString() ?? "missing"})", $"give the JSON written by hypercare capacity search --out (schema {CapacityReportJson.SchemaId})", new SourceLocation(file, 0, 0, "$.schema"));
        var tiers = root["plan"]?["tiers"]?.AsArray() ?? [];
        var service = tiers.FirstOrDefault(t => t?["role"]?.GetValue<string>() == "service" && t["per_instance_rate"] is not null);
        if (service?["per_instance_rate"]?.GetValue<double>() is { } rate and > 0) return rate;
        var tested = root["plan"]?["instances_tested"]?.GetValue<int>() ?? 1;
        if (root["capacity_at_slo"]?.GetValue<double>() is { } total and > 0) return total / Math.Max(1, tested);
        throw new BadInputException("no-capacity", $"{file} has no capacity at the objective: the search found no step that met it", "run the search from a lower --start, or give --per-instance", new SourceLocation(file, 0, 0, "$.capacity_at_slo"));
    }

    private static TierName? TierNameOf(Tier tier) => tier.Role switch
    {
        TierRole.LoadBalancer or TierRole.Gateway => new TierName(tier.Name, TierKind.LoadBalancer),
        TierRole.Service => new TierName(tier.Name, TierKind.Service),
        TierRole.Database => new TierName(tier.Name, TierKind.Database),
        TierRole.Cache => new TierName(tier.Name, TierKind.Cache),
        _ => null,
    };

    private static void Text(CliContext context, BaselineResult result, int resources, EventTargets targets)
    {
        var c = context.Console;
        var findings = result.Findings;
        var failed = findings.Count(f => f.Outcome == Outcome.Fail);
        c.MarkupLine($"[bold]Inspection[/]: {resources} resources, {Inspector.Rules.Count} rules; {failed} finding(s), {findings.Count - failed} could not be verified"
            + (result.Accepted.Count > 0 ? $", {result.Accepted.Count} accepted by the baseline" : "")
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
        foreach (var (f, entry) in result.Accepted)
            c.MarkupLine(Markup.Escape($"accepted until {entry.Expires:yyyy-MM-dd}{(entry.AcceptedBy is { } by ? $" by {by}" : "")}: {f.Rule.Id} on {f.Resource}: {entry.Reason}"));
    }

    private static string Where(Finding f) => f.Location is null ? "" : f.Location.Line > 0 ? $"{Path.GetFileName(f.Location.File)}:{f.Location.Line}" : $"{Path.GetFileName(f.Location.File)} {f.Location.Path}";

    /// <summary>
    /// Writes the JSON document as it goes, a few hundred findings at a time, so that an estate with hundreds of
    /// thousands of findings is never held twice in memory as a document and as its text.
    /// </summary>
    private static void WriteJson(TextWriter output, BaselineResult result, IReadOnlyList<TierAssessment> tiers)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        void Drain(bool force = false)
        {
            if (!force && json.BytesPending + buffer.WrittenCount < (1 << 16)) return;
            json.Flush();
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }
        var severities = Enum.GetValues<Severity>().ToDictionary(v => v, v => KebabCase.Of(v));
        var areas = Enum.GetValues<Area>().ToDictionary(v => v, v => KebabCase.Of(v));
        void Finding(Finding f, AcceptedFinding? entry)
        {
            json.WriteStartObject();
            json.WriteString("rule", f.Rule.Id);
            json.WriteString("title", f.Rule.Title);
            json.WriteString("severity", severities[f.Rule.Severity]);
            json.WriteString("area", areas[f.Rule.Area]);
            json.WriteString("outcome", f.Outcome == Outcome.Fail ? "fail" : "could-not-verify");
            json.WriteString("resource", f.Resource);
            json.WriteString("message", f.Message);
            if (f.Location is { } at) json.WriteString("location", at.ToString()); else json.WriteNull("location");
            json.WriteString("remediation", f.Rule.Remediation);
            if (entry is not null)
            {
                json.WriteStartObject("accepted");
                json.WriteString("reason", entry.Reason);
                if (entry.AcceptedBy is { } by) json.WriteString("accepted_by", by); else json.WriteNull("accepted_by");
                json.WriteString("expires", entry.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("entry", entry.Location.ToString());
                json.WriteEndObject();
            }
            json.WriteEndObject();
            Drain();
        }
        json.WriteStartObject();
        json.WriteString("schema", "hypercare.inspection/v1");
        json.WriteStartArray("findings");
        foreach (var f in result.Findings) Finding(f, null);
        json.WriteEndArray();
        json.WriteStartArray("accepted");
        foreach (var (f, entry) in result.Accepted) Finding(f, entry);
        json.WriteEndArray();
        json.WritePropertyName("assessment");
        AssessmentText.Json(tiers).WriteTo(json);
        json.WriteEndObject();
        Drain(force: true);
        output.WriteLine();
    }
}
