using System.CommandLine;
using System.Globalization;
using Hypercare.Capacity;
using Hypercare.Capacity.Bottlenecks;
using Hypercare.Capacity.Planning;
using Hypercare.Capacity.Sampling;
using Hypercare.Capacity.Search;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Objectives;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Safety;
using Hypercare.LoadTesting.Templates;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare capacity search</c>: step the load until the objective breaks, sample resources, name the bottleneck and plan.</summary>
internal static class CapacitySearchCommand
{
    public static Command Build(CliContext context)
    {
        var target = new Argument<string>("TARGET") { Description = "A URL to GET, a load plan (YAML), or a hypercare.yaml whose 'stress' section is the plan" };
        var slo = new Option<string[]>("--slo") { Description = "The objective each step must meet, e.g. \"p99<300ms, error_rate<0.1%\" (default: the engagement's latency objectives and error budget)" };
        var engagement = CliOptions.Optional("--engagement", "The engagement: its scope bounds the targets, its objectives and topology make the capacity plan");
        var model = new Option<string>("--model") { Description = "open (arrival rates, the default) or closed (virtual users)", DefaultValueFactory = _ => "open" };
        var start = CliOptions.Optional("--start", "The first load: iterations per second (open) or virtual users (closed); default 10/s or 1 VU");
        var max = new Option<string?>("--max", "--max-rate", "--max-vus") { Description = "The most load to offer (default 100000/s or 2000 VUs)" };
        var step = new Option<string>("--step") { Description = "How long each step lasts", DefaultValueFactory = _ => "10s" };
        var factor = new Option<string>("--factor") { Description = "Each growth step multiplies the load by this", DefaultValueFactory = _ => "2" };
        var refine = new Option<string>("--refine") { Description = "Bisection steps between the last load that met the objective and the first that broke it", DefaultValueFactory = _ => "3" };
        var warmup = new Option<string>("--warmup") { Description = "A run at the first load before measuring (0 to skip)", DefaultValueFactory = _ => "3s" };
        var tier = CliOptions.Optional("--tier", "The engagement tier the target is (default: the first tier with role service)");
        var instances = new Option<string>("--instances-tested") { Description = "How many instances of the tier served the search", DefaultValueFactory = _ => "1" };
        var headroom = new Option<string>("--headroom") { Description = "Headroom above the peak in the plan", DefaultValueFactory = _ => "30%" };
        var metrics = new Option<string[]>("--metrics") { Description = "A Prometheus endpoint to sample each second, besides the tier's (repeatable; loopback only)" };
        var pid = CliOptions.Optional("--pid", "A local process to read from /proc (default: the one listening on a loopback target's port)");
        var token = CliOptions.Optional("--verification-token", "The token a non-loopback target must serve at /.well-known/hypercare-verification.txt (default: the engagement's)");
        var engine = CliOptions.Optional("--engine", "auto (default), fast or httpclient");
        var output = CliOptions.Optional("--out", "Also write the JSON result to this file");
        var failOn = CliOptions.Optional("--fail-on", "Exit 1 when the overall verdict is this or worse: fits-with-changes or does-not-fit");
        var json = CliOptions.Json();
        var command = new Command("search", "Find the load the target holds while the objective holds: steps of real load, the knee, the USL fit, the bottleneck and a capacity plan")
            { target, slo, engagement, model, start, max, step, factor, refine, warmup, tier, instances, headroom, metrics, pid, token, engine, output, failOn, json };
        command.SetAction(async (parse, ct) =>
        {
            var targetText = parse.GetValue(target)!;
            var engagementPath = parse.GetValue(engagement) ?? (File.Exists(targetText) && StressCommands.HasSection(targetText, "engagement") ? targetText : null);
            var file = engagementPath is null ? null : EngagementFileLoader.Load(engagementPath);
            var loadModel = parse.GetValue(model) switch
            {
                "open" => LoadModel.Open,
                "closed" => LoadModel.Closed,
                var other => throw new BadInputException("invalid-model", $"'{other}' is not a load model", "open or closed", SourceLocation.ForField("--model")),
            };
            var plan = Plan(targetText, file);
            var conditions = Conditions(parse.GetValue(slo), file);
            var scope = file is null ? TargetScope.ExplicitTargets(parse.GetValue(token)) : StressCommands.ScopeOf(file) with { VerificationToken = parse.GetValue(token) ?? file.Definition.Scope.VerificationToken };
            var tiers = file?.Definition.Topology.Tiers ?? [];
            var tierName = parse.GetValue(tier);
            var measured = tierName is null
                ? tiers.FirstOrDefault(t => t.Role == TierRole.Service) ?? (tiers.Count > 0 ? tiers[0] : null)
                : tiers.FirstOrDefault(t => t.Name.Equals(tierName, StringComparison.OrdinalIgnoreCase))
                  ?? throw new BadInputException("unknown-tier", $"the engagement has no tier '{tierName}'", tiers.Count == 0 ? "declare topology.tiers in the engagement" : "one of: " + string.Join(", ", tiers.Select(t => t.Name)), SourceLocation.ForField("--tier"));
            var endpoints = (measured?.Metrics ?? []).Concat((parse.GetValue(metrics) ?? []).Select(m =>
                Uri.TryCreate(m, UriKind.Absolute, out var u) ? u : throw new BadInputException("invalid-url", $"'{m}' is not a URL", "e.g. http://127.0.0.1:9100/metrics", SourceLocation.ForField("--metrics")))).Distinct().ToList();
            var processId = parse.GetValue(pid) is { } p ? CliOptions.Integer(p, "--pid") : LocalProcess.ForLoopbackTarget(plan.BaseUrl);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            // Load runs and samples measure real time, whatever clock the rest of the command uses.
            await using var sampler = new ResourceSampler(endpoints, processId, http, TimeProvider.System);
            var options = new CapacitySearchOptions
            {
                Slo = conditions,
                Model = loadModel,
                Start = parse.GetValue(start) is { } s ? Number(s, "--start") : loadModel == LoadModel.Open ? 10 : 1,
                Max = parse.GetValue(max) is { } m ? Number(m, "--max") : loadModel == LoadModel.Open ? 100_000 : 2_000,
                Factor = Number(parse.GetValue(factor)!, "--factor"),
                Refinements = CliOptions.Integer(parse.GetValue(refine)!, "--refine"),
                StepDuration = CliOptions.Duration(parse.GetValue(step)!, "--step"),
                Warmup = CliOptions.Duration(parse.GetValue(warmup)!, "--warmup", allowZero: true),
                Scope = scope,
                Engine = CliOptions.Engine(parse.GetValue(engine)),
                Time = TimeProvider.System,
                Sampler = sampler,
                OnProgress = progress => Progress(context, progress, loadModel),
            };
            Verdict? failAt = parse.GetValue(failOn) switch
            {
                null => null,
                "fits-with-changes" => Verdict.FitsWithChanges,
                "does-not-fit" => Verdict.DoesNotFit,
                var other => throw new BadInputException("invalid-verdict", $"'{other}' is not a verdict to fail on", "fits-with-changes or does-not-fit", SourceLocation.ForField("--fail-on")),
            };
            if (failAt is not null && file?.Definition.Objectives is null)
                throw new BadInputException("missing-engagement", "--fail-on judges the capacity plan, which needs the engagement's objectives", "add --engagement FILE", SourceLocation.ForField("--fail-on"));
            var instancesTested = CliOptions.Integer(parse.GetValue(instances)!, "--instances-tested");
            var headroomValue = Percentage.TryParse(parse.GetValue(headroom)!, out var h) && h.Fraction >= 0 ? h.Fraction
                : throw new BadInputException("invalid-headroom", $"'{parse.GetValue(headroom)}' is not a percentage", "e.g. 30%", SourceLocation.ForField("--headroom"));

            sampler.Start();
            SearchResult search;
            try { search = await CapacitySearch.RunAsync(plan, options, ct); }
            finally { await sampler.StopAsync(); }
            var notes = new List<string>(sampler.Warnings);
            if (processId == Environment.ProcessId) notes.Add("the target runs inside this process: its /proc CPU includes the load generator's");
            var bottleneck = BottleneckAnalysis.Analyze(search, sampler.Timeline, notes);
            CapacityPlan? capacityPlan = null;
            if (file?.Definition.Objectives is { } objectives)
                capacityPlan = CapacityPlanner.Plan(search, bottleneck, new PlanInput(Objectives(objectives), tiers.Select(Tier).ToList(), measured?.Name ?? "target", instancesTested, headroomValue));
            var report = new CapacityReport(targetText, search, bottleneck, capacityPlan, sampler.Timeline, sampler.Endpoints, sampler.Pid);
            var jsonText = CapacityReportJson.Write(report);
            if (parse.GetValue(output) is { } outFile) File.WriteAllText(outFile, jsonText);
            if (parse.GetValue(json)) context.Out.WriteLine(jsonText);
            else CapacityReportText.Write(context.Console, report);
            return failAt is { } limit && capacityPlan is { } judged && judged.Overall != Verdict.NotMeasured && judged.Overall >= limit ? 1 : 0;
        });
        return command;
    }

