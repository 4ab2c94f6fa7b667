using Hypercare.LoadTesting.Segments;

namespace Hypercare.LoadTesting.Tests.Segments;

public class ExecutionSegmentSequenceTests
{
    [Theory]
    [InlineData("0,1/3,2/3,1", "0,1/3,2/3,1", 3)]
    [InlineData("0, 0.25, 50%, 3/4, 1", "0,1/4,1/2,3/4,1", 4)]
    [InlineData("0,0.1,0.6,1", "0,1/10,3/5,1", 10)]
    [InlineData("0,1", "0,1", 1)]
    [InlineData("", "0,1", 1)]
    [InlineData("0,1/2,2/3,1", "0,1/2,2/3,1", 6)]
    public void Parse_reads_the_points_and_the_cycle_length(string text, string points, long cycle)
    {
        var sequence = ExecutionSegmentSequence.Parse(text);

        Assert.Equal(points, sequence.ToString());
        Assert.Equal(cycle, sequence.CycleLength);
    }

    [Theory]
    [InlineData("1/3,2/3,1", "Element 1 ('1/3') of the segment sequence '1/3,2/3,1' must be 0: the sequence starts at 0.")]
    [InlineData("0,1/3,2/3", "Element 3 ('2/3') of the segment sequence '0,1/3,2/3' must be 1: the sequence ends at 1.")]
    [InlineData("0,2/3,1/3,1", "Element 3 ('1/3') of the segment sequence '0,2/3,1/3,1' must be greater than element 2 ('2/3'): the points increase strictly.")]
    [InlineData("0,1/2,0.5,1", "Element 3 ('0.5') of the segment sequence '0,1/2,0.5,1' must be greater than element 2 ('1/2'): the points increase strictly.")]
    [InlineData("0,3/2,1", "Element 2 ('3/2') of the segment sequence '0,3/2,1' is greater than 1.")]
    [InlineData("0,1/0,1", "Element 2 ('1/0') of the segment sequence '0,1/0,1' is not a number: '1/0' has a zero denominator.")]
    public void Parse_rejects_sequences_that_do_not_cut_zero_to_one_in_order(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ExecutionSegmentSequence.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("0,x,1", "Element 2 ('x') of the segment sequence '0,x,1' is not a number: 'x' is not a number; expected 0, 1, a fraction such as 1/3, a decimal such as 0.25 or a percentage such as 25%.")]
    [InlineData("0,-1/2,1", "Element 2 ('-1/2') of the segment sequence '0,-1/2,1' is not a number: '-1/2' is negative; segment fractions are between 0 and 1.")]
    [InlineData("0", "The segment sequence '0' needs at least two points, 0 and 1, separated by commas.")]
    [InlineData("0,,1", "Element 2 ('') of the segment sequence '0,,1' is not a number: An empty text is not a fraction; expected a number such as 0, 1, 1/3, 0.25 or 25%.")]
    public void Parse_rejects_elements_that_are_not_numbers(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ExecutionSegmentSequence.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_rejects_a_sequence_whose_cycle_is_too_long()
    {
        var error = Assert.Throws<ArgumentException>(() => ExecutionSegmentSequence.Parse("0,1/9999991,1/9999973,1"));

        Assert.StartsWith("The segment sequence '0,1/9999991,1/9999973,1' repeats only every ", error.Message);
    }

    [Theory]
    [InlineData("1/3:2/3", "0,1/3,2/3,1")]
    [InlineData("0:1/3", "0,1/3,1")]
    [InlineData("1/2:1", "0,1/2,1")]
    [InlineData("0:1", "0,1")]
    public void The_default_sequence_of_a_segment_is_zero_its_bounds_and_one(string segment, string sequence)
    {
        Assert.Equal(sequence, ExecutionSegmentSequence.For(ExecutionSegment.Parse(segment)).ToString());
    }

    [Fact]
    public void Even_cuts_the_plan_into_equal_segments()
    {
        var sequence = ExecutionSegmentSequence.Even(4);

        Assert.Equal("0,1/4,1/2,3/4,1", sequence.ToString());
        Assert.Equal(4, sequence.Segments.Count);
        Assert.Equal(ExecutionSegment.ForAgent(2, 4), sequence.Segments[2]);
    }
}
