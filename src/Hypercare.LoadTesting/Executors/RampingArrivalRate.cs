using Hypercare.Core.Units;

namespace Hypercare.LoadTesting.Executors;

/// <summary>One stage of a ramp: reach <paramref name="Target"/> (a rate or a number of VUs) over <paramref name="Length"/>.</summary>
public sealed record RampStage(double Target, TimeSpan Length);

/// <summary>
/// <c>ramping-arrival-rate</c>: the start rate moves linearly from stage to stage, e.g. from the base traffic to
/// ten times it in ten minutes, the ramp an event's doors-open moment brings.
/// </summary>
public sealed record RampingArrivalRate(Rate StartRate, IReadOnlyList<RampStage> RampStages) : ArrivalRateExecutor
{
    /// <inheritdoc />
    public override string Kind => "ramping-arrival-rate";

    /// <inheritdoc />
    public override RateProfile Profile
    {
        get
        {
            var pieces = new List<(TimeSpan, double, double)>();
            var from = StartRate.PerSecond;
            foreach (var s in RampStages)
            {
                pieces.Add((s.Length, from, s.Target));
                from = s.Target;
            }
            return new RateProfile(pieces);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<StagePlan> Stages
    {
        get
        {
            var list = new List<StagePlan>();
            var start = TimeSpan.Zero;
            for (var i = 0; i < RampStages.Count; i++)
            {
                var s = RampStages[i];
                list.Add(new StagePlan($"stage {i + 1}", start, start + s.Length, s.Target, 0));
                start += s.Length;
            }
            return list;
        }
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"from {StartRate} through {string.Join(" → ", RampStages.Select(s => $"{new Rate(s.Target)} in {DurationText.Format(s.Length)}"))} ({Arrivals.ToString().ToLowerInvariant()} arrivals)";
}
