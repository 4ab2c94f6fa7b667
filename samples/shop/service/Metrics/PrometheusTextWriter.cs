using System.Globalization;
using System.Text;

namespace Hypercare.Samples.Shop.Metrics;

/// <summary>Writes the Prometheus text exposition format, version 0.0.4.</summary>
internal sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a metric family; its samples must follow before the next family starts.</summary>
    public void Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        AppendLabels(labels, extra: null);
        _text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    public void Histogram(string name, Histogram histogram, params (string Name, string Value)[] labels)
    {
        var (cumulative, count, sum) = histogram.Snapshot();
        for (var i = 0; i < cumulative.Length; i++)
        {
            _text.Append(name).Append("_bucket");
            AppendLabels(labels, ("le", FormatValue(histogram.UpperBounds[i])));
            _text.Append(' ').Append(cumulative[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        _text.Append(name).Append("_bucket");
        AppendLabels(labels, ("le", "+Inf"));
        _text.Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        _text.Append(name).Append("_sum");
        AppendLabels(labels, extra: null);
        _text.Append(' ').Append(FormatValue(sum)).Append('\n');
        _text.Append(name).Append("_count");
        AppendLabels(labels, extra: null);
        _text.Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    public override string ToString() => _text.ToString();

    /// <summary>Label values escape backslash, double quote and line feed, as the format requires.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text escapes backslash and line feed only.</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void AppendLabels((string Name, string Value)[] labels, (string Name, string Value)? extra)
    {
        if (labels.Length == 0 && extra is null)
            return;
        _text.Append('{');
        var first = true;
        foreach (var (labelName, labelValue) in labels)
        {
            if (!first)
                _text.Append(',');
            _text.Append(labelName).Append("=\"").Append(EscapeLabelValue(labelValue)).Append('"');
            first = false;
        }
        if (extra is { } le)
        {
            if (!first)
                _text.Append(',');
            _text.Append(le.Name).Append("=\"").Append(EscapeLabelValue(le.Value)).Append('"');
        }
        _text.Append('}');
    }
}
