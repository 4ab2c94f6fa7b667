using Hypercare.LoadTesting.Segments;

namespace Hypercare.LoadTesting.Tests.Segments;

public class SegmentShareTests
{
    public static TheoryData<string> Sequences => new()
    {
        "0,1",
        "0,1/3,2/3,1",
        "0,1/4,1/2,3/4,1",
        "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1",
        "0,0.1,0.6,1",
        "0,1/2,2/3,1",
        "0,1/7,1/3,0.35,1",
        "0,0.7,1",
        "0,1/1000,1",
    };

    private static SegmentShare[] SharesOf(string sequenceText)
    {
        var sequence = ExecutionSegmentSequence.Parse(sequenceText);
        return [.. sequence.Segments.Select(segment => new SegmentShare(segment, sequence))];
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Shares_of_a_quantity_sum_exactly_to_the_whole_for_every_total(string sequence)
    {
        var shares = SharesOf(sequence);
        var totals = Enumerable.Range(0, 5000).Select(n => (long)n)
            .Concat([1_000_003, 123_456_789_012, long.MaxValue / 2, long.MaxValue]);

        foreach (var total in totals)
        {
            Assert.Equal(total, shares.Sum(share => share.Scale(total)));
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Each_share_is_within_one_of_the_exact_proportion(string sequence)
    {
        foreach (var share in SharesOf(sequence))
        {
            var length = share.Segment.Length;
            for (long total = 0; total < 3000; total++)
            {
                var exact = (double)total * length.Numerator / length.Denominator;
                Assert.True(Math.Abs(share.Scale(total) - exact) < 1.0 + 1e-9, $"{share}: Scale({total}) = {share.Scale(total)}, exact {exact}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Exactly_one_segment_owns_each_index(string sequence)
    {
        var shares = SharesOf(sequence);

        for (long index = 0; index < 5000; index++)
        {
            Assert.Equal(1, shares.Count(share => share.Owns(index)));
        }

        var far = 987_654_321_987L;
        Assert.Equal(1, shares.Count(share => share.Owns(far)));
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Scale_counts_the_owned_indices_below_the_total(string sequence)
    {
        foreach (var share in SharesOf(sequence))
        {
            long owned = 0;
            for (long total = 0; total < 3000; total++)
            {
                Assert.Equal(owned, share.Scale(total));
                if (share.Owns(total))
                {
                    owned++;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void LocalToGlobal_NextOwned_and_the_enumeration_agree_with_Owns(string sequence)
    {
        foreach (var share in SharesOf(sequence))
        {
            var owned = Enumerable.Range(0, 3000).Select(i => (long)i).Where(share.Owns).ToArray();

            for (var local = 0; local < owned.Length; local++)
            {
                Assert.Equal(owned[local], share.LocalToGlobal(local));
                Assert.Equal(local, share.GlobalToLocal(owned[local]));
            }

            Assert.Equal(owned, share.OwnedIndices().Take(owned.Length));
            for (long from = 0; from < 2000; from++)
            {
                var next = share.NextOwned(from);
                Assert.True(share.Owns(next));
                Assert.Equal(owned.First(index => index >= from), next);
                var ahead = owned.Where(index => index >= from).Take(5).ToArray();
                Assert.Equal(ahead, share.OwnedIndices(from).Take(ahead.Length));
            }
        }
    }

    [Fact]
    public void NextOwned_jumps_far_ahead_without_walking_the_gap()
    {
        var share = new SegmentShare(ExecutionSegment.Parse("0:1/1000"), ExecutionSegmentSequence.Parse("0,1/1000,1"));
        var from = 4_000_000_000_001L;

        var next = share.NextOwned(from);

        Assert.True(share.Owns(next));
        Assert.InRange(next, from, from + 1000);
        Assert.DoesNotContain(Enumerable.Range(0, (int)(next - from)), offset => share.Owns(from + offset));
        Assert.Equal(next, share.LocalToGlobal(share.Scale(from)));
    }

    [Fact]
    public void Three_equal_segments_each_own_one_of_every_three_consecutive_indices()
    {
        var shares = SharesOf("0,1/3,2/3,1");

        for (long start = 0; start < 3000; start += 3)
        {
            foreach (var share in shares)
            {
                Assert.Equal(1, Enumerable.Range(0, 3).Count(offset => share.Owns(start + offset)));
            }
        }

        Assert.Equal([0L, 3, 6], shares[0].OwnedIndices().Take(3));
        Assert.Equal([1L, 4, 7], shares[1].OwnedIndices().Take(3));
        Assert.Equal([2L, 5, 8], shares[2].OwnedIndices().Take(3));
    }

    [Fact]
    public void Stripes_are_spread_through_the_cycle_rather_than_contiguous()
    {
        var share = SharesOf("0,0.7,1")[1];

        var owned = share.OwnedIndices().Take(3).ToArray();

        Assert.Equal(10, share.CycleLength);
        Assert.Equal(3, share.OwnedPerCycle);
        Assert.All(owned.Zip(owned.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 3, 4));
    }

    [Fact]
    public void The_largest_segment_is_dealt_first()
    {
        var shares = SharesOf("0,1/4,3/4,1");

        Assert.True(shares[1].Owns(0));
    }

    [Fact]
    public void Three_agents_with_thirds_together_start_exactly_as_many_iterations_as_one_agent_with_the_whole_plan()
    {
        var agents = new[] { "0:1/3", "1/3:2/3", "2/3:1" }
            .Select(segment => new SegmentShare(ExecutionSegment.Parse(segment), ExecutionSegmentSequence.Parse("0,1/3,2/3,1")))
            .ToArray();
        var single = new SegmentShare(ExecutionSegment.Whole);

        foreach (var iterations in new long[] { 0, 1, 2, 10, 100, 1001, 999_999 })
        {
            Assert.Equal(single.Scale(iterations), agents.Sum(agent => agent.Scale(iterations)));
            Assert.Equal(iterations, single.Scale(iterations));
        }
    }

    [Fact]
    public void An_agent_with_only_its_segment_agrees_with_agents_given_the_sequence()
    {
        var alone = new SegmentShare(ExecutionSegment.Parse("1/3:2/3"));
        var withSequence = new SegmentShare(ExecutionSegment.Parse("1/3:2/3"), ExecutionSegmentSequence.Parse("0,1/3,2/3,1"));

        Assert.Equal(withSequence.OwnedIndices().Take(50), alone.OwnedIndices().Take(50));
    }

    [Fact]
    public void A_segment_spanning_several_sequence_segments_owns_their_indices_together()
    {
        var sequence = ExecutionSegmentSequence.Parse("0,1/4,1/2,3/4,1");
        var half = new SegmentShare(ExecutionSegment.Parse("0:1/2"), sequence);
        var quarters = new[] { new SegmentShare(sequence.Segments[0], sequence), new SegmentShare(sequence.Segments[1], sequence) };

        for (long index = 0; index < 400; index++)
        {
            Assert.Equal(quarters.Any(quarter => quarter.Owns(index)), half.Owns(index));
        }
    }

    [Fact]
    public void A_segment_whose_bounds_are_not_points_of_the_sequence_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new SegmentShare(ExecutionSegment.Parse("0:1/3"), ExecutionSegmentSequence.Parse("0,1/4,1")));

        Assert.Equal("The segment 0:1/3 does not start and end at points of the segment sequence 0,1/4,1.", error.Message);
    }

    [Fact]
    public void Rates_are_split_in_proportion_and_sum_to_the_whole()
    {
        var shares = SharesOf("0,0.1,0.6,1");

        Assert.Equal(10.0, shares[0].ScaleRate(100), 9);
        Assert.Equal(50.0, shares[1].ScaleRate(100), 9);
        Assert.Equal(100.0, shares.Sum(share => share.ScaleRate(100)), 9);
        Assert.Equal(1.0, SharesOf("0,1/3,2/3,1").Sum(share => share.ScaleRate(1)), 12);
    }

    [Fact]
    public void ForAgent_uses_the_even_sequence()
    {
        var share = SegmentShare.ForAgent(2, 5);

        Assert.Equal("0,1/5,2/5,3/5,4/5,1", share.Sequence.ToString());
        Assert.Equal("2/5:3/5", share.Segment.ToString());
        Assert.Equal(2, share.NextOwned(0));
    }

    [Fact]
    public void Negative_totals_and_indices_are_refused()
    {
        var share = SegmentShare.ForAgent(0, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => share.Scale(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => share.Owns(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => share.NextOwned(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => share.LocalToGlobal(-1));
    }
}
