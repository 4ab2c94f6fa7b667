using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypercare.Core.Units;

/// <summary>A rate of events per second, such as requests per second.</summary>
public readonly record struct Rate(double PerSecond)
{
    /// <inheritdoc />
    public override string ToString() => $"{PerSecond.ToString("0.##", CultureInfo.InvariantCulture)}/s";

    /// <summary>Parses <c>2000</c>, <c>2000/s</c>, <c>120000/min</c>, <c>2k/s</c>.</summary>
    public static bool TryParse(string text, out Rate rate)
    {
        rate = default;
        var m = Regex.Match(text.Trim(), @"^(?<n>[0-9]+(\.[0-9]+)?)\s*(?<k>[kKmM])?\s*(/\s*(?<u>s|sec|second|m|min|minute|h|hour))?$");
        if (!m.Success) return false;
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        n *= m.Groups["k"].Value switch { "k" or "K" => 1_000, "m" or "M" => 1_000_000, _ => 1 };
        n /= m.Groups["u"].Value switch { "m" or "min" or "minute" => 60, "h" or "hour" => 3600, _ => 1 };
        rate = new Rate(n);
        return true;
    }
}

/// <summary>A bandwidth in bits per second.</summary>
public readonly record struct Bandwidth(double BitsPerSecond)
{
    /// <inheritdoc />
    public override string ToString() => BitsPerSecond switch
    {
        >= 1e9 => $"{(BitsPerSecond / 1e9).ToString("0.##", CultureInfo.InvariantCulture)} Gbps",
        >= 1e6 => $"{(BitsPerSecond / 1e6).ToString("0.##", CultureInfo.InvariantCulture)} Mbps",
        >= 1e3 => $"{(BitsPerSecond / 1e3).ToString("0.##", CultureInfo.InvariantCulture)} kbps",
        _ => $"{BitsPerSecond.ToString("0", CultureInfo.InvariantCulture)} bps",
    };

    /// <summary>Parses <c>800Mbps</c>, <c>1.5 Gbps</c>, <c>100 MB/s</c> (bytes, times eight).</summary>
    public static bool TryParse(string text, out Bandwidth bandwidth)
    {
        bandwidth = default;
        var m = Regex.Match(text.Trim(), @"^(?<n>[0-9]+(\.[0-9]+)?)\s*(?<p>[kKmMgGtT]?)(?<u>bps|bit/s|b/s|B/s|Bps)$");
        if (!m.Success) return false;
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        n *= m.Groups["p"].Value.ToUpperInvariant() switch { "K" => 1e3, "M" => 1e6, "G" => 1e9, "T" => 1e12, _ => 1 };
        if (m.Groups["u"].Value is "B/s" or "Bps") n *= 8;
        bandwidth = new Bandwidth(n);
        return true;
    }
}

/// <summary>A share written as a percentage, such as an error budget of 0.1%.</summary>
public readonly record struct Percentage(double Value)
{
    /// <summary>The share as a fraction: 0.1% is 0.001.</summary>
    public double Fraction => Value / 100.0;

    /// <inheritdoc />
    public override string ToString() => $"{Value.ToString("0.###", CultureInfo.InvariantCulture)}%";

    /// <summary>Parses <c>0.1%</c>; a bare number is refused because 0.1 could mean 0.1% or 10%.</summary>
    public static bool TryParse(string text, out Percentage percentage)
    {
        percentage = default;
        var t = text.Trim();
        if (!t.EndsWith('%')) return false;
        if (!double.TryParse(t[..^1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return false;
        percentage = new Percentage(v);
        return true;
    }
}

/// <summary>Parses durations written as <c>300ms</c>, <c>30s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static class DurationText
{
    private static readonly Regex Part = new(@"(?<n>[0-9]+(\.[0-9]+)?)(?<u>ms|us|µs|s|m|h|d)", RegexOptions.Compiled);

    /// <summary>Parses a duration; false when the text is not one.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (t.Length == 0) return false;
        var position = 0;
        double ms = 0;
        foreach (Match m in Part.Matches(t))
        {
            if (m.Index != position) return false;
            position += m.Length;
            var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            ms += n * m.Groups["u"].Value switch
            {
                "us" or "µs" => 0.001,
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => 86_400_000,
            };
        }
        if (position != t.Length) return false;
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Formats a duration in the same notation, shortest form.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.TotalSeconds < 1) return $"{duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        if (duration.TotalMinutes < 1) return $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
        var parts = new List<string>();
        if (duration.Days > 0) parts.Add($"{duration.Days}d");
        if (duration.Hours > 0) parts.Add($"{duration.Hours}h");
        if (duration.Minutes > 0) parts.Add($"{duration.Minutes}m");
        if (duration.Seconds > 0) parts.Add($"{duration.Seconds}s");
        return string.Concat(parts);
    }
}
