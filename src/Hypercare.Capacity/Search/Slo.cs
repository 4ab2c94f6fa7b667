using System.Text.RegularExpressions;
using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.Capacity.Search;

/// <summary>
/// A service-level objective for a capacity search: conditions each load step must meet, written like
/// thresholds (<c>p(99) &lt; 300ms</c>, <c>error_rate &lt; 0.1%</c>) or in the short form <c>p99&lt;300ms</c>.
/// </summary>
public static partial class Slo
{
    [GeneratedRegex(@"(?<![\w.(])(?<svc>service\.)?p(?<p>\d+(\.\d+)?)(?=\s*[<>])")]
    private static partial Regex ShortPercentile();

    /// <summary>
    /// Parses one or more conditions separated by commas, semicolons or " and ". <paramref name="field"/> names the
    /// option or file place in errors.
    /// </summary>
    public static IReadOnlyList<Threshold> Parse(string text, string field)
    {
        var conditions = new List<Threshold>();
        var parts = Regex.Split(text, @"\s*(?:,|;|\band\b)\s*").Where(p => p.Length > 0).ToList();
        if (parts.Count == 0)
            throw new BadInputException("invalid-slo", "the objective is empty", "e.g. --slo \"p99<300ms, error_rate<0.1%\"", SourceLocation.ForField(field));
        foreach (var part in parts)
        {
            var normalized = ShortPercentile().Replace(part, m => $"{m.Groups["svc"].Value}p({m.Groups["p"].Value})");
            if (!Threshold.TryParse(normalized, out var threshold, out var error))
                throw new BadInputException("invalid-slo", error!.Replace(normalized, part, StringComparison.Ordinal), "e.g. p99<300ms, p(95) < 150ms or error_rate<0.1%", SourceLocation.ForField(field));
            if (threshold!.Comparison is not (Comparison.Less or Comparison.LessOrEqual))
                throw new BadInputException("invalid-slo", $"'{part}': an objective is a ceiling that load may not cross; use < or <=", "e.g. p99<300ms", SourceLocation.ForField(field));
            if (threshold.Metric is ThresholdMetric.Rate or ThresholdMetric.Requests)
                throw new BadInputException("invalid-slo", $"'{part}': the search itself raises the rate; an objective limits latency or failures", "e.g. p99<300ms or error_rate<0.1%", SourceLocation.ForField(field));
            conditions.Add(threshold);
        }
        return conditions;
    }

    /// <summary>The conditions as one line, e.g. "p(99) &lt; 300ms, error_rate &lt; 0.1%".</summary>
    public static string Describe(IEnumerable<Threshold> conditions) => string.Join(", ", conditions.Select(c => c.Expression));
}
