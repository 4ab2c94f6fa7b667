using System.Globalization;
using System.Text;
using Hypercare.Core.Problems;

namespace Hypercare.Capacity.Sampling;

/// <summary>One sample of a Prometheus metric: its name, labels and value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long? TimestampMs)
{
    /// <summary>The value of a label, or null.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// Reads the Prometheus text exposition format (0.0.4): <c># HELP</c> and <c># TYPE</c> lines, samples
/// <c>name{label="value",...} value [timestamp]</c> with escaped label values, and NaN / +Inf / -Inf.
/// A malformed line is reported with its line and column.
/// </summary>
public static class PrometheusText
{
    /// <summary>Parses a scrape; <paramref name="source"/> names it in errors (e.g. the URL).</summary>
    public static IReadOnlyList<MetricSample> Parse(string text, string source)
    {
        var samples = new List<MetricSample>();
        var problems = new List<Problem>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var (sample, column, error) = ParseLine(line);
            if (sample is not null) samples.Add(sample);
            else problems.Add(new Problem("invalid-metrics", error!, new SourceLocation(source, i + 1, column, null), "the endpoint must serve the Prometheus text format 0.0.4"));
        }
        if (problems.Count > 0) throw new BadInputException(problems);
        return samples;
    }

    private static (MetricSample? Sample, int Column, string? Error) ParseLine(string line)
    {
        var i = 0;
        while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] is '_' or ':')) i++;
        if (i == 0 || char.IsDigit(line[0])) return (null, 1, $"'{Short(line)}' does not start with a metric name");
        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] == '}') { i++; break; }
                var start = i;
                while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '_')) i++;
                if (i == start) return (null, i + 1, "a label name is expected");
                var label = line[start..i];
                if (i + 1 >= line.Length || line[i] != '=' || line[i + 1] != '"') return (null, i + 1, $"label '{label}' needs =\"value\"");
                i += 2;
                var quoteColumn = i;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) return (null, quoteColumn, $"the value of label '{label}' is not closed");
                    var c = line[i++];
                    if (c == '"') break;
                    if (c == '\\' && i < line.Length)
                    {
                        var e = line[i++];
                        value.Append(e switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => e });
                        continue;
                    }
                    value.Append(c);
                }
                labels[label] = value.ToString();
                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] == ',') { i++; continue; }
                if (i < line.Length && line[i] == '}') { i++; break; }
                return (null, i + 1, "',' or '}' is expected after a label");
            }
        }
        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2) return (null, i + 1, "a value (and an optional timestamp) is expected after the name and labels");
        if (!TryValue(rest[0], out var v)) return (null, i + 2, $"'{rest[0]}' is not a number");
        long? timestamp = null;
        if (rest.Length == 2)
        {
            if (!long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts)) return (null, line.LastIndexOf(rest[1], StringComparison.Ordinal) + 1, $"'{rest[1]}' is not a timestamp in milliseconds");
            timestamp = ts;
        }
        return (new MetricSample(name, labels, v, timestamp), 0, null);
    }

    private static bool TryValue(string text, out double value)
    {
        switch (text)
        {
            case "NaN": value = double.NaN; return true;
            case "+Inf" or "Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static string Short(string line) => line.Length > 40 ? line[..40] + "…" : line;
}
