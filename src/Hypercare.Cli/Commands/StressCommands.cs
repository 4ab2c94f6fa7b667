using System.CommandLine;
using System.Globalization;
using Hypercare.Capacity.Bottlenecks;
using Hypercare.Capacity.Sampling;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.Engagements.Files;
using Hypercare.LoadTesting;
using Hypercare.LoadTesting.Distributed;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Results;
using Hypercare.LoadTesting.Running;
using Hypercare.LoadTesting.Safety;
using Hypercare.LoadTesting.Segments;
using Hypercare.LoadTesting.Templates;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare stress</c>: run a plan, a quick URL test, merge agents' results, write a Kubernetes Job.</summary>
internal static class StressCommands
{
    public static Command Build(CliContext context)
    {
        var stress = new Command("stress", "On-demand stress testing: open and closed models, latencies without coordinated omission, distributed agents");
        stress.Subcommands.Add(Run(context));
        stress.Subcommands.Add(Url(context));
        stress.Subcommands.Add(Merge(context));
        stress.Subcommands.Add(KubernetesJob(context));
        return stress;
    }

    private sealed record Outputs(Option<string?> Out, Option<string?> Hlog, Option<string?> JUnit, Option<string?> Csv, Option<bool> Quiet, Option<bool> Json, Option<string?> Engine, Option<string[]> Metrics);

    private static Outputs OutputOptions() => new(
        CliOptions.Optional("--out", "Write the JSON summary (schema hypercare.stress.result/v1) to this file"),
        CliOptions.Optional("--hlog", "Write the per-second HdrHistogram interval log (.hlog) to this file"),
        CliOptions.Optional("--junit", "Write JUnit XML (one test case per threshold) to this file"),
        CliOptions.Optional("--csv", "Write the per-second time series as CSV to this file"),
        new Option<bool>("--quiet") { Description = "No live view; only the final summary" },
        CliOptions.Json(),
        CliOptions.Optional("--engine", "auto (default), fast (raw-socket HTTP/1.1) or httpclient (TLS, HTTP/2)"),
        new Option<string[]>("--metrics") { Description = "A Prometheus endpoint to sample each second during the run, besides the engagement's topology metrics (repeatable; loopback only)" });

    private static void Add(Command command, Outputs o)
    {
        command.Options.Add(o.Out); command.Options.Add(o.Hlog); command.Options.Add(o.JUnit); command.Options.Add(o.Csv);
        command.Options.Add(o.Quiet); command.Options.Add(o.Json); command.Options.Add(o.Engine); command.Options.Add(o.Metrics);
    }

