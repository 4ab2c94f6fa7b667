namespace Hypercare.LoadTesting.Segments;

/// <summary>
/// Deals the positions 0..L-1 of one cycle to the segments of a sequence. A segment of length n/L
/// gets n positions. Each next position goes to the segment furthest behind its exact share so far
/// (largest (p+1)·n/L − dealt), ties going to the larger segment and then to the earlier one. This
/// keeps every segment within one item of its exact share at every point of the cycle, so an agent's
/// items are spread out rather than bunched, and it depends only on the sequence, so every agent
/// deals the same cycle.
/// </summary>
internal static class CycleDealing
{
    /// <summary>The positions owned by the segments first..last-1 of the sequence together, ascending.</summary>
    public static int[] OffsetsOf(ExecutionSegmentSequence sequence, int first, int last)
    {
        var owner = Deal(sequence);
        var offsets = new List<int>();
        for (var position = 0; position < owner.Length; position++)
        {
            if (owner[position] >= first && owner[position] < last)
            {
                offsets.Add(position);
            }
        }

        return [.. offsets];
    }

    /// <summary>For each position of the cycle, the index of the segment that owns it.</summary>
    public static int[] Deal(ExecutionSegmentSequence sequence)
    {
        var cycle = checked((int)sequence.CycleLength);
        var sizes = sequence.Segments
            .Select(segment => segment.Length.Numerator * (cycle / segment.Length.Denominator))
            .ToArray();
        var dealt = new long[sizes.Length];
        var owner = new int[cycle];
        for (var position = 0; position < cycle; position++)
        {
            var chosen = -1;
            long chosenDeficit = 0;
            for (var segment = 0; segment < sizes.Length; segment++)
            {
                if (dealt[segment] == sizes[segment])
                {
                    continue;
                }

                // The deficit scaled by L, so that it stays an exact integer.
                var deficit = ((position + 1L) * sizes[segment]) - (cycle * dealt[segment]);
                if (chosen < 0 || deficit > chosenDeficit || (deficit == chosenDeficit && sizes[segment] > sizes[chosen]))
                {
                    chosen = segment;
                    chosenDeficit = deficit;
                }
            }

            owner[position] = chosen;
            dealt[chosen]++;
        }

        return owner;
    }
}
