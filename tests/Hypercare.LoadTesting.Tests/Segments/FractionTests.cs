using Hypercare.LoadTesting.Segments;

namespace Hypercare.LoadTesting.Tests.Segments;

public class FractionTests
{
    [Theory]
    [InlineData("0", 0, 1)]
    [InlineData("1", 1, 1)]
    [InlineData("1/3", 1, 3)]
    [InlineData("2/4", 1, 2)]
    [InlineData(" 3/9 ", 1, 3)]
    [InlineData("0.25", 1, 4)]
    [InlineData(".5", 1, 2)]
    [InlineData("0.1", 1, 10)]
    [InlineData("25%", 1, 4)]
    [InlineData("12.5%", 1, 8)]
    [InlineData("0/7", 0, 1)]
    public void Parse_reads_integers_fractions_decimals_and_percentages_in_lowest_terms(string text, long numerator, long denominator)
    {
        var value = Fraction.Parse(text);

        Assert.Equal(numerator, value.Numerator);
        Assert.Equal(denominator, value.Denominator);
    }

    [Theory]
    [InlineData("", "An empty text is not a fraction; expected a number such as 0, 1, 1/3, 0.25 or 25%.")]
    [InlineData("-1/3", "'-1/3' is negative; segment fractions are between 0 and 1.")]
    [InlineData("abc", "'abc' is not a number; expected 0, 1, a fraction such as 1/3, a decimal such as 0.25 or a percentage such as 25%.")]
    [InlineData("1/x", "'1/x' is not a fraction; expected whole numbers on both sides of '/', such as 1/3.")]
    [InlineData("1/", "'1/' is not a fraction; expected whole numbers on both sides of '/', such as 1/3.")]
    [InlineData("1.2.3", "'1.2.3' is not a number; expected 0, 1, a fraction such as 1/3, a decimal such as 0.25 or a percentage such as 25%.")]
    public void Parse_rejects_text_that_is_not_a_non_negative_number(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Fraction.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_rejects_a_zero_denominator_naming_the_text()
    {
        var error = Assert.Throws<ArgumentException>(() => Fraction.Parse("1/0"));

        Assert.Equal("'1/0' has a zero denominator.", error.Message);
    }

    [Fact]
    public void Default_is_zero_over_one_and_equal_to_zero()
    {
        Assert.Equal(1, default(Fraction).Denominator);
        Assert.Equal(Fraction.Zero, Fraction.Create(0, 5));
    }

    [Fact]
    public void Equal_values_are_equal_whatever_their_written_terms()
    {
        Assert.Equal(Fraction.Create(2, 6), Fraction.Parse("1/3"));
        Assert.Equal(Fraction.Parse("0.5"), Fraction.Parse("50%"));
        Assert.Equal(Fraction.Parse("0.5").GetHashCode(), Fraction.Create(1, 2).GetHashCode());
    }

    [Fact]
    public void Arithmetic_is_exact()
    {
        var third = Fraction.Create(1, 3);

        Assert.Equal(Fraction.One, third + third + third);
        Assert.Equal(Fraction.Create(1, 6), Fraction.Create(1, 2) - third);
        Assert.Equal(Fraction.Create(1, 9), third * third);
        Assert.True(third < Fraction.Create(1, 2));
        Assert.Equal("1/3", third.ToString());
        Assert.Equal("1", Fraction.One.ToString());
    }

    [Fact]
    public void Subtracting_a_larger_fraction_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Fraction.Create(1, 3) - Fraction.Create(1, 2));
    }
}
