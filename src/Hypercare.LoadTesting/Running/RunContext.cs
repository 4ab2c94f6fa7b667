using System.Text;
using Hypercare.LoadTesting.Http;
using Hypercare.LoadTesting.Metrics;
using Hypercare.LoadTesting.Plans;

namespace Hypercare.LoadTesting.Running;

/// <summary>A step with everything computed once per run: its stats, what to capture, and its wire bytes when static.</summary>
internal sealed class PreparedStep(ScenarioStep step, StepStats stats, Capture capture, OutgoingRequest? fixedRequest)
{
    public ScenarioStep Step { get; } = step;
    public StepStats Stats { get; } = stats;
    public Capture Capture { get; } = capture;
    public OutgoingRequest? FixedRequest { get; } = fixedRequest;
}

/// <summary>A scenario with its prepared steps and the feeders its templates read.</summary>
internal sealed class PreparedScenario(Scenario scenario, PreparedStep[] steps, DataFeeder[] feeders)
{
    public Scenario Scenario { get; } = scenario;
    public PreparedStep[] Steps { get; } = steps;
    public DataFeeder[] Feeders { get; } = feeders;
}

/// <summary>What every virtual user of a run shares.</summary>
internal sealed class RunContext
{
    public RunContext(LoadPlan plan, RunStats stats, IHttpEngine engine, TimeProvider time, Func<long, bool> owns)
    {
        Plan = plan;
        Stats = stats;
        Engine = engine;
        Time = time;
        Picker = new ScenarioPicker(plan.Scenarios);
        var feeders = plan.Data.ToDictionary(d => d.Name, d => new DataFeeder(d, owns), StringComparer.Ordinal);
        Scenarios = plan.Scenarios.Select(s =>
        {
            var steps = s.Steps.Select(step =>
            {
                var capture = Capture.None;
                if (step.Extract.Any(e => e.Source != ExtractionSource.Header) || step.Checks.Any(c => c.Kind is CheckKind.BodyContains or CheckKind.BodyExcludes)) capture |= Capture.Body;
                if (plan.Cookies || step.Extract.Any(e => e.Source == ExtractionSource.Header)) capture |= Capture.Headers;
                OutgoingRequest? fixedRequest = null;
                if (step.IsStatic)
                {
                    var request = RequestBuilder.Build(plan, step, EmptyScope.Instance);
                    fixedRequest = engine.UsesSerializedRequests ? request with { Serialized = FastEngine.Serialize(request) } : request;
                }
                return new PreparedStep(step, stats.For(s.Name, step.Name), capture, fixedRequest);
            }).ToArray();
            var used = s.Steps.SelectMany(RequestBuilder.VariablesOf).Select(v => v.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
            return new PreparedScenario(s, steps, feeders.Where(f => used.Contains(f.Key)).Select(f => f.Value).ToArray());
        }).ToArray();
        Frequency = time.TimestampFrequency;
        LateAfterTicks = (long)(Frequency * 0.010);
        MaxLatenessTicks = (long)(plan.MaxLateness.TotalSeconds * Frequency);
    }

    public LoadPlan Plan { get; }
    public RunStats Stats { get; }
    public IHttpEngine Engine { get; }
    public TimeProvider Time { get; }
    public ScenarioPicker Picker { get; }
    public PreparedScenario[] Scenarios { get; }
    public long Frequency { get; }

    /// <summary>A start more than 10 ms behind its intended time counts as late.</summary>
    public long LateAfterTicks { get; }

    public long MaxLatenessTicks { get; }

    private sealed class EmptyScope : Templates.IVariableScope
    {
        public static readonly EmptyScope Instance = new();
        public string Resolve(string name) => "";
    }
}

/// <summary>Turns a step and a virtual user's variables into a request.</summary>
internal static class RequestBuilder
{
    public static IEnumerable<string> VariablesOf(ScenarioStep step) =>
        step.Path.Variables
            .Concat(step.Query.SelectMany(q => q.Value.Variables))
            .Concat(step.Headers.SelectMany(h => h.Value.Variables))
            .Concat(step.Body?.Variables ?? []);

    public static OutgoingRequest Build(LoadPlan plan, ScenarioStep step, Templates.IVariableScope scope)
    {
        var path = step.Path.Render(scope);
        var url = path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? new Uri(path)
            : new Uri(plan.BaseUrl, path);
        if (step.Query.Count > 0)
        {
            var sb = new StringBuilder(url.OriginalString);
            var first = string.IsNullOrEmpty(url.Query);
            foreach (var (name, value) in step.Query)
            {
                sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value.Render(scope)));
                first = false;
            }
            url = new Uri(sb.ToString());
        }
        var headers = new List<KeyValuePair<string, string>>(plan.Headers.Count + step.Headers.Count);
        foreach (var (name, value) in plan.Headers)
            if (!step.Headers.Any(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
                headers.Add(new(name, value.Render(scope)));
        foreach (var (name, value) in step.Headers) headers.Add(new(name, value.Render(scope)));
        var body = step.Body is null ? null : Encoding.UTF8.GetBytes(step.Body.Render(scope));
        return new OutgoingRequest(step.Method, url, headers, body, null);
    }
}
