using System.Text.Json.Serialization;
using Hypercare.LoadTesting.Metrics;

namespace Hypercare.LoadTesting.Results;

/// <summary>
/// The JSON summary of a stress run, schema <c>hypercare.stress.result/v1</c> (docs/stress-result-schema.md).
/// Fields are added, never renamed or removed, within a schema version. Times are milliseconds unless named otherwise.
/// </summary>
public sealed class StressResult
{
    /// <summary>The schema identifier and version.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>The current schema identifier.</summary>
    public const string SchemaId = "hypercare.stress.result/v1";

    /// <summary>What ran, when, and how.</summary>
    public required RunInfo Run { get; init; }

    /// <summary>Request counts and the achieved rate.</summary>
    public required RequestSummary Requests { get; init; }

    /// <summary>Iterations of scenarios.</summary>
    public required IterationSummary Iterations { get; init; }

    /// <summary>Corrected latency and service time.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Scheduled starts: how many, how many late or dropped, and how far behind they started.</summary>
    public required StartSummary Starts { get; init; }

    /// <summary>Failures by kind: connect, dns, reset, timeout, protocol, tls, status_4xx, status_5xx, check_failed.</summary>
    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    /// <summary>Checks evaluated and failed.</summary>
    public required CheckSummary Checks { get; init; }

    /// <summary>Per scenario and step.</summary>
    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    /// <summary>Per stage (ramps) or per step of a capacity search.</summary>
    public required IReadOnlyList<StageResult> Stages { get; init; }

    /// <summary>For a capacity search: the last step that met every threshold.</summary>
    public KneeResult? Knee { get; init; }

    /// <summary>Each threshold and whether it held.</summary>
    public required IReadOnlyList<ThresholdResult> Thresholds { get; init; }

    /// <summary>True when every threshold held and the run was not aborted.</summary>
    public bool Passed { get; init; }

    /// <summary>What coordinated omission would have hidden: corrected versus service-time percentiles.</summary>
    public required OmissionNote CoordinatedOmission { get; init; }

    /// <summary>One point per second.</summary>
    public required IReadOnlyList<SecondPoint> Series { get; init; }

    /// <summary>The histograms, so that results of several agents can be merged losslessly.</summary>
    public required HistogramSet Histograms { get; init; }

    /// <summary>Resources sampled while the load ran (metrics endpoints, /proc), one value per series per second; empty when nothing was sampled.</summary>
    public IReadOnlyList<ResourceSeriesResult> Resources { get; init; } = [];
}

/// <summary>One resource series sampled during a run.</summary>
/// <param name="Key">The series, e.g. <c>node_cpu_busy</c> or <c>shop_db_pool_waiting</c>.</param>
/// <param name="Kind">cpu, memory, network, disk, connection-pool, thread-pool, garbage-collection or dependency.</param>
/// <param name="Measure">What a value means.</param>
/// <param name="Unit">ratio, items, seconds, bytes, bytes/s, threads.</param>
/// <param name="Source">The endpoint or /proc path it was read from.</param>
/// <param name="Points">[seconds since the load started, value] pairs.</param>
public sealed record ResourceSeriesResult(string Key, string Kind, string Measure, string Unit, string Source, IReadOnlyList<double[]> Points);

/// <summary>
/// Samples resources while a run's load is offered. The stress engine starts it as the load starts and stops it
/// when the load ends; the series it returns count seconds from the start.
/// </summary>
public interface IResourceSampling
{
    /// <summary>Starts sampling.</summary>
    void Start();

    /// <summary>Stops sampling and returns what was sampled.</summary>
    Task<IReadOnlyList<ResourceSeriesResult>> StopAsync();
}

/// <summary>What ran, when, and how.</summary>
public sealed record RunInfo(
    string? Plan,
    string Executor,
    string Description,
    string Engine,
    string Segment,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    double DurationSeconds,
    double PlannedSeconds,
    string? Aborted,
    int Agents);

/// <summary>Request counts.</summary>
public sealed record RequestSummary(long Total, double PerSecond, long Ok, long Failed, double ErrorRate, long BytesReceived, IReadOnlyDictionary<string, long> StatusClasses);

/// <summary>Iterations of scenarios; in an open model, the schedule's target is a rate of iterations, not of requests.</summary>
public sealed record IterationSummary(long Started, long Completed, long Aborted, long DataExhausted, double PerSecond, double? TargetPerSecond);

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record Percentiles(double Min, double Mean, double P50, double P90, double P95, double P99, [property: JsonPropertyName("p99_9")] double P999, double Max, long Count);

/// <summary>Corrected latency (from the intended start) and service time (from the actual send).</summary>
public sealed record LatencySummary(string Unit, Percentiles Corrected, Percentiles Service);

/// <summary>Scheduled starts.</summary>
public sealed record StartSummary(long Intended, long Started, long Late, long Dropped, double LateAfterMs, Percentiles Delay, int PeakVus);

/// <summary>Checks.</summary>
public sealed record CheckSummary(long Total, long Failed);

/// <summary>One scenario: its steps, and latency over all of them.</summary>
public sealed record ScenarioResult(string Name, IReadOnlyList<StepResult> Steps, Percentiles Corrected, Percentiles Service);

/// <summary>One step of a scenario.</summary>
public sealed record StepResult(string Name, long Requests, long Failed, long Checks, long CheckFailures, IReadOnlyDictionary<string, long> Errors, Percentiles Corrected, Percentiles Service);

/// <summary>One stage or capacity-search step.</summary>
public sealed record StageResult(string Name, double StartSeconds, double EndSeconds, double TargetRate, int TargetVus, double StartedRate, long Requests, double AchievedRate,
    double ErrorRate, long Dropped, double CorrectedP50, double CorrectedP99, double ServiceP99, bool? Passed, double CorrectedMean = 0);

/// <summary>The knee of a capacity search.</summary>
public sealed record KneeResult(string? Stage, double? TargetRate, double? AchievedRate, double? CorrectedP99, string Verdict);

/// <summary>One threshold's verdict.</summary>
public sealed record ThresholdResult(string Expression, string Scope, double Measured, string Value, bool Passed, bool AbortOnFail);

/// <summary>Corrected versus service-time percentiles and what the difference means.</summary>
public sealed record OmissionNote(double CorrectedP99, double ServiceP99, double Ratio, string Note);

/// <summary>Base64 compressed HdrHistograms (V2 encoding, microseconds) for lossless merging.</summary>
public sealed record HistogramSet(string Corrected, string Service, string Delay, IReadOnlyDictionary<string, StepHistograms> Steps);

/// <summary>The histograms of one step, keyed "scenario/step" in <see cref="HistogramSet.Steps"/>.</summary>
public sealed record StepHistograms(string Corrected, string Service);
