using System.Globalization;
using System.Numerics;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hypercare.Core.Yaml;

/// <summary>
/// Typed, located access to one YAML mapping. Each accessor marks its key as known; <see cref="Done"/>
/// reports every other key as unknown, with a suggestion when it looks like a typo.
/// </summary>
public sealed class MapReader
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    internal MapReader(YamlDocumentReader document, YamlMappingNode node, string path)
    {
        Document = document;
        _node = node;
        Path = path;
    }

    /// <summary>The document this mapping belongs to.</summary>
    public YamlDocumentReader Document { get; }

    /// <summary>The dotted path of this mapping.</summary>
    public string Path { get; }

    /// <summary>The mapping node itself.</summary>
    public YamlMappingNode Node => _node;

    /// <summary>The path of a key below this mapping.</summary>
    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when the key is present (and marks it known).</summary>
    public bool Has(string key)
    {
        _known.Add(key);
        return Find(key) is not null;
    }

    /// <summary>The raw node of a key, or null. Records a problem when <paramref name="required"/> and missing.</summary>
    public YamlNode? Raw(string key, bool required = false, string? hint = null)
    {
        _known.Add(key);
        var value = Find(key);
        if (value is null && required)
            Document.Add(_node, "missing-key", $"'{key}' is required here", hint, PathOf(key));
        return value;
    }

    /// <summary>A text value.</summary>
    public string? Text(string key, bool required = false, string? hint = null)
    {
        var node = Raw(key, required, hint);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } v } s && !(v.Length == 0 && s.Style == ScalarStyle.Plain))
            return v;
        if (node is YamlScalarNode && !required) return null;
        Document.Add(node, "wrong-type", $"expected text, found {YamlDocumentReader.Describe(node)}", hint, PathOf(key));
        return null;
    }

    /// <summary>A whole number within bounds.</summary>
    public long? WholeNumber(string key, bool required = false, long min = long.MinValue, long max = long.MaxValue, string? hint = null) =>
        Scalar(key, required, "a whole number", hint, text =>
        {
            if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return (false, 0L, null);
            if (v < min || v > max) return (false, v, BoundsMessage(text, min, max));
            return (true, v, null);
        }, "out-of-range");

    /// <summary>A number within bounds.</summary>
    public double? Number(string key, bool required = false, double min = double.MinValue, double max = double.MaxValue, string? hint = null) =>
        Scalar(key, required, "a number", hint, text =>
        {
            if (!double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v) || double.IsInfinity(v))
                return (false, 0d, null);
            if (v < min || v > max) return (false, v, BoundsMessage(text, min, max));
            return (true, v, null);
        }, "out-of-range");

    /// <summary>A boolean: true or false.</summary>
    public bool? Boolean(string key, bool required = false) =>
        Scalar(key, required, "true or false", null, text => text.ToLowerInvariant() switch
        {
            "true" or "yes" => (true, true, (string?)null),
            "false" or "no" => (true, false, null),
            _ => (false, false, null),
        });

    /// <summary>A calendar date written as YYYY-MM-DD.</summary>
    public LocalDate? Date(string key, bool required = false, string? hint = null) =>
        Scalar(key, required, "a date (YYYY-MM-DD)", hint, text =>
        {
            var r = LocalDatePattern.Iso.Parse(text);
            return r.Success ? (true, r.Value, (string?)null) : (false, default, null);
        });

    /// <summary>A rate such as <c>2000/s</c>.</summary>
    public Rate? Rate(string key, bool required = false) =>
        Scalar(key, required, "a rate such as 2000/s", null, text =>
            Units.Rate.TryParse(text, out var r) ? (r.PerSecond > 0, r, r.PerSecond > 0 ? null : "a rate must be above zero") : (false, default, (string?)null));

    /// <summary>A duration such as <c>300ms</c> or <c>10m</c>.</summary>
    public TimeSpan? Duration(string key, bool required = false, bool allowZero = false) =>
        Scalar(key, required, "a duration such as 300ms, 30s or 10m", null, text =>
        {
            if (!DurationText.TryParse(text, out var d)) return (false, TimeSpan.Zero, (string?)null);
            if (d <= TimeSpan.Zero && !allowZero) return (false, d, "a duration must be above zero");
            return (true, d, null);
        });

    /// <summary>A percentage such as <c>0.1%</c>.</summary>
    public Percentage? Percentage(string key, bool required = false, double max = 100) =>
        Scalar(key, required, "a percentage such as 0.1%", null, text =>
        {
            if (!Units.Percentage.TryParse(text, out var p)) return (false, default, (string?)null);
            if (p.Value < 0 || p.Value > max) return (false, p, $"{text} is outside 0%..{max}%");
            return (true, p, null);
        }, "out-of-range");

    /// <summary>A bandwidth such as <c>800Mbps</c>.</summary>
    public Bandwidth? Bandwidth(string key, bool required = false) =>
        Scalar(key, required, "a bandwidth such as 800Mbps or 1.5Gbps", null, text =>
            Units.Bandwidth.TryParse(text, out var b) ? (b.BitsPerSecond > 0, b, b.BitsPerSecond > 0 ? null : "a bandwidth must be above zero") : (false, default, (string?)null));

    /// <summary>An enum value written in kebab-case.</summary>
    public T? Enum<T>(string key, bool required = false) where T : struct, System.Enum
    {
        var node = Raw(key, required, $"use one of: {string.Join(", ", KebabCase.Names<T>())}");
        if (node is null) return null;
        if (node is not YamlScalarNode { Value: { Length: > 0 } text })
        {
            Document.Add(node, "wrong-type", $"expected one of {string.Join(", ", KebabCase.Names<T>())}, found {YamlDocumentReader.Describe(node)}", null, PathOf(key));
            return null;
        }
        return EnumValue<T>(node, text, PathOf(key));
    }

    /// <summary>Parses a scalar as an enum value, recording a problem with suggestions when it is not one.</summary>
    public T? EnumValue<T>(YamlNode node, string text, string path) where T : struct, System.Enum
    {
        if (KebabCase.TryParse<T>(text, out var value)) return value;
        var names = KebabCase.Names<T>();
        var closest = Suggestions.Closest(text, names);
        Document.Add(node, "invalid-value", $"'{text}' is not one of {string.Join(", ", names)}",
            closest is null ? null : $"did you mean '{closest}'?", path);
        return null;
    }

    /// <summary>A nested mapping.</summary>
    public MapReader? Map(string key, bool required = false, string? hint = null)
    {
        var node = Raw(key, required, hint);
        return node is null || IsEmptyScalar(node) && !required ? null : Document.Map(node, PathOf(key));
    }

    /// <summary>A list whose items are read by <paramref name="read"/>; a missing key is an empty list.</summary>
    public IReadOnlyList<T> List<T>(string key, Func<YamlNode, string, T?> read, bool required = false, string? hint = null)
    {
        var node = Raw(key, required, hint);
        if (node is null || IsEmptyScalar(node)) return [];
        if (node is not YamlSequenceNode sequence)
        {
            Document.Add(node, "wrong-type", $"expected a list ('- item' lines or [a, b]), found {YamlDocumentReader.Describe(node)}", hint, PathOf(key));
            return [];
        }
        var items = new List<T>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = read(sequence.Children[i], $"{PathOf(key)}[{i}]");
            if (item is not null) items.Add(item);
        }
        return items;
    }

    /// <summary>A list of mappings read by <paramref name="read"/>.</summary>
    public IReadOnlyList<T> ListOfMaps<T>(string key, Func<MapReader, T?> read, bool required = false, string? hint = null) =>
        List(key, (node, path) =>
        {
            var map = Document.Map(node, path);
            if (map is null) return default;
            var result = read(map);
            map.Done();
            return result;
        }, required, hint);

    /// <summary>A list of text values.</summary>
    public IReadOnlyList<string> Strings(string key, bool required = false) =>
        List(key, (node, path) =>
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } v }) return v;
            Document.Add(node, "wrong-type", $"expected text, found {YamlDocumentReader.Describe(node)}", null, path);
            return null;
        }, required);

    /// <summary>Records a problem at a key's value (or at this mapping when the key is absent).</summary>
    public void Error(string key, string code, string message, string? hint = null) =>
        Document.Add(Find(key) ?? _node, code, message, hint, PathOf(key));

    /// <summary>The location of a key's value.</summary>
    public SourceLocation At(string key) => Document.At(Find(key) ?? _node, PathOf(key));

    /// <summary>Reports every key that no accessor asked for.</summary>
    public void Done()
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (_known.Contains(key)) continue;
            var closest = Suggestions.Closest(key, _known);
            Document.Add(keyNode, "unknown-key", $"unknown key '{key}'",
                closest is not null ? $"did you mean '{closest}'?" : _known.Count > 0 ? $"keys allowed here: {string.Join(", ", _known)}" : null,
                PathOf(key));
        }
    }

    /// <summary>
    /// A scalar parsed by <paramref name="parse"/>, which returns whether it succeeded, the value, and why it
    /// failed when the text has the right shape but an impossible value.
    /// </summary>
    public T? Parsed<T>(string key, bool required, string expected, Func<string, (bool Ok, T Value, string? Why)> parse, string? hint = null) where T : struct =>
        Scalar(key, required, expected, hint, parse);

    /// <summary>A point in time with an offset, such as <c>2027-10-05T10:00:00-04:00</c> or <c>...Z</c>.</summary>
    public DateTimeOffset? Timestamp(string key, bool required = false) =>
        Scalar(key, required, "a timestamp with an offset, such as 2027-10-05T10:00:00-04:00", null, text =>
        {
            foreach (var pattern in TimestampPatterns)
            {
                var r = pattern.Parse(text);
                if (r.Success) return (true, r.Value.ToDateTimeOffset(), (string?)null);
            }
            return (false, default, null);
        });

    private static readonly OffsetDateTimePattern[] TimestampPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'sso<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mmo<G>"),
    ];

    private T? Scalar<T>(string key, bool required, string expected, string? hint, Func<string, (bool Ok, T Value, string? Why)> parse, string whyCode = "invalid-value") where T : struct
    {
        var node = Raw(key, required, hint);
        if (node is null) return null;
        if (node is not YamlScalarNode { Value: { } text } || IsEmptyScalar(node))
        {
            if (IsEmptyScalar(node) && !required) return null;
            Document.Add(node, "wrong-type", $"expected {expected}, found {YamlDocumentReader.Describe(node)}", hint, PathOf(key));
            return null;
        }
        var (ok, value, why) = parse(text.Trim());
        if (ok) return value;
        Document.Add(node, why is null ? "wrong-type" : whyCode, why ?? $"expected {expected}, found '{text}'", hint, PathOf(key));
        return null;
    }

    private static bool IsEmptyScalar(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null");

    private YamlNode? Find(string key)
    {
        foreach (var (k, v) in _node.Children)
            if (k is YamlScalarNode { Value: { } name } && name == key) return v;
        return null;
    }

    private static string BoundsMessage<TN>(string text, TN min, TN max) where TN : IComparable<TN>, IMinMaxValue<TN> =>
        min.CompareTo(TN.MinValue) == 0 ? $"{text} is above the maximum {max}"
        : max.CompareTo(TN.MaxValue) == 0 ? $"{text} is below the minimum {min}"
        : $"{text} is outside {min}..{max}";
}
