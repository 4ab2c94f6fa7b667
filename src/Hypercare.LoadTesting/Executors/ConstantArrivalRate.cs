using Hypercare.Core.Units;

namespace Hypercare.LoadTesting.Executors;

/// <summary>
/// <c>constant-arrival-rate</c>: iterations start at a fixed rate for a duration, whether or not earlier ones have
/// finished. The executor to use for "does the system hold 2,000 req/s?".
/// </summary>
public sealed record ConstantArrivalRate(Rate Rate, TimeSpan Length) : ArrivalRateExecutor
{
    /// <inheritdoc />
    public override string Kind => "constant-arrival-rate";

    /// <inheritdoc />
    public override RateProfile Profile => new([(Length, Rate.PerSecond, Rate.PerSecond)]);

    /// <inheritdoc />
    public override IReadOnlyList<StagePlan> Stages => [new StagePlan("constant", TimeSpan.Zero, Length, Rate.PerSecond, 0)];

    /// <inheritdoc />
    public override string Describe() => $"{Rate} for {DurationText.Format(Length)} ({Arrivals.ToString().ToLowerInvariant()} arrivals)";
}
