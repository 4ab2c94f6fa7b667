namespace Hypercare.LoadTesting.Segments;

/// <summary>
/// What one agent owns of a plan cut by a segment sequence: its share of integer quantities
/// (VUs, iterations, data rows), of rates, and which global indices (iterations, arrivals, rows)
/// are its own. Each agent computes this alone from its segment and the shared sequence; the shares
/// of all segments of a sequence add up exactly to the whole and their indices partition 0, 1, 2, ….
/// </summary>
/// <remarks>
/// Indices are dealt in cycles of L = <see cref="ExecutionSegmentSequence.CycleLength"/>: within a
/// cycle, each segment of length n/L gets n positions, spread out rather than contiguous, so an
/// agent's first items are not all at the start of the plan. <see cref="Scale"/> counts owned
/// indices, which is what keeps the integer shares and the owned indices consistent.
/// </remarks>
public sealed class SegmentShare
{
    // Positions within one cycle that this segment owns, ascending.
    private readonly int[] _offsets;

    /// <summary>Creates the share of <paramref name="segment"/> in <paramref name="sequence"/>.</summary>
    /// <param name="segment">This agent's segment; its bounds must be points of the sequence.</param>
    /// <param name="sequence">The sequence shared by all agents; when null, the one implied by the segment alone.</param>
    /// <exception cref="ArgumentException">A bound of the segment is not a point of the sequence.</exception>
    public SegmentShare(ExecutionSegment segment, ExecutionSegmentSequence? sequence = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        sequence ??= ExecutionSegmentSequence.For(segment);
        var first = sequence.IndexOf(segment.From);
        var last = sequence.IndexOf(segment.To);
        if (first < 0 || last < 0)
        {
            throw new ArgumentException($"The segment {segment} does not start and end at points of the segment sequence {sequence}.");
        }

        Segment = segment;
        Sequence = sequence;
        CycleLength = sequence.CycleLength;
        _offsets = CycleDealing.OffsetsOf(sequence, first, last);
    }

    /// <summary>This agent's segment.</summary>
    public ExecutionSegment Segment { get; }

    /// <summary>The sequence shared by all agents.</summary>
    public ExecutionSegmentSequence Sequence { get; }

    /// <summary>The number of indices after which the dealing repeats.</summary>
    public long CycleLength { get; }

    /// <summary>How many indices of each cycle this segment owns.</summary>
    public long OwnedPerCycle => _offsets.Length;

    /// <summary>Whether this share is the whole plan.</summary>
    public bool IsWhole => Segment.IsWhole;

    /// <summary>
    /// The share of agent <paramref name="index"/> of <paramref name="count"/> equal agents, with the
    /// even sequence 0, 1/count, …, 1.
    /// </summary>
    public static SegmentShare ForAgent(int index, int count) =>
        new(ExecutionSegment.ForAgent(index, count), ExecutionSegmentSequence.Even(count));

    /// <summary>
    /// This agent's share of <paramref name="total"/> items: the number of owned indices in
    /// [0, total). Over all segments of the sequence the shares sum to <paramref name="total"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The total is negative.</exception>
    public long Scale(long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var cycles = Math.DivRem(total, CycleLength, out var remainder);
        return (cycles * _offsets.Length) + CountBelow(remainder);
    }

    /// <summary>
    /// This agent's share of a rate: the rate times the segment length. Rates are continuous, so
    /// they are split in proportion rather than by owned indices.
    /// </summary>
    public double ScaleRate(double ratePerSecond) =>
        ratePerSecond * Segment.Length.Numerator / Segment.Length.Denominator;

    /// <summary>Whether global index <paramref name="globalIndex"/> belongs to this agent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    public bool Owns(long globalIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(globalIndex);
        return Array.BinarySearch(_offsets, (int)(globalIndex % CycleLength)) >= 0;
    }

    /// <summary>The smallest global index at or after <paramref name="fromIndex"/> that this agent owns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    /// <exception cref="OverflowException">No owned index fits in a 64-bit integer.</exception>
    public long NextOwned(long fromIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromIndex);
        var cycles = Math.DivRem(fromIndex, CycleLength, out var remainder);
        var position = CountBelow(remainder);
        return position < _offsets.Length
            ? (cycles * CycleLength) + _offsets[position]
            : checked(((cycles + 1) * CycleLength) + _offsets[0]);
    }

    /// <summary>
    /// The global index of this agent's <paramref name="localIndex"/>-th owned item (0-based), so an
    /// agent that runs its k-th item at the time planned for that global index keeps the whole plan's schedule.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    /// <exception cref="OverflowException">The global index does not fit in a 64-bit integer.</exception>
    public long LocalToGlobal(long localIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(localIndex);
        var cycles = Math.DivRem(localIndex, _offsets.Length, out var position);
        return checked((cycles * CycleLength) + _offsets[position]);
    }

    /// <summary>
    /// The local position of owned global index <paramref name="globalIndex"/>, the inverse of
    /// <see cref="LocalToGlobal"/>; for an index not owned, the position of the next owned one.
    /// </summary>
    public long GlobalToLocal(long globalIndex) => Scale(globalIndex);

    /// <summary>The owned global indices from <paramref name="fromIndex"/> on, ascending and without end.</summary>
    public IEnumerable<long> OwnedIndices(long fromIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromIndex);
        return Enumerate(Scale(fromIndex));
    }

    /// <inheritdoc />
    public override string ToString() => $"segment {Segment} of {Sequence}";

    private IEnumerable<long> Enumerate(long localIndex)
    {
        var cycles = Math.DivRem(localIndex, _offsets.Length, out var position);
        var cycleStart = cycles * CycleLength;
        while (true)
        {
            yield return cycleStart + _offsets[position];
            if (++position == _offsets.Length)
            {
                position = 0;
                cycleStart = checked(cycleStart + CycleLength);
            }
        }
    }

    private int CountBelow(long positionInCycle)
    {
        var found = Array.BinarySearch(_offsets, (int)positionInCycle);
        return found >= 0 ? found : ~found;
    }
}
