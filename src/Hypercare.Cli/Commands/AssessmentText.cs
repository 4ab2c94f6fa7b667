using System.Globalization;
using System.Text.Json.Nodes;
using Hypercare.Core;
using Hypercare.Inspection.Assessment;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>The cloud resource assessment printed after the findings: per tier, what is deployed, its limits against the objectives, and its recovery.</summary>
internal static class AssessmentText
{
    public static void Write(IAnsiConsole c, IReadOnlyList<TierAssessment> tiers)
    {
        if (tiers.Count == 0) return;
        c.WriteLine();
        c.MarkupLine("[bold]Cloud resource assessment[/] (limits from the specification catalog; headroom = how much more the limit holds than the event needs)");
        foreach (var tier in tiers)
        {
            c.MarkupLine($"[bold]{Markup.Escape(tier.Name)}[/] ({KebabCase.Of(tier.Kind)})");
            var deployed = new Table().AddColumn("resource").AddColumn("type").AddColumn("count").AddColumn("zones").AddColumn("spec");
            foreach (var d in tier.Deployed)
                deployed.AddRow(Markup.Escape(d.Address), Markup.Escape(d.Type), Markup.Escape(d.Count), Markup.Escape(d.Zones.Count > 0 ? string.Join(", ", d.Zones) : "unknown"), Markup.Escape(d.Spec ?? ""));
            c.Write(deployed);
            if (tier.Limits.Count > 0)
            {
                var limits = new Table().AddColumn("resource").AddColumn("limit").AddColumn(new TableColumn("published").RightAligned()).AddColumn(new TableColumn("needed").RightAligned()).AddColumn(new TableColumn("headroom").RightAligned()).AddColumn("verdict").AddColumn("basis and source");
                foreach (var l in tier.Limits)
                {
                    var verdict = l.Verdict switch { "short" => "[red]short[/]", "tight" => "[yellow]tight[/]", "ok" => "[green]ok[/]", var v => $"[grey]{v}[/]" };
                    limits.AddRow(Markup.Escape(l.Resource), Markup.Escape(l.Limit), Number(l.Published, l.Unit), Number(l.Needed, l.Unit),
                        l.Headroom is { } h ? string.Create(CultureInfo.InvariantCulture, $"{h * 100:+0;-0}%") : "", verdict, Markup.Escape(l.Source is null ? l.Basis : $"{l.Basis}; {l.Source}"));
                }
                c.Write(limits);
            }
            foreach (var r in tier.Recovery)
            {
                c.MarkupLine($"  recovery of {Markup.Escape(r.Resource)}: backups: {Markup.Escape(r.Backups)}; zone failure: {Markup.Escape(r.ZoneFailure)}; RPO {Markup.Escape(r.Rpo)}; RTO {Markup.Escape(r.Rto)}");
                foreach (var gap in r.Gaps) c.MarkupLine($"    [yellow]gap[/]: {Markup.Escape(gap)}");
            }
        }
    }

    private static string Number(double? value, string unit) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:N0} {unit}") : "[grey]unknown[/]";

    public static JsonArray Json(IReadOnlyList<TierAssessment> tiers)
    {
        var array = new JsonArray();
        foreach (var t in tiers)
        {
            var deployed = new JsonArray();
            foreach (var d in t.Deployed)
                deployed.Add(new JsonObject { ["resource"] = d.Address, ["type"] = d.Type, ["count"] = d.Count, ["zones"] = new JsonArray(d.Zones.Select(z => (JsonNode)z).ToArray()), ["spec"] = d.Spec, ["location"] = d.Location?.ToString() });
            var limits = new JsonArray();
            foreach (var l in t.Limits)
                limits.Add(new JsonObject { ["resource"] = l.Resource, ["limit"] = l.Limit, ["published"] = l.Published, ["needed"] = l.Needed, ["unit"] = l.Unit, ["headroom"] = l.Headroom is { } h ? Math.Round(h, 4) : null, ["verdict"] = l.Verdict, ["basis"] = l.Basis, ["source"] = l.Source });
            var recovery = new JsonArray();
            foreach (var r in t.Recovery)
                recovery.Add(new JsonObject { ["resource"] = r.Resource, ["backups"] = r.Backups, ["zone_failure"] = r.ZoneFailure, ["rpo"] = r.Rpo, ["rto"] = r.Rto, ["gaps"] = new JsonArray(r.Gaps.Select(g => (JsonNode)g).ToArray()) });
            array.Add(new JsonObject { ["tier"] = t.Name, ["kind"] = KebabCase.Of(t.Kind), ["deployed"] = deployed, ["limits"] = limits, ["recovery"] = recovery });
        }
        return array;
    }
}
