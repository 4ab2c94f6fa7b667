using Hypercare.Core.Units;

namespace Hypercare.LoadTesting.Executors;

/// <summary><c>constant-vus</c>: a fixed number of virtual users loop over their scenario for a duration.</summary>
public sealed record ConstantVus(int Vus, TimeSpan Length) : VirtualUserExecutor
{
    /// <inheritdoc />
    public override string Kind => "constant-vus";

    /// <inheritdoc />
    public override TimeSpan Duration => Length;

    /// <inheritdoc />
    public override int MaxVus => Vus;

    /// <inheritdoc />
    public override int TargetVusAt(TimeSpan elapsed) => elapsed < Length ? Vus : 0;

    /// <inheritdoc />
    public override IReadOnlyList<StagePlan> Stages => [new StagePlan("constant", TimeSpan.Zero, Length, 0, Vus)];

    /// <inheritdoc />
    public override string Describe() => $"{Vus} virtual users for {DurationText.Format(Length)}";
}
