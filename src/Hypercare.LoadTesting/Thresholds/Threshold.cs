using System.Globalization;
using System.Text.RegularExpressions;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;

namespace Hypercare.LoadTesting.Thresholds;

/// <summary>What a threshold measures.</summary>
public enum ThresholdMetric
{
    /// <summary><c>p(N)</c>: a percentile of corrected latency (from the intended start), in milliseconds.</summary>
    CorrectedPercentile,
    /// <summary><c>service.p(N)</c>: a percentile of service time (from the actual send), in milliseconds.</summary>
    ServicePercentile,
    /// <summary><c>avg</c>: mean corrected latency, in milliseconds.</summary>
    Mean,
    /// <summary><c>max</c>: the longest corrected latency, in milliseconds.</summary>
    Max,
    /// <summary><c>error_rate</c>: failed requests (transport errors, 4xx, 5xx) over all requests, a fraction.</summary>
    ErrorRate,
    /// <summary><c>check_failure_rate</c>: failed checks over all checks, a fraction.</summary>
    CheckFailureRate,
    /// <summary><c>dropped_rate</c>: dropped starts over intended starts, a fraction.</summary>
    DroppedRate,
    /// <summary><c>rate</c>: achieved requests per second.</summary>
    Rate,
    /// <summary><c>requests</c>: the number of requests.</summary>
    Requests,
}

/// <summary>How a measured value is compared with the limit.</summary>
public enum Comparison
{
    /// <summary>Below.</summary>
    Less,
    /// <summary>At most.</summary>
    LessOrEqual,
    /// <summary>Above.</summary>
    Greater,
    /// <summary>At least.</summary>
    GreaterOrEqual,
}

