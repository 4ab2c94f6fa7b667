using Hypercare.Capacity.Search;
using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.Capacity.Tests.Search;

public sealed class SloTests
{
    [Fact]
    public void ShortAndLongForms_ReadTheSame()
    {
        var conditions = Slo.Parse("p99<300ms, p(95) < 150ms; error_rate<0.1% and service.p99.9<1s", "--slo");
        Assert.Equal(4, conditions.Count);
        Assert.Equal((ThresholdMetric.CorrectedPercentile, 99d, 300d), (conditions[0].Metric, conditions[0].Percentile, conditions[0].Limit));
        Assert.Equal((ThresholdMetric.CorrectedPercentile, 95d, 150d), (conditions[1].Metric, conditions[1].Percentile, conditions[1].Limit));
        Assert.Equal((ThresholdMetric.ErrorRate, 0.001), (conditions[2].Metric, conditions[2].Limit));
        Assert.Equal((ThresholdMetric.ServicePercentile, 99.9d, 1000d), (conditions[3].Metric, conditions[3].Percentile, conditions[3].Limit));
    }

    [Theory]
    [InlineData("p99>300ms", "a ceiling")]
    [InlineData("rate<100/s", "the search itself raises the rate")]
    [InlineData("p99<fast", "is not a duration")]
    [InlineData("latency<300ms", "is not a threshold")]
    [InlineData("", "empty")]
    public void BadObjectives_NameTheOption_AndWhatIsWrong(string text, string message)
    {
        var e = Assert.Throws<BadInputException>(() => Slo.Parse(text, "--slo"));
        Assert.Equal("--slo", e.Problems[0].Location!.Path);
        Assert.Contains(message, e.Problems[0].Message, StringComparison.Ordinal);
    }
}
