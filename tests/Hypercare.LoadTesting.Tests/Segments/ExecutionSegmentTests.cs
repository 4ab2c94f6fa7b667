using Hypercare.LoadTesting.Segments;

namespace Hypercare.LoadTesting.Tests.Segments;

public class ExecutionSegmentTests
{
    [Theory]
    [InlineData("1/3:2/3", "1/3", "2/3")]
    [InlineData("0:1", "0", "1")]
    [InlineData("0.25:0.5", "1/4", "1/2")]
    [InlineData("1/3", "0", "1/3")]
    [InlineData(" 0 : 50% ", "0", "1/2")]
    [InlineData("", "0", "1")]
    public void Parse_reads_from_and_to(string text, string from, string to)
    {
        var segment = ExecutionSegment.Parse(text);

        Assert.Equal(Fraction.Parse(from), segment.From);
        Assert.Equal(Fraction.Parse(to), segment.To);
    }

    [Theory]
    [InlineData("2/3:1/3", "The segment '2/3:1/3' must end after it starts.")]
    [InlineData("1/3:1/3", "The segment '1/3:1/3' must end after it starts.")]
    [InlineData("0:3/2", "The segment '0:3/2' has the bound '3/2', which is greater than 1.")]
    [InlineData("0:1/0", "The segment '0:1/0' has a bad bound: '1/0' has a zero denominator.")]
    public void Parse_rejects_empty_reversed_or_out_of_range_segments(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ExecutionSegment.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("a:1", "The segment 'a:1' has a bad bound: 'a' is not a number; expected 0, 1, a fraction such as 1/3, a decimal such as 0.25 or a percentage such as 25%.")]
    [InlineData("-1/3:1", "The segment '-1/3:1' has a bad bound: '-1/3' is negative; segment fractions are between 0 and 1.")]
    [InlineData("0:1/2:1", "'0:1/2:1' is not a segment; expected from:to such as 1/3:2/3.")]
    public void Parse_rejects_text_that_is_not_a_segment(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ExecutionSegment.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ForAgent_gives_the_even_slice_of_the_agent()
    {
        var segment = ExecutionSegment.ForAgent(1, 4);

        Assert.Equal("1/4:1/2", segment.ToString());
        Assert.Equal(Fraction.Create(1, 4), segment.Length);
        Assert.True(ExecutionSegment.ForAgent(0, 1).IsWhole);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(3, 3)]
    [InlineData(0, 0)]
    public void ForAgent_rejects_an_index_outside_the_agents(int index, int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExecutionSegment.ForAgent(index, count));
    }

    [Fact]
    public void Segments_with_equal_bounds_are_equal()
    {
        Assert.Equal(ExecutionSegment.Parse("1/2:1"), ExecutionSegment.Parse("0.5:1"));
    }
}
