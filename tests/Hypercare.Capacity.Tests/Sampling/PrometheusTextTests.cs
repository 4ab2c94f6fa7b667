using Hypercare.Capacity.Sampling;
using Hypercare.Core.Problems;

namespace Hypercare.Capacity.Tests.Sampling;

public class PrometheusTextTests
{
    [Fact]
    public void Parse_ReadsNamesLabelsEscapesSpecialValuesAndTimestamps()
    {
        var samples = PrometheusText.Parse("""
            # HELP http_requests_total Requests.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",path="/a \"b\"\\c\nd"} 1027 1395066363000
            process_start_time_seconds 1.7e9
            rpc_duration_seconds{quantile="0.99"} NaN
            bucket_le{le="+Inf"} +Inf
            temperature -Inf
            """, "metrics");

        Assert.Equal(5, samples.Count);
        Assert.Equal("/a \"b\"\\c\nd", samples[0].Label("path"));
        Assert.Equal(1395066363000, samples[0].TimestampMs);
        Assert.Equal(1.7e9, samples[1].Value);
        Assert.True(double.IsNaN(samples[2].Value));
        Assert.Equal(double.PositiveInfinity, samples[3].Value);
        Assert.Equal(double.NegativeInfinity, samples[4].Value);
    }

    [Theory]
    [InlineData("9lives 1", 1, "'9lives 1' does not start with a metric name")]
    [InlineData("up{job=\"x} 1", 8, "the value of label 'job' is not closed")]
    [InlineData("up{job} 1", 7, "label 'job' needs =\"value\"")]
    [InlineData("up one", 4, "'one' is not a number")]
    [InlineData("up 1 later", 6, "'later' is not a timestamp in milliseconds")]
    public void Parse_ReportsMalformedLinesWithTheirPlace(string line, int column, string message)
    {
        var e = Assert.Throws<BadInputException>(() => PrometheusText.Parse("# TYPE up gauge\n" + line + "\n", "http://127.0.0.1:9100/metrics"));
        var p = Assert.Single(e.Problems);
        Assert.Equal(message, p.Message);
        Assert.Equal((2, column), (p.Location!.Line, p.Location.Column));
        Assert.Equal("http://127.0.0.1:9100/metrics", p.Location.File);
    }

    [Fact]
    public async Task TheScraper_RefusesNonLoopbackEndpoints()
    {
        using var client = new HttpClient();
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => new MetricsScraper(client).ScrapeAsync(new Uri("http://192.0.2.5:9100/metrics"), CancellationToken.None));
        Assert.Equal(FailureKind.Refused, e.Kind);
    }
}