    private static Command Run(CliContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "A load plan (YAML), or a hypercare.yaml whose 'stress' section is the plan" };
        var engagement = CliOptions.Optional("--engagement", "The engagement file whose scope the targets must be in (default: PLAN itself when it is a hypercare.yaml)");
        var segment = CliOptions.Optional("--segment", "This agent's execution segment, e.g. 1/3:2/3");
        var sequence = CliOptions.Optional("--segment-sequence", "All agents' segment boundaries, e.g. 0,1/3,2/3,1");
        var index = CliOptions.Optional("--segment-index", "Shorthand: this agent's index (0-based) among --segments equal parts");
        var count = CliOptions.Optional("--segments", "Shorthand: the number of equal parts");
        var o = OutputOptions();
        var command = new Command("run", "Run a load plan against targets in scope; exit 1 when a threshold fails, 3 when a target is refused") { plan, engagement, segment, sequence, index, count };
        Add(command, o);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(plan)!;
            var engagementPath = parse.GetValue(engagement);
            var isEngagement = HasSection(path, "engagement");
            TargetScope scope = TargetScope.ExplicitTargets();
            Uri? defaultBase = null;
            IReadOnlyList<Uri> metrics = [];
            if (engagementPath is not null || isEngagement)
            {
                var file = EngagementFileLoader.Load(engagementPath ?? path);
                scope = ScopeOf(file);
                defaultBase = file.Definition.Scope.StressEnvironment?.BaseUrl;
                metrics = file.Definition.Topology.Tiers.SelectMany(t => t.Metrics).Distinct().ToList();
            }
            var loaded = isEngagement ? LoadPlanReader.LoadSection(path, "stress", defaultBase) : LoadPlanReader.Load(path);
            var share = Share(parse.GetValue(segment), parse.GetValue(sequence), parse.GetValue(index), parse.GetValue(count));
            return await Execute(context, loaded, scope, share, metrics, parse, o, ct);
        });
        return command;
    }

    private static Command Url(CliContext context)
    {
        var url = new Argument<string>("URL") { Description = "The URL to load (loopback, or a target serving the engagement's verification token)" };
        var rate = CliOptions.Optional("--rate", "Open model: requests per second, e.g. 5000 or 5000/s (like wrk2 -R)");
        var vus = CliOptions.Optional("--vus", "Closed model: connections each sending the next request when the last one answered (like wrk)");
        var duration = new Option<string>("--duration") { Description = "How long, e.g. 30s", DefaultValueFactory = _ => "10s" };
        var connections = CliOptions.Optional("--connections", "Open model: connections (virtual users) available to the schedule (default 64)");
        var method = new Option<string>("--method") { Description = "The HTTP method", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A header 'Name: value' (repeatable)", AllowMultipleArgumentsPerToken = false };
        var thresholds = new Option<string[]>("--threshold") { Description = "A threshold such as 'p(99) < 300ms' (repeatable)" };
        var timeout = new Option<string>("--timeout") { Description = "Request timeout", DefaultValueFactory = _ => "10s" };
        var poisson = new Option<bool>("--poisson") { Description = "Open model: Poisson arrivals instead of evenly spaced ones" };
        var token = CliOptions.Optional("--verification-token", "The engagement's token a non-loopback target must serve at /.well-known/hypercare-verification.txt");
        var o = OutputOptions();
        var command = new Command("url", "Quick mode like wrk2: one URL at a fixed rate (--rate) or with fixed connections (--vus)")
            { url, rate, vus, duration, connections, method, headers, thresholds, timeout, poisson, token };
        Add(command, o);
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
                throw new BadInputException("invalid-url", $"'{text}' is not an http or https URL", "e.g. http://127.0.0.1:8080/api/products/1", SourceLocation.ForField("URL"));
            var length = CliOptions.Duration(parse.GetValue(duration)!, "--duration");
            var rateText = parse.GetValue(rate);
            var vusText = parse.GetValue(vus);
            if (rateText is null == vusText is null)
                throw new BadInputException("missing-model", "give either --rate (open model) or --vus (closed model)", "e.g. --rate 5000 --duration 30s, or --vus 64", SourceLocation.ForField("--rate"));
            ExecutorDefinition executor;
            if (rateText is not null)
            {
                if (!Rate.TryParse(rateText.Contains('/', StringComparison.Ordinal) ? rateText : rateText + "/s", out var r) || r.PerSecond <= 0)
                    throw new BadInputException("invalid-rate", $"'{rateText}' is not a rate", "e.g. 5000 or 5000/s", SourceLocation.ForField("--rate"));
                var conns = parse.GetValue(connections) is { } c ? CliOptions.Integer(c, "--connections") : 64;
                executor = new ConstantArrivalRate(r, length) { PreAllocatedVus = conns, MaxVus = conns, Arrivals = parse.GetValue(poisson) ? ArrivalProcess.Poisson : ArrivalProcess.Uniform, GracefulStop = TimeSpan.FromSeconds(2) };
            }
            else
            {
                executor = new ConstantVus(CliOptions.Integer(vusText!, "--vus"), length) { GracefulStop = TimeSpan.FromSeconds(2) };
            }
            var headerList = new List<KeyValuePair<string, Template>>();
            foreach (var h in parse.GetValue(headers) ?? [])
            {
                var colon = h.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0) throw new BadInputException("invalid-header", $"'{h}' is not a header", "write 'Name: value'", SourceLocation.ForField("--header"));
                headerList.Add(new(h[..colon].Trim(), Template.Literal(h[(colon + 1)..].Trim())));
            }
            var judged = new List<LoadTesting.Thresholds.Threshold>();
            foreach (var t in parse.GetValue(thresholds) ?? [])
            {
                if (!LoadTesting.Thresholds.Threshold.TryParse(t, out var th, out var error)) throw new BadInputException("invalid-threshold", error!, null, SourceLocation.ForField("--threshold"));
                judged.Add(th!);
            }
            var step = new ScenarioStep { Name = $"{parse.GetValue(method)!.ToUpperInvariant()} {target.PathAndQuery}", Method = parse.GetValue(method)!.ToUpperInvariant(), Path = Template.Literal(target.PathAndQuery), Headers = headerList };
            var loadPlan = new LoadPlan
            {
                BaseUrl = new Uri(target.GetLeftPart(UriPartial.Authority)),
                Scenarios = [new Scenario("url", 1, [step], null, null)],
                Executor = executor,
                Thresholds = judged,
                Cookies = false,
                Timeout = CliOptions.Duration(parse.GetValue(timeout)!, "--timeout"),
            };
            return await Execute(context, loadPlan, TargetScope.ExplicitTargets(parse.GetValue(token)), null, [], parse, o, ct);
        });
        return command;
    }

    private static Command Merge(CliContext context)
    {
        var files = new Argument<string[]>("RESULTS") { Description = "The JSON results of every agent", Arity = ArgumentArity.OneOrMore };
        var o = OutputOptions();
        var command = new Command("merge", "Add the agents' results of a distributed run and judge the thresholds on the whole") { files };
        command.Options.Add(o.Out); command.Options.Add(o.JUnit); command.Options.Add(o.Csv); command.Options.Add(o.Json);
        command.SetAction(parse =>
        {
            var results = new List<StressResult>();
            foreach (var f in parse.GetValue(files)!)
            {
                string text;
                try { text = File.ReadAllText(f); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new BadInputException("file-unreadable", $"cannot read {f}: {e.Message}", null, new SourceLocation(f, 0, 0, null));
                }
                results.Add(ResultWriters.ReadJson(f, text));
            }
            var merged = ResultMerger.Merge(results);
            WriteFiles(merged, parse.GetValue(o.Out), parse.GetValue(o.JUnit), parse.GetValue(o.Csv));
            if (parse.GetValue(o.Json)) context.Out.WriteLine(ResultWriters.Json(merged));
            else Summary(context, merged);
            return merged.Passed ? 0 : 1;
        });
        return command;
    }

    private static Command KubernetesJob(CliContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "The load plan every agent runs" };
        var agents = new Option<int>("--agents") { Description = "How many agents (pods), each running its segment", Required = true };
        var name = new Option<string>("--name") { Description = "The Job's name", DefaultValueFactory = _ => "hypercare-stress" };
        var ns = CliOptions.Optional("--namespace", "The namespace");
        var image = CliOptions.Optional("--image", "The container image with the hypercare CLI");
        var output = CliOptions.Optional("--out", "Write the manifests to this file instead of stdout");
        var command = new Command("k8s-job", "Write a Kubernetes Indexed Job that runs a plan on N agents, and the Job that merges their results") { plan, agents, name, ns, image, output };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(plan)!;
            LoadPlanReader.Load(path);   // every agent would refuse an invalid plan: refuse it here, with its place
            var options = new KubernetesJobOptions
            {
                Name = parse.GetValue(name)!,
                PlanFileName = Path.GetFileName(path),
                PlanText = File.ReadAllText(path),
                Namespace = parse.GetValue(ns),
                Agents = parse.GetValue(agents),
                Image = parse.GetValue(image) ?? KubernetesJobOptions.DefaultImage,
            };
            string yaml;
            try { yaml = KubernetesJobWriter.Write(options); }
            catch (ArgumentException e) { throw new BadInputException("invalid-job", e.Message, null, SourceLocation.ForField(e.ParamName ?? "--name")); }
            if (parse.GetValue(output) is { } file) File.WriteAllText(file, yaml);
            else context.Out.Write(yaml);
            return 0;
        });
        return command;
    }

    private static async Task<int> Execute(CliContext context, LoadPlan plan, TargetScope scope, SegmentShare? share, IReadOnlyList<Uri> topologyMetrics, ParseResult parse, Outputs o, CancellationToken ct)
    {
        var endpoints = topologyMetrics.Concat((parse.GetValue(o.Metrics) ?? []).Select(m =>
            Uri.TryCreate(m, UriKind.Absolute, out var u) ? u : throw new BadInputException("invalid-url", $"'{m}' is not a URL", "e.g. http://127.0.0.1:9100/metrics", SourceLocation.ForField("--metrics")))).Distinct().ToList();
        // Resources are sampled when there is something to sample: metrics endpoints, or the target's local process.
        var pid = LocalProcess.ForLoopbackTarget(plan.BaseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await using var sampling = endpoints.Count > 0 || pid is not null ? new RunSampling(endpoints, pid, http, TimeProvider.System) : null;
        var engine = CliOptions.Engine(parse.GetValue(o.Engine));
        var quiet = parse.GetValue(o.Quiet) || parse.GetValue(o.Json);
        var hlogPath = parse.GetValue(o.Hlog);
        await using var hlog = hlogPath is null ? null : File.Create(hlogPath);
        var live = quiet ? null : new LiveView(context, plan);
        // A load run measures real time whatever clock the rest of the command uses.
        var options = new StressRunOptions { Time = TimeProvider.System, Scope = scope, Share = share, Engine = engine, OnSecond = live is null ? null : live.Update, IntervalLog = hlog, Resources = sampling };
        var result = live is null
            ? await StressTest.RunAsync(plan, options, ct)
            : await live.RunAsync(() => StressTest.RunAsync(plan, options, ct));
        WriteFiles(result, parse.GetValue(o.Out), parse.GetValue(o.JUnit), parse.GetValue(o.Csv));
        if (parse.GetValue(o.Json)) context.Out.WriteLine(ResultWriters.Json(result));
        else
        {
            Summary(context, result);
            foreach (var warning in sampling?.Warnings ?? []) context.Console.MarkupLine($"[yellow]resources[/]: {Markup.Escape(warning)}");
        }
        return result.Passed ? 0 : 1;
    }

    private static void WriteFiles(StressResult result, string? json, string? junit, string? csv)
    {
        if (json is not null) File.WriteAllText(json, ResultWriters.Json(result));
        if (junit is not null) File.WriteAllText(junit, ResultWriters.JUnit(result));
        if (csv is not null) File.WriteAllText(csv, ResultWriters.Csv(result));
    }

    private static void Summary(CliContext context, StressResult r)
    {
        var c = context.Console;
        c.MarkupLine($"[bold]{Markup.Escape(r.Run.Executor)}[/]: {Markup.Escape(r.Run.Description)}; engine {r.Run.Engine}; {r.Run.DurationSeconds:0.#} s");
        var target = r.Iterations.TargetPerSecond is { } t ? $" of {t:0.#}/s scheduled" : "";
        c.MarkupLine($"iterations {r.Iterations.Started:N0} started, {r.Iterations.PerSecond:0.#}/s{target}; {r.Iterations.Completed:N0} completed, {r.Iterations.Aborted:N0} ended early");
        c.MarkupLine($"requests {r.Requests.Total:N0}, {r.Requests.PerSecond:0.#}/s, failed {r.Requests.Failed:N0} ({r.Requests.ErrorRate * 100:0.###}%), checks failed {r.Checks.Failed:N0}/{r.Checks.Total:N0}");
        var table = new Table().AddColumn("latency (ms)").AddColumn(new TableColumn("p50").RightAligned()).AddColumn(new TableColumn("p90").RightAligned())
            .AddColumn(new TableColumn("p99").RightAligned()).AddColumn(new TableColumn("p99.9").RightAligned()).AddColumn(new TableColumn("max").RightAligned());
        table.AddRow("corrected (from intended start)", F(r.Latency.Corrected.P50), F(r.Latency.Corrected.P90), F(r.Latency.Corrected.P99), F(r.Latency.Corrected.P999), F(r.Latency.Corrected.Max));
        table.AddRow("service time (from send)", F(r.Latency.Service.P50), F(r.Latency.Service.P90), F(r.Latency.Service.P99), F(r.Latency.Service.P999), F(r.Latency.Service.Max));
        c.Write(table);
        c.MarkupLine($"starts: {r.Starts.Intended:N0} scheduled, {r.Starts.Late:N0} late (> {r.Starts.LateAfterMs:0} ms), {r.Starts.Dropped:N0} dropped; start delay p99 {F(r.Starts.Delay.P99)} ms; peak VUs {r.Starts.PeakVus}");
        var errors = r.Errors.Where(e => e.Value > 0).Select(e => $"{e.Key} {e.Value:N0}").ToList();
        c.MarkupLine($"errors: {(errors.Count == 0 ? "none" : Markup.Escape(string.Join(", ", errors)))}");
        c.MarkupLine($"coordinated omission: {Markup.Escape(r.CoordinatedOmission.Note)}");
        if (r.Stages.Count > 1 || r.Knee is not null)
        {
            var stages = new Table().AddColumn("stage").AddColumn(new TableColumn("target").RightAligned()).AddColumn(new TableColumn("started/s").RightAligned()).AddColumn(new TableColumn("requests/s").RightAligned())
                .AddColumn(new TableColumn("p99 ms").RightAligned()).AddColumn(new TableColumn("errors").RightAligned()).AddColumn("verdict");
            foreach (var s in r.Stages)
                stages.AddRow(Markup.Escape(s.Name), s.TargetRate > 0 ? $"{s.TargetRate:0.#}/s" : $"{s.TargetVus} VUs", $"{s.StartedRate:0.#}", $"{s.AchievedRate:0.#}", F(s.CorrectedP99), $"{s.ErrorRate * 100:0.##}%",
                    s.Passed switch { true => "[green]pass[/]", false => "[red]fail[/]", _ => "" });
            c.Write(stages);
        }
        if (r.Knee is { } knee) c.MarkupLine($"[bold]knee[/]: {Markup.Escape(knee.Verdict)}");
        foreach (var th in r.Thresholds)
            c.MarkupLine($"{(th.Passed ? "[green]✓[/]" : "[red]✗[/]")} {Markup.Escape(th.Expression)} ({Markup.Escape(th.Scope)}): {Markup.Escape(th.Value)}");
        if (r.Resources.Count > 0)
        {
            var resources = new Table().AddColumn("resource (sampled each second)").AddColumn("source").AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("peak").RightAligned()).AddColumn(new TableColumn("at").RightAligned());
            foreach (var series in r.Resources.Where(x => x.Points.Count > 0))
            {
                var peak = series.Points.MaxBy(p => p[1])!;
                resources.AddRow(Markup.Escape(series.Key), Markup.Escape(series.Source), Markup.Escape(Saturation.Format(series.Points.Average(p => p[1]), series.Unit)),
                    Markup.Escape(Saturation.Format(peak[1], series.Unit)), $"{peak[0]:0} s");
            }
            c.Write(resources);
        }
        if (r.Run.Aborted is { } a) c.MarkupLine($"[red]aborted[/]: {Markup.Escape(a)}");
        c.MarkupLine(r.Passed ? "[green]passed[/]" : "[red]failed[/]");
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>What an engagement lets load touch: its targets, the stress environment, hosts, ports and verification token.</summary>
    public static TargetScope ScopeOf(EngagementFile file)
    {
        var s = file.Definition.Scope;
        return new TargetScope
        {
            Targets = s.Targets.Select(t => t.Url).Concat(s.StressEnvironment?.BaseUrl is { } b ? [b] : []).ToList(),
            Hosts = s.Hosts,
            Ports = s.Ports,
            VerificationToken = s.VerificationToken,
            Source = file.Path,
        };
    }

    /// <summary>Whether a YAML file has a top-level section of that name.</summary>
    public static bool HasSection(string path, string section)
    {
        try { return File.ReadLines(path).Any(l => l.StartsWith(section + ":", StringComparison.Ordinal)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static SegmentShare? Share(string? segment, string? sequence, string? index, string? count)
    {
        try
        {
            if (index is not null || count is not null)
            {
                if (index is null || count is null) throw new BadInputException("invalid-segment", "--segment-index and --segments go together", "e.g. --segment-index 0 --segments 3", SourceLocation.ForField("--segments"));
                return SegmentShare.ForAgent(CliOptions.Integer(index, "--segment-index"), CliOptions.Integer(count, "--segments"));
            }
            if (segment is null) return sequence is null ? null : throw new BadInputException("invalid-segment", "--segment-sequence needs --segment", null, SourceLocation.ForField("--segment"));
            var seg = ExecutionSegment.Parse(segment);
            return new SegmentShare(seg, sequence is null ? null : ExecutionSegmentSequence.Parse(sequence));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new BadInputException("invalid-segment", e.Message, "segments are fractions such as 1/3:2/3; a sequence lists every boundary, e.g. 0,1/3,2/3,1", SourceLocation.ForField("--segment"));
        }
    }

    /// <summary>The live view: elapsed versus planned, achieved versus target rate, p50/p99 and errors, once a second.</summary>
    private sealed class LiveView(CliContext context, LoadPlan plan)
    {
        private LiveStatus? _last;
        private readonly bool _interactive = ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected;

        public void Update(LiveStatus status)
        {
            _last = status;
            if (!_interactive)
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{status.Elapsed.TotalSeconds,4:0}/{status.Planned.TotalSeconds:0}s  rate {status.AchievedRate:0}/s{(status.TargetRate > 0 ? $" of {status.TargetRate:0}/s" : "")}  p50 {status.P50Ms:0.##} ms  p99 {status.P99Ms:0.##} ms  requests {status.Requests}  failed {status.Failed}  late {status.Late}  dropped {status.Dropped}  vus {status.Vus}{(status.Stage is null ? "" : "  " + status.Stage)}"));
        }

        public async Task<StressResult> RunAsync(Func<Task<StressResult>> run)
        {
            if (!_interactive) return await run();
            StressResult? result = null;
            await context.Console.Live(Render()).StartAsync(async ctx =>
            {
                var task = run();
                while (!task.IsCompleted)
                {
                    await Task.WhenAny(task, Task.Delay(250));
                    ctx.UpdateTarget(Render());
                }
                result = await task;
            });
            return result!;
        }

        private Table Render()
        {
            var s = _last;
            var table = new Table().Title($"hypercare stress: {Markup.Escape(plan.Executor.Describe())}").AddColumn("").AddColumn("");
            table.AddRow("elapsed", s is null ? "starting" : $"{s.Elapsed.TotalSeconds:0}s of {s.Planned.TotalSeconds:0}s{(s.Stage is null ? "" : $" ({Markup.Escape(s.Stage)})")}");
            table.AddRow("rate", s is null ? "" : s.TargetRate > 0 ? $"{s.AchievedRate:0}/s of {s.TargetRate:0}/s" : $"{s.AchievedRate:0}/s with {s.Vus} VUs");
            table.AddRow("latency (corrected)", s is null ? "" : $"p50 {s.P50Ms:0.##} ms   p99 {s.P99Ms:0.##} ms");
            table.AddRow("requests", s is null ? "" : $"{s.Requests:N0}   failed {s.Failed:N0}   late {s.Late:N0}   dropped {s.Dropped:N0}");
            return table;
        }
    }
}
