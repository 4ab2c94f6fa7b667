using Hypercare.Core.Units;

namespace Hypercare.LoadTesting.Executors;

/// <summary>
/// <c>step-load</c>, the capacity search: hold a rate for a step, judge the thresholds on that step alone, and
/// raise the rate by a fixed increment until a threshold breaks or the maximum is reached. The last step that
/// passed is the knee: the most load the system takes while its objectives hold.
/// </summary>
public sealed record StepLoad(Rate StartRate, Rate Increment, TimeSpan StepLength, Rate MaxRate) : ArrivalRateExecutor
{
    /// <inheritdoc />
    public override string Kind => "step-load";

    /// <summary>The rates of the steps in order.</summary>
    public IReadOnlyList<double> Rates
    {
        get
        {
            var list = new List<double>();
            for (var r = StartRate.PerSecond; r <= MaxRate.PerSecond + 1e-9 && list.Count < 1000; r += Increment.PerSecond) list.Add(r);
            return list;
        }
    }

    /// <inheritdoc />
    public override RateProfile Profile => new(Rates.Select(r => (StepLength, r, r)));

    /// <inheritdoc />
    public override IReadOnlyList<StagePlan> Stages =>
        Rates.Select((r, i) => new StagePlan($"step {i + 1}", StepLength * i, StepLength * (i + 1), r, 0)).ToList();

    /// <inheritdoc />
    public override string Describe() =>
        $"from {StartRate} up by {Increment} every {DurationText.Format(StepLength)} to at most {MaxRate}, stopping at the first step that breaks a threshold";
}
