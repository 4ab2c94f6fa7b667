using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Templates;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.LoadTesting.Plans;

/// <summary>
/// A load plan: where to send load, what each virtual user does, how much load to offer, and what must hold.
/// Read from a plan file or from the <c>stress</c> section of <c>hypercare.yaml</c> by <see cref="LoadPlanReader"/>.
/// </summary>
public sealed record LoadPlan
{
    /// <summary>The file the plan was read from, for messages.</summary>
    public string? Source { get; init; }

    /// <summary>The base URL that relative step paths resolve against.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Headers sent with every request unless a step overrides them.</summary>
    public IReadOnlyList<KeyValuePair<string, Template>> Headers { get; init; } = [];

    /// <summary>Plan-level variables, available to every template.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>CSV data feeders, by name.</summary>
    public IReadOnlyList<DataFeederDefinition> Data { get; init; } = [];

    /// <summary>The scenarios, at least one.</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>How load is offered.</summary>
    public required ExecutorDefinition Executor { get; init; }

    /// <summary>Conditions that must hold; a failed one makes the run fail (exit 1).</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    /// <summary>How long a request may take before it counts as a timeout.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Which HTTP engine to use.</summary>
    public EngineChoice Engine { get; init; } = EngineChoice.Auto;

    /// <summary>Whether virtual users keep cookies between requests of an iteration.</summary>
    /// <value>Defaults to true; cookies are cleared at the start of every iteration.</value>
    public bool Cookies { get; init; } = true;

    /// <summary>Whether TLS certificates are accepted without validation (a staging target with a self-signed certificate).</summary>
    /// <value>Defaults to false: a certificate that does not validate is a TLS error, counted per request.</value>
    public bool Insecure { get; init; }

    /// <summary>
    /// How late an arrival may start before it is dropped instead of sent: an open-model start waits for a free
    /// virtual user at most this long.
    /// </summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan MaxLateness { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>The HTTP engine a run uses.</summary>
public enum EngineChoice
{
    /// <summary>The fast HTTP/1.1 engine for plain http targets, the HttpClient engine otherwise.</summary>
    Auto,
    /// <summary>Pooled keep-alive HTTP/1.1 connections on raw sockets with pre-serialized requests.</summary>
    Fast,
    /// <summary>.NET's HttpClient: TLS and HTTP/2.</summary>
    HttpClient,
}

/// <summary>A sequence of steps one virtual user performs per iteration.</summary>
public sealed record Scenario(string Name, int Weight, IReadOnlyList<ScenarioStep> Steps, ThinkTime? ThinkTime, SourceLocation? Location);

/// <summary>One HTTP request of a scenario, with what to extract from its response and what to check.</summary>
public sealed record ScenarioStep
{
    /// <summary>The step's name, unique in its scenario; results are reported per step.</summary>
    public required string Name { get; init; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The path (absolute URL or relative to the base URL), a template.</summary>
    public required Template Path { get; init; }

    /// <summary>Query parameters appended to the path.</summary>
    public IReadOnlyList<KeyValuePair<string, Template>> Query { get; init; } = [];

    /// <summary>Headers of this step, added to (and overriding) the plan's.</summary>
    public IReadOnlyList<KeyValuePair<string, Template>> Headers { get; init; } = [];

    /// <summary>The body, a template, or null.</summary>
    public Template? Body { get; init; }

    /// <summary>Values taken from the response into variables.</summary>
    public IReadOnlyList<Extraction> Extract { get; init; } = [];

    /// <summary>Conditions on the response; a failed one counts as a check failure.</summary>
    public IReadOnlyList<Check> Checks { get; init; } = [];

    /// <summary>The pause after this step, overriding the scenario's.</summary>
    public ThinkTime? ThinkTime { get; init; }

    /// <summary>Where the step is written.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>True when nothing in the request changes between iterations, so it can be serialized once.</summary>
    public bool IsStatic => Path.IsConstant && Query.All(q => q.Value.IsConstant) && Headers.All(h => h.Value.IsConstant) && (Body?.IsConstant ?? true);
}

/// <summary>Where an extraction reads from.</summary>
public enum ExtractionSource
{
    /// <summary>A JSONPath over the JSON body.</summary>
    Json,
    /// <summary>A regular expression over the body; the first group (or the named one) is the value.</summary>
    Regex,
    /// <summary>A response header.</summary>
    Header,
}

/// <summary>Takes one value from a response into a variable.</summary>
public sealed record Extraction(string Variable, ExtractionSource Source, string Expression, JsonPath? Path, System.Text.RegularExpressions.Regex? Pattern, string? Default, SourceLocation? Location);

/// <summary>What a check looks at.</summary>
public enum CheckKind
{
    /// <summary>The status code is one of a set (exact codes or classes like 2xx).</summary>
    Status,
    /// <summary>The body contains a text.</summary>
    BodyContains,
    /// <summary>The body does not contain a text.</summary>
    BodyExcludes,
    /// <summary>The service time is below a limit.</summary>
    Latency,
}

/// <summary>A condition on a response.</summary>
public sealed record Check(CheckKind Kind, string Description, IReadOnlyList<int> Statuses, string? Text, TimeSpan? MaxLatency)
{
    /// <summary>The body text as a template, so a check can look for a value extracted earlier.</summary>
    public Template? TextTemplate { get; init; }

    /// <summary>Whether a status code passes a status check (codes below 10 stand for a class: 2 = 2xx).</summary>
    public bool StatusMatches(int status)
    {
        foreach (var s in Statuses)
            if (s == status || s < 10 && status / 100 == s) return true;
        return false;
    }
}

/// <summary>The distribution of pauses between steps.</summary>
public enum ThinkTimeKind
{
    /// <summary>Always the same pause.</summary>
    Constant,
    /// <summary>Uniformly between a minimum and a maximum.</summary>
    Uniform,
    /// <summary>Exponentially distributed around a mean, like independent users.</summary>
    Exponential,
}

/// <summary>A pause a virtual user takes between steps.</summary>
public sealed record ThinkTime(ThinkTimeKind Kind, TimeSpan A, TimeSpan B)
{
    /// <summary>Draws one pause.</summary>
    public TimeSpan Next(Random random) => Kind switch
    {
        ThinkTimeKind.Constant => A,
        ThinkTimeKind.Uniform => A + (B - A) * random.NextDouble(),
        _ => TimeSpan.FromTicks((long)(-Math.Log(1 - random.NextDouble()) * A.Ticks)),
    };
}

/// <summary>How a feeder hands out rows.</summary>
public enum FeederMode
{
    /// <summary>Rows in file order, wrapping around, shared by all virtual users.</summary>
    Sequential,
    /// <summary>A random row each time.</summary>
    Random,
    /// <summary>Each row at most once in the whole run, across all agents; iterations stop when rows run out.</summary>
    Unique,
}

/// <summary>A CSV file whose rows feed variables named <c>feeder.column</c>.</summary>
public sealed record DataFeederDefinition(string Name, string File, FeederMode Mode, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, SourceLocation? Location);
