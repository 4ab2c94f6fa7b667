using Hypercare.Core.Units;

namespace Hypercare.Core.Tests.Units;

public class QuantitiesTests
{
    [Theory]
    [InlineData("2000", 2000)]
    [InlineData("2000/s", 2000)]
    [InlineData("2k/s", 2000)]
    [InlineData("120000/min", 2000)]
    [InlineData("7.2M/h", 2000)]
    [InlineData("1.5 /s", 1.5)]
    public void Rate_Parses(string text, double perSecond)
    {
        Assert.True(Rate.TryParse(text, out var rate));
        Assert.Equal(perSecond, rate.PerSecond, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("2000/week")]
    [InlineData("-5/s")]
    public void Rate_RejectsOtherText(string text) => Assert.False(Rate.TryParse(text, out _));

    [Theory]
    [InlineData("800Mbps", 800e6)]
    [InlineData("1.5 Gbps", 1.5e9)]
    [InlineData("100MB/s", 800e6)]
    [InlineData("64kbit/s", 64e3)]
    public void Bandwidth_Parses(string text, double bits)
    {
        Assert.True(Bandwidth.TryParse(text, out var b));
        Assert.Equal(bits, b.BitsPerSecond, 3);
    }

    [Fact]
    public void Bandwidth_FormatsInTheLargestUnit() => Assert.Equal("1.5 Gbps", new Bandwidth(1.5e9).ToString());

    [Theory]
    [InlineData("0.1%", 0.001)]
    [InlineData("5 %", 0.05)]
    public void Percentage_Parses(string text, double fraction)
    {
        Assert.True(Percentage.TryParse(text, out var p));
        Assert.Equal(fraction, p.Fraction, 9);
    }

    [Fact]
    public void Percentage_BareNumber_IsRefusedBecauseItIsAmbiguous() => Assert.False(Percentage.TryParse("0.1", out _));

    [Theory]
    [InlineData("300ms", 300)]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("250us", 0.25)]
    public void Duration_Parses(string text, double ms)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(ms, d.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10 minutes")]
    [InlineData("m10")]
    [InlineData("10m x")]
    public void Duration_RejectsOtherText(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(300, "300ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(600_000, "10m")]
    public void Duration_FormatsShortest(double ms, string text) => Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(ms)));
}