/// <summary>
/// A condition on a run, such as <c>p(99) &lt; 300ms</c>, <c>error_rate &lt; 0.1%</c> or <c>rate &gt;= 1900/s</c>,
/// optionally limited to one scenario or step, optionally aborting the run as soon as it fails.
/// </summary>
public sealed partial record Threshold(string Expression, ThresholdMetric Metric, double Percentile, Comparison Comparison, double Limit,
    string? Scenario, string? Step, bool AbortOnFail, TimeSpan AbortGrace, SourceLocation? Location)
{
    [GeneratedRegex(@"^\s*(?<metric>service\.p\(\s*(?<sp>[0-9.]+)\s*\)|p\(\s*(?<p>[0-9.]+)\s*\)|avg|max|error_rate|check_failure_rate|dropped_rate|rate|requests)\s*(?<op><=|>=|<|>)\s*(?<value>\S+)\s*$")]
    private static partial Regex Shape();

    /// <summary>Parses an expression; the error says what is wrong and shows the accepted forms.</summary>
    public static bool TryParse(string expression, out Threshold? threshold, out string? error)
    {
        threshold = null;
        var m = Shape().Match(expression);
        if (!m.Success)
        {
            error = $"'{expression}' is not a threshold; write '<metric> <op> <value>' with a metric among p(99), service.p(99), avg, max, error_rate, check_failure_rate, dropped_rate, rate, requests, e.g. 'p(99) < 300ms', 'error_rate < 0.1%', 'rate >= 1900/s'";
            return false;
        }
        var metricText = m.Groups["metric"].Value;
        var (metric, percentile) = metricText switch
        {
            "avg" => (ThresholdMetric.Mean, 0d),
            "max" => (ThresholdMetric.Max, 0d),
            "error_rate" => (ThresholdMetric.ErrorRate, 0d),
            "check_failure_rate" => (ThresholdMetric.CheckFailureRate, 0d),
            "dropped_rate" => (ThresholdMetric.DroppedRate, 0d),
            "rate" => (ThresholdMetric.Rate, 0d),
            "requests" => (ThresholdMetric.Requests, 0d),
            _ when m.Groups["sp"].Success => (ThresholdMetric.ServicePercentile, Parse(m.Groups["sp"].Value)),
            _ => (ThresholdMetric.CorrectedPercentile, Parse(m.Groups["p"].Value)),
        };
        if (metric is ThresholdMetric.CorrectedPercentile or ThresholdMetric.ServicePercentile && (double.IsNaN(percentile) || percentile <= 0 || percentile > 100))
        {
            error = $"'{metricText}': the percentile must be above 0 and at most 100";
            return false;
        }
        var op = m.Groups["op"].Value switch { "<" => Comparison.Less, "<=" => Comparison.LessOrEqual, ">" => Comparison.Greater, _ => Comparison.GreaterOrEqual };
        var valueText = m.Groups["value"].Value;
        double? limit = metric switch
        {
            ThresholdMetric.CorrectedPercentile or ThresholdMetric.ServicePercentile or ThresholdMetric.Mean or ThresholdMetric.Max =>
                DurationText.TryParse(valueText, out var d) ? d.TotalMilliseconds : null,
            ThresholdMetric.ErrorRate or ThresholdMetric.CheckFailureRate or ThresholdMetric.DroppedRate =>
                Percentage.TryParse(valueText, out var pc) ? pc.Fraction : TryNumber(valueText) is { } f and >= 0 and <= 1 ? f : null,
            ThresholdMetric.Rate => Rate.TryParse(valueText, out var r) ? r.PerSecond : TryNumber(valueText),
            _ => TryNumber(valueText),
        };
        if (limit is null)
        {
            error = metric switch
            {
                ThresholdMetric.CorrectedPercentile or ThresholdMetric.ServicePercentile or ThresholdMetric.Mean or ThresholdMetric.Max => $"'{valueText}' is not a duration; write e.g. 300ms or 1.5s",
                ThresholdMetric.ErrorRate or ThresholdMetric.CheckFailureRate or ThresholdMetric.DroppedRate => $"'{valueText}' is not a rate of failures; write a percentage such as 0.1% or a fraction such as 0.001",
                ThresholdMetric.Rate => $"'{valueText}' is not a rate; write e.g. 1900/s",
                _ => $"'{valueText}' is not a number",
            };
            return false;
        }
        threshold = new Threshold(expression.Trim(), metric, percentile, op, limit.Value, null, null, false, TimeSpan.Zero, null);
        error = null;
        return true;
    }

    /// <summary>Judges a measured value.</summary>
    public bool Holds(double measured) => Comparison switch
    {
        Comparison.Less => measured < Limit,
        Comparison.LessOrEqual => measured <= Limit,
        Comparison.Greater => measured > Limit,
        _ => measured >= Limit,
    };

    /// <summary>The scope as written in reports: the whole run, a scenario, or a step.</summary>
    public string ScopeText => Step is not null ? $"{Scenario}/{Step}" : Scenario ?? "run";

    /// <summary>Measures this threshold's metric.</summary>
    public double Measure(IMeasurement m) => Metric switch
    {
        ThresholdMetric.CorrectedPercentile => m.CorrectedPercentileMs(Percentile),
        ThresholdMetric.ServicePercentile => m.ServicePercentileMs(Percentile),
        ThresholdMetric.Mean => m.MeanMs,
        ThresholdMetric.Max => m.MaxMs,
        ThresholdMetric.ErrorRate => m.Requests == 0 ? 0 : (double)m.Failed / m.Requests,
        ThresholdMetric.CheckFailureRate => m.Checks == 0 ? 0 : (double)m.CheckFailures / m.Checks,
        ThresholdMetric.DroppedRate => m.Intended == 0 ? 0 : (double)m.Dropped / m.Intended,
        ThresholdMetric.Rate => m.Seconds <= 0 ? 0 : m.Requests / m.Seconds,
        _ => m.Requests,
    };

    /// <summary>Formats a measured value in the threshold's unit.</summary>
    public string Format(double value) => Metric switch
    {
        ThresholdMetric.CorrectedPercentile or ThresholdMetric.ServicePercentile or ThresholdMetric.Mean or ThresholdMetric.Max => $"{value.ToString("0.###", CultureInfo.InvariantCulture)}ms",
        ThresholdMetric.ErrorRate or ThresholdMetric.CheckFailureRate or ThresholdMetric.DroppedRate => $"{(value * 100).ToString("0.####", CultureInfo.InvariantCulture)}%",
        ThresholdMetric.Rate => $"{value.ToString("0.#", CultureInfo.InvariantCulture)}/s",
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };

    private static double Parse(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    private static double? TryNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}

/// <summary>The numbers a threshold can be judged on: a whole run, a scenario, a step, or one stage.</summary>
public interface IMeasurement
{
    /// <summary>A percentile of corrected latency in ms.</summary>
    double CorrectedPercentileMs(double percentile);
    /// <summary>A percentile of service time in ms.</summary>
    double ServicePercentileMs(double percentile);
    /// <summary>Mean corrected latency in ms.</summary>
    double MeanMs { get; }
    /// <summary>Maximum corrected latency in ms.</summary>
    double MaxMs { get; }
    /// <summary>Requests sent.</summary>
    long Requests { get; }
    /// <summary>Requests that failed.</summary>
    long Failed { get; }
    /// <summary>Checks evaluated.</summary>
    long Checks { get; }
    /// <summary>Checks that failed.</summary>
    long CheckFailures { get; }
    /// <summary>Starts that were scheduled.</summary>
    long Intended { get; }
    /// <summary>Starts that were dropped.</summary>
    long Dropped { get; }
    /// <summary>Measured seconds.</summary>
    double Seconds { get; }
}
