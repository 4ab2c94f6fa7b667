namespace Hypercare.LoadTesting.Executors;

/// <summary>How an executor offers load. Each kind lives in its own file with its settings and its schedule.</summary>
public abstract record ExecutorDefinition
{
    /// <summary>The kind as written in plans, e.g. <c>constant-arrival-rate</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>How long the executor offers load.</summary>
    public abstract TimeSpan Duration { get; }

    /// <summary>How long in-flight iterations may finish after the planned duration before they are cancelled.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The windows of the run with their targets, for per-stage results.</summary>
    public abstract IReadOnlyList<StagePlan> Stages { get; }

    /// <summary>A short description, e.g. "2000/s for 1m (uniform)".</summary>
    public abstract string Describe();
}

/// <summary>One window of an executor with its target rate (open model) or virtual users (closed model).</summary>
public sealed record StagePlan(string Name, TimeSpan Start, TimeSpan End, double TargetRate, int TargetVus);

/// <summary>How arrivals are spaced in an open model.</summary>
public enum ArrivalProcess
{
    /// <summary>Evenly spaced: at rate r, one start every 1/r seconds.</summary>
    Uniform,
    /// <summary>A Poisson process: exponential gaps with mean 1/r, like independent users.</summary>
    Poisson,
}

/// <summary>
/// An open model: iterations start on a schedule whatever the system does, so a slow system meets the same
/// demand (and queues), as real users would make it. Starts that find no free virtual user wait and count as late;
/// starts that wait longer than the plan's maximum lateness are dropped and counted.
/// </summary>
public abstract record ArrivalRateExecutor : ExecutorDefinition
{
    /// <summary>Virtual users created before the first start.</summary>
    public int PreAllocatedVus { get; init; } = 10;

    /// <summary>The most virtual users the executor may create when starts find none free.</summary>
    public int MaxVus { get; init; } = 100;

    /// <summary>How arrivals are spaced.</summary>
    public ArrivalProcess Arrivals { get; init; } = ArrivalProcess.Uniform;

    /// <summary>The random seed of Poisson arrivals; every agent of a distributed run uses the same one.</summary>
    public int Seed { get; init; } = 20_261_126;

    /// <summary>The offered rate over time.</summary>
    public abstract RateProfile Profile { get; }

    /// <inheritdoc />
    public override TimeSpan Duration => Profile.Duration;
}

/// <summary>
/// A closed model: a number of virtual users each run iterations back to back (with think times). When the system
/// slows down, fewer requests are sent: closed models measure what the users saw, not what an event would offer.
/// </summary>
public abstract record VirtualUserExecutor : ExecutorDefinition
{
    /// <summary>The number of virtual users the executor wants at a moment of the run.</summary>
    public abstract int TargetVusAt(TimeSpan elapsed);

    /// <summary>The largest number of virtual users at any moment.</summary>
    public abstract int MaxVus { get; }
}
