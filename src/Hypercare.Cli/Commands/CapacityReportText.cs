using System.Globalization;
using Hypercare.Capacity;
using Hypercare.Capacity.Planning;
using Hypercare.Capacity.Search;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>The human form of a capacity report: steps, knee, USL, bottleneck and plan.</summary>
internal static class CapacityReportText
{
    public static void Write(IAnsiConsole c, CapacityReport r)
    {
        var s = r.Search;
        c.MarkupLine($"[bold]Capacity search[/] of {E(r.Target)}: {(s.Model == LoadModel.Open ? "open model (arrival rate)" : "closed model (virtual users)")}; objective {E(s.Slo)}");
        var steps = new Table().AddColumn("#").AddColumn("phase").AddColumn(new TableColumn("load").RightAligned()).AddColumn(new TableColumn("req/s").RightAligned())
            .AddColumn(new TableColumn("concurrency").RightAligned()).AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("p95 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned()).AddColumn(new TableColumn("errors").RightAligned()).AddColumn("objective");
        foreach (var x in s.ByLoad)
            steps.AddRow(x.Index.ToString(CultureInfo.InvariantCulture), x.Phase, CapacitySearch.Describe(s.Model, x.Load), F(x.Throughput, "0.#"), F(x.Concurrency, "0.#"),
                F(x.Latency.P50, "0.##"), F(x.Latency.P95, "0.##"), F(x.Latency.P99, "0.##"), F(x.ErrorRate * 100, "0.##") + "%",
                x.Passed ? "[green]met[/]" : "[red]broken[/]" + (ReferenceEquals(x, s.FirstFailure) ? " (first)" : ""));
        c.Write(steps);
        if (s.Knee is { } knee)
            c.MarkupLine($"[bold]knee[/]: {CapacitySearch.Describe(s.Model, knee.Load)}, {F(knee.Throughput, "0.#")} req/s with p99 {F(knee.Latency.P99, "0.#")} ms: the highest load that met the objective{(s.CapacityIsLowerBound ? " (no load broke it: this is a lower bound)" : "")}");
        else c.MarkupLine("[bold]knee[/]: [red]none[/]: no load met the objective");
        if (s.FirstFailure is { } fail) c.MarkupLine($"first broken: {CapacitySearch.Describe(s.Model, fail.Load)}: {E(string.Join("; ", fail.Failures))}");
        c.MarkupLine($"stopped: {E(s.Stop)}");

        c.WriteLine();
        if (s.Usl is { } u)
        {
            var usl = new Table().Title("Universal Scalability Law over the steps: X(N) = λN / (1 + σ(N-1) + κN(N-1))").AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("95% interval").RightAligned()).AddColumn("meaning");
            usl.AddRow("λ (lambda)", G(u.Lambda.Value), $"{G(u.Lambda.Low)} .. {G(u.Lambda.High)}", "req/s of one unit of concurrency");
            usl.AddRow("σ (sigma)", G(u.Sigma.Value), $"{G(u.Sigma.Low)} .. {G(u.Sigma.High)}", "contention: the serialized share");
            usl.AddRow("κ (kappa)", G(u.Kappa.Value), $"{G(u.Kappa.Low)} .. {G(u.Kappa.High)}", "coherency: the cost of crosstalk");
            c.Write(usl);
            c.MarkupLine(double.IsFinite(u.PeakConcurrency)
                ? $"USL peak: {F(u.PeakThroughput, "0.#")} req/s at a concurrency of {F(u.PeakConcurrency, "0.##")}; beyond it throughput falls"
                : double.IsFinite(u.PeakThroughput) ? $"USL: no peak (κ = 0); throughput approaches λ/σ = {F(u.PeakThroughput, "0.#")} req/s" : "USL: no limit in these steps");
            c.MarkupLine($"{(u.Dominant == Capacity.Usl.Dominant.Contention ? "contention" : "coherency")} dominates at the largest load; R² {F(u.RSquared, "0.####")} over {u.Points} steps");
            foreach (var w in u.Warnings) c.MarkupLine($"[yellow]warning[/]: {E(w)}");
        }
        else c.MarkupLine($"USL not fitted: {E(s.UslProblem ?? "")}");

        c.WriteLine();
        var b = r.Bottleneck;
        c.MarkupLine($"[bold]bottleneck[/]: {E(b.Verdict)}");
        if (b.Bottleneck is { } first) c.MarkupLine($"  evidence: {E(first.Describe(s.Model))}");
        if (b.LatencyEvidence.Length > 0) c.MarkupLine($"  latency: {E(b.LatencyEvidence)}");
        foreach (var other in b.Others.Take(5)) c.MarkupLine($"  also saturated: {E(other.Describe(s.Model))}");
        foreach (var note in b.Notes) c.MarkupLine($"  [grey]note: {E(note)}[/]");
        if (r.Endpoints.Count > 0 || r.Pid is not null)
            c.MarkupLine($"  [grey]sampled each second: {E(string.Join(", ", r.Endpoints.Select(e => e.ToString()).Concat(r.Pid is { } pid ? [$"/proc/{pid}"] : [])))}; {r.Samples.Series.Count} series[/]");

        if (r.Plan is not { } plan) return;
        c.WriteLine();
        var tiers = new Table().Title($"Capacity plan: {E(plan.MeasuredTier)} measured on {plan.InstancesTested} instance(s), {plan.Headroom * 100:0}% headroom")
            .AddColumn("tier").AddColumn("role").AddColumn(new TableColumn("declared").RightAligned()).AddColumn("scaling").AddColumn(new TableColumn("per instance").RightAligned())
            .AddColumn(new TableColumn("needed (N+1)").RightAligned()).AddColumn(new TableColumn("peak use").RightAligned()).AddColumn("notes");
        foreach (var t in plan.Tiers)
            tiers.AddRow(E(t.Tier), E(t.Role), t.Declared.ToString(CultureInfo.InvariantCulture), t.Max is null ? "-" : $"{t.Min}..{t.Max}",
                t.PerInstanceRate is { } rate ? F(rate, "0.#") + "/s" : "-", t.Needed is { } n ? $"{n} ({t.NeededWithSpare})" : "-",
                t.Utilization is { } use ? F(use * 100, "0") + "%" : "-", E(string.Join("; ", t.Notes)));
        c.Write(tiers);
        var objectives = new Table().AddColumn("objective").AddColumn("target").AddColumn("finding").AddColumn("verdict").AddColumn("changes");
        foreach (var o in plan.Objectives)
            objectives.AddRow(E(o.Objective), E(o.Target), E(o.Finding), Verdict(o.Verdict), E(string.Join("; ", o.Changes)));
        c.Write(objectives);
        foreach (var a in plan.Assumptions) c.MarkupLine($"[grey]assumes: {E(a)}[/]");
        c.MarkupLine($"[bold]capacity verdict[/]: {Verdict(plan.Overall)}");
    }

    private static string Verdict(Verdict v) => v switch
    {
        Capacity.Planning.Verdict.Fits => "[green]fits[/]",
        Capacity.Planning.Verdict.FitsWithChanges => "[yellow]fits with changes[/]",
        Capacity.Planning.Verdict.DoesNotFit => "[red]does not fit[/]",
        _ => "[grey]not measured[/]",
    };

    private static string E(string text) => Markup.Escape(text);

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string G(double v) => double.IsNaN(v) ? "n/a" : v.ToString("G6", CultureInfo.InvariantCulture);
}
