using Hypercare.Core.Units;

namespace Hypercare.LoadTesting.Executors;

/// <summary>
/// <c>ramping-vus</c>: the number of virtual users moves linearly from stage to stage. Users above the target
/// finish their current iteration and leave.
/// </summary>
public sealed record RampingVus(int StartVus, IReadOnlyList<RampStage> RampStages) : VirtualUserExecutor
{
    /// <inheritdoc />
    public override string Kind => "ramping-vus";

    /// <inheritdoc />
    public override TimeSpan Duration => RampStages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Length);

    /// <inheritdoc />
    public override int MaxVus => (int)Math.Max(StartVus, RampStages.Count == 0 ? 0 : RampStages.Max(s => s.Target));

    /// <inheritdoc />
    public override int TargetVusAt(TimeSpan elapsed)
    {
        double from = StartVus;
        var start = TimeSpan.Zero;
        foreach (var s in RampStages)
        {
            if (elapsed < start + s.Length)
                return (int)Math.Round(from + (s.Target - from) * ((elapsed - start) / s.Length), MidpointRounding.AwayFromZero);
            from = s.Target;
            start += s.Length;
        }
        return 0;
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
                list.Add(new StagePlan($"stage {i + 1}", start, start + s.Length, 0, (int)s.Target));
                start += s.Length;
            }
            return list;
        }
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"from {StartVus} through {string.Join(" → ", RampStages.Select(s => $"{s.Target} VUs in {DurationText.Format(s.Length)}"))}";
}
