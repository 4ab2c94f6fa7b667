using Hypercare.Core;
using Hypercare.Core.Units;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Lifecycle;
using NodaTime;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>Human renderings of an engagement.</summary>
internal static class Overview
{
    private static readonly EngagementState[] Process =
    [
        EngagementState.PreSales, EngagementState.Ordered, EngagementState.Preparation, EngagementState.Implementation,
        EngagementState.Summary, EngagementState.Acceptance, EngagementState.Completed,
    ];

    public static void Write(CliContext context, EngagementSnapshot s)
    {
        var c = context.Console;
        var d = s.Definition;
        c.Write(new Rule($"[bold]{Markup.Escape(d.Name)}[/]").LeftJustified());
        c.MarkupLine($"{Markup.Escape(d.Customer)} · {d.Edition} edition · provider {Markup.Escape(d.Provider)} · id {s.Id}");
        c.MarkupLine("Process: " + string.Join(" → ", Process.Select(p => p == s.State ? $"[bold yellow]{KebabCase.Of(p)}[/]" : Array.IndexOf(Process, p) < Array.IndexOf(Process, s.State) ? $"[green]{KebabCase.Of(p)}[/]" : $"[grey]{KebabCase.Of(p)}[/]"))
            + (s.State is EngagementState.Declined or EngagementState.Cancelled ? $"  [red]{KebabCase.Of(s.State)}[/]" : ""));

        var now = Instant.FromDateTimeOffset(context.Now);
        var phases = new Table().Title("Key phases").AddColumn("Phase").AddColumn("Start").AddColumn("End").AddColumn("Countdown");
        foreach (var p in d.KeyPhases)
        {
            var start = p.Start.InZoneLeniently(d.Zone).ToInstant();
            var end = p.End.InZoneLeniently(d.Zone).ToInstant();
            var countdown = now < start ? $"starts in {Human(start - now)}" : now < end ? $"[bold red]live[/], ends in {Human(end - now)}" : "over";
            phases.AddRow(Markup.Escape(p.Name), $"{p.Start:uuuu-MM-dd HH:mm}", $"{p.End:uuuu-MM-dd HH:mm}", countdown);
        }
        phases.Caption($"{d.TimeZone}; {s.ServiceDays} service day(s) of at most {d.MaxServiceDays?.ToString() ?? "?"}");
        c.Write(phases);

        if (d.Objectives is { } o)
        {
            var parts = new List<string> { $"peak {o.PeakRate}", $"{o.PeakConcurrentUsers} concurrent users" };
            parts.AddRange(o.Latency.Select(l => $"p{l.Percentile} < {DurationText.Format(l.Threshold)}"));
            if (o.ErrorBudget is { } b) parts.Add($"error budget {b}");
            if (o.Ramp is { } r) parts.Add($"ramp {r.Factor}x in {DurationText.Format(r.Within)}");
            if (o.PeakEgress is { } e) parts.Add($"egress {e}");
            c.MarkupLine("[bold]Objectives:[/] " + Markup.Escape(string.Join(" · ", parts)));
        }

        var services = new Table().Title("Services and RACI").AddColumn("Service").AddColumn("Customer").AddColumn("Provider");
        foreach (var service in s.Services)
            services.AddRow(Markup.Escape(ServiceCatalog.Entry(service).Title), RaciMatrix.Letters(RaciMatrix.For(service, Party.Customer)), RaciMatrix.Letters(RaciMatrix.For(service, Party.Provider)));
        c.Write(services);

        c.MarkupLine("[bold]Request:[/] " + (s.Decision is null ? "awaiting the provider's review" : s.Decision.Accepted ? $"accepted by {Markup.Escape(s.Decision.By)} {s.Decision.At:u}" : $"declined by {Markup.Escape(s.Decision.By)}: {Markup.Escape(string.Join(", ", s.Decision.Reasons.Select(KebabCase.Of)))}"));
        c.MarkupLine("[bold]Prerequisites:[/] " + (s.Prerequisites.Count == 0 ? "none provided" : Markup.Escape(string.Join(", ", s.Prerequisites.Select(p => $"{KebabCase.Of(p.Kind)} ({p.By})"))))
            + (s.MissingPrerequisites.Count > 0 ? $"; [yellow]missing: {string.Join(", ", s.MissingPrerequisites.Select(KebabCase.Of))}[/]" : ""));
        c.MarkupLine("[bold]Authorizations:[/] " + (s.Authorizations.Count == 0 ? "none" : Markup.Escape(string.Join(", ", s.Authorizations.Select(a => $"{KebabCase.Of(a.Kind)} ({a.By}, {a.At:yyyy-MM-dd})")))));
        var plan = s.WorkPlan.Count == 0 ? null : s.WorkPlan[^1];
        c.MarkupLine("[bold]Work plan:[/] " + (plan is null ? "none yet" : plan.IsConfirmed
            ? $"version {plan.Number}, {plan.Items.Count} items, [green]confirmed[/] by {Markup.Escape(plan.Confirmation!.By)} via {KebabCase.Of(plan.Confirmation.Channel)} ({Markup.Escape(plan.Confirmation.Reference)}), sha256 {plan.Sha256[..12]}…"
            : $"version {plan.Number}, {plan.Items.Count} items, [yellow]not confirmed[/] (sha256 {plan.Sha256[..12]}…)"));

        var docs = new Table().Title("Deliverables").AddColumn("Document").AddColumn("Status");
        foreach (var doc in s.Documents) docs.AddRow(Markup.Escape(doc.Title), doc.Status switch
        {
            DocumentStatus.Accepted => "[green]accepted[/]",
            DocumentStatus.Delivered => "[blue]delivered[/]",
            DocumentStatus.NotApplicable => "[grey]not in edition[/]",
            var x => KebabCase.Of(x),
        });
        c.Write(docs);

        if (s.Register.Count > 0 || s.Actions.Count > 0)
        {
            var reg = new Table().Title("Risks, issues and actions").AddColumn("Id").AddColumn("Kind").AddColumn("Title").AddColumn("Severity / owner").AddColumn("Status");
            foreach (var r in s.Register) reg.AddRow(r.Id, KebabCase.Of(r.Kind), Markup.Escape(r.Title), KebabCase.Of(r.Severity), KebabCase.Of(r.Status));
            foreach (var a in s.Actions) reg.AddRow(a.Id, "action", Markup.Escape(a.Title), Markup.Escape($"{KebabCase.Of(a.Owner)} {a.OwnerName}".Trim() + (a.Due is { } due ? $", due {due:yyyy-MM-dd}" : "")), KebabCase.Of(a.Status));
            c.Write(reg);
        }
        else c.MarkupLine("[bold]Risks and actions:[/] none recorded");

        if (s.Next is { } next)
        {
            if (next.Blockers.Count == 0) c.MarkupLine($"[bold]Next:[/] [green]ready to advance to {KebabCase.Of(next.To)}[/]");
            else
            {
                c.MarkupLine($"[bold]Next:[/] {KebabCase.Of(next.To)} is blocked by:");
                foreach (var b in next.Blockers) c.MarkupLine($"  • {Markup.Escape(b.Message)} [grey](fix: {Markup.Escape(b.Hint)})[/]");
            }
        }
    }

    public static void WriteTimeline(CliContext context, Engagement engagement)
    {
        var table = new Table().Title($"Timeline of {Markup.Escape(engagement.Definition.Name)}").AddColumn("When (UTC)").AddColumn("Who").AddColumn("What");
        foreach (var e in engagement.History) table.AddRow($"{e.At.ToUniversalTime():yyyy-MM-dd HH:mm}", Markup.Escape(e.By), Markup.Escape(Describe(e)));
        context.Console.Write(table);
    }

    public static string Describe(EngagementEvent e) => EventDescriptions.Describe(e);

    private static string Human(Duration d) =>
        d.Days > 0 ? $"{d.Days}d {d.Hours}h" : d.Hours > 0 ? $"{d.Hours}h {d.Minutes}m" : $"{d.Minutes}m";
}