    private static LoadPlan Plan(string target, EngagementFile? file)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var request = new ScenarioStep { Name = $"GET {url.PathAndQuery}", Method = "GET", Path = Template.Literal(url.PathAndQuery) };
            return new LoadPlan
            {
                BaseUrl = new Uri(url.GetLeftPart(UriPartial.Authority)),
                Scenarios = [new Scenario("url", 1, [request], null, null)],
                Executor = new ConstantVus(1, TimeSpan.FromSeconds(1)),
                Cookies = false,
                Timeout = TimeSpan.FromSeconds(10),
            };
        }
        if (!File.Exists(target))
            throw new BadInputException("invalid-target", $"'{target}' is neither an http(s) URL nor a file", "give a URL such as http://127.0.0.1:8080/api/products/1, or a load plan", SourceLocation.ForField("TARGET"));
        return StressCommands.HasSection(target, "engagement")
            ? LoadPlanReader.LoadSection(target, "stress", file?.Definition.Scope.StressEnvironment?.BaseUrl)
            : LoadPlanReader.Load(target);
    }

    private static IReadOnlyList<LoadTesting.Thresholds.Threshold> Conditions(string[]? given, EngagementFile? file)
    {
        if (given is { Length: > 0 }) return given.SelectMany(g => Slo.Parse(g, "--slo")).ToList();
        var o = file?.Definition.Objectives;
        if (o is null || (o.Latency.Count == 0 && o.ErrorBudget is null))
            throw new BadInputException("missing-slo", "the search needs an objective", "give --slo \"p99<300ms, error_rate<0.1%\", or an engagement with latency objectives", SourceLocation.ForField("--slo"));
        var parts = o.Latency.Select(l => string.Create(CultureInfo.InvariantCulture, $"p({l.Percentile}) < {l.Threshold.TotalMilliseconds}ms")).ToList();
        if (o.ErrorBudget is { } budget) parts.Add(string.Create(CultureInfo.InvariantCulture, $"error_rate < {budget.Value}%"));
        return Slo.Parse(string.Join(", ", parts), $"{file!.Path}: objectives");
    }

    private static PlanObjectives Objectives(BusinessObjectives o) => new(
        o.PeakRate.PerSecond,
        o.Latency.Select(l => new LatencyObjective(l.Percentile, l.Threshold.TotalMilliseconds)).ToList(),
        o.ErrorBudget?.Fraction,
        o.Ramp is null ? null : new RampObjective(o.Ramp.Factor, o.Ramp.Within));

    private static PlanTier Tier(Tier t) => new(t.Name, KebabCase.Of(t.Role), t.Instances, t.Scaling?.Min, t.Scaling?.Max, t.Scaling?.ScaleOutTime, t.Pools);

    private static void Progress(CliContext context, SearchProgress p, LoadModel model)
    {
        var load = CapacitySearch.Describe(model, p.Load);
        if (p.Measured is not { } s) { context.Error.WriteLine($"step {p.Step} ({p.Phase}): {load} ..."); return; }
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {s.Index} ({s.Phase}): {load}: {s.Throughput:0.#} req/s, p99 {s.Latency.P99:0.##} ms, errors {s.ErrorRate * 100:0.##}%: {(s.Passed ? "met" : "broken: " + string.Join("; ", s.Failures))}"));
    }

    private static double Number(string text, string field)
    {
        var t = text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text;
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 ? v
            : throw new BadInputException("invalid-number", $"'{text}' is not a positive number", "e.g. 50 or 50/s", SourceLocation.ForField(field));
    }
}
