using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hypercare.Capacity;
using Hypercare.Capacity.Usl;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Files;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare capacity</c>: the Universal Scalability Law fitted to measured points, and the capacity search.</summary>
internal static class CapacityCommands
{
    public static Command Build(CliContext context)
    {
        var capacity = new Command("capacity", "Capacity assessment: how much load the system holds, and what limits it");
        var points = new Argument<string>("POINTS") { Description = "A CSV of concurrency,throughput, or the JSON result of a stress run (its stages become points)" };
        var at = new Option<string[]>("--at") { Description = "Also predict throughput and response time at this concurrency (repeatable)" };
        var engagement = CliOptions.Optional("--engagement", "Also predict at the engagement's objective concurrency (objectives.peak_concurrent_users)");
        var json = CliOptions.Json();
        var fit = new Command("fit", "Fit the Universal Scalability Law: sigma, kappa, lambda with 95% intervals, the peak, and predictions") { points, at, engagement, json };
        fit.SetAction(parse =>
        {
            var path = parse.GetValue(points)!;
            var result = UslModel.Fit(LoadPointReader.Read(path), path);
            var predictions = (parse.GetValue(at) ?? []).Select(a =>
                double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                    : throw new BadInputException("invalid-number", $"'{a}' is not a concurrency", "a number above 0", SourceLocation.ForField("--at")))
                .Concat(parse.GetValue(engagement) is { } file && EngagementFileLoader.Load(file).Definition.Objectives is { PeakConcurrentUsers: > 0 } o ? [(double)o.PeakConcurrentUsers] : [])
                .Select(n => (Concurrency: n, Throughput: result.Throughput(n), ResponseMs: result.ResponseTime(n) * 1000)).ToList();
            if (parse.GetValue(json))
            {
                var fitted = JsonSerializer.SerializeToNode(CapacityReportJson.Usl(result), JsonOptions)!.AsObject();
                fitted["predictions"] = JsonSerializer.SerializeToNode(predictions.Select(p => new { concurrency = p.Concurrency, throughput = p.Throughput, response_ms = p.ResponseMs }), JsonOptions);
                context.Out.WriteLine(fitted.ToJsonString(JsonOptions));
                return 0;
            }
            var table = new Table().Title("Universal Scalability Law: X(N) = λN / (1 + σ(N-1) + κN(N-1))").AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("95% interval").RightAligned()).AddColumn("meaning");
            table.AddRow("λ (lambda)", G(result.Lambda.Value), $"{G(result.Lambda.Low)} .. {G(result.Lambda.High)}", "throughput of one unit of load");
            table.AddRow("σ (sigma)", G(result.Sigma.Value), $"{G(result.Sigma.Low)} .. {G(result.Sigma.High)}", "contention: the serialized share");
            table.AddRow("κ (kappa)", G(result.Kappa.Value), $"{G(result.Kappa.Low)} .. {G(result.Kappa.High)}", "coherency: the cost of crosstalk");
            context.Console.Write(table);
            context.Console.MarkupLine(double.IsFinite(result.PeakConcurrency)
                ? $"peak: {result.PeakThroughput:0.#}/s at a concurrency of {result.PeakConcurrency:0.##} (N* = sqrt((1 - σ) / κ)); beyond it throughput falls"
                : double.IsFinite(result.PeakThroughput) ? $"no peak (κ = 0): throughput approaches the ceiling λ/σ = {result.PeakThroughput:0.#}/s" : "no limit found in these points");
            context.Console.MarkupLine($"{(result.Dominant == Dominant.Contention ? "contention" : "coherency")} costs more at the largest measured load; fit over {result.Points} points: R² {result.RSquared:0.####}, RMSE {result.RootMeanSquareError:0.##}/s");
            foreach (var p in predictions)
                context.Console.MarkupLine($"at N = {p.Concurrency:0.##}: {p.Throughput:0.#}/s, response time {p.ResponseMs:0.##} ms (Little's law)");
            foreach (var w in result.Warnings) context.Console.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w)}");
            return 0;
        });
        capacity.Subcommands.Add(fit);
        capacity.Subcommands.Add(CapacitySearchCommand.Build(context));
        return capacity;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static string G(double v) => double.IsNaN(v) ? "n/a" : v.ToString("G6", CultureInfo.InvariantCulture);
}
