using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hypercare.LoadTesting.Plans;

/// <summary>
/// The part of JSONPath that correlation needs: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[n]</c> (negative
/// counts from the end), <c>[*]</c>, <c>.*</c> and <c>..name</c> (descendants). The first match is the value.
/// Filters and slices are refused when the plan is read, so a run never meets an expression it cannot evaluate.
/// </summary>
public sealed class JsonPath
{
    private readonly Segment[] _segments;

    private JsonPath(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses an expression; the error names the character where it went wrong.</summary>
    public static bool TryParse(string text, out JsonPath? path, out string? error)
    {
        path = null;
        var segments = new List<Segment>();
        var s = text.Trim();
        if (s.Length == 0 || s[0] != '$') { error = "a JSONPath starts with '$', e.g. $.token or $.items[0].id"; return false; }
        var i = 1;
        while (i < s.Length)
        {
            if (s[i] == '.')
            {
                var recursive = i + 1 < s.Length && s[i + 1] == '.';
                i += recursive ? 2 : 1;
                if (i < s.Length && s[i] == '*') { segments.Add(new Segment(SegmentKind.Wildcard, null, 0, recursive)); i++; continue; }
                var start = i;
                while (i < s.Length && s[i] != '.' && s[i] != '[') i++;
                if (i == start) { error = $"a name is expected after '.' at character {start + 1}"; return false; }
                segments.Add(new Segment(SegmentKind.Name, s[start..i], 0, recursive));
                continue;
            }
            if (s[i] == '[')
            {
                var close = FindClose(s, i);
                if (close < 0) { error = $"the '[' at character {i + 1} is not closed"; return false; }
                var inner = s[(i + 1)..close].Trim();
                if (inner == "*") segments.Add(new Segment(SegmentKind.Wildcard, null, 0, false));
                else if (inner.Length >= 2 && (inner[0] == '\'' && inner[^1] == '\'' || inner[0] == '"' && inner[^1] == '"'))
                    segments.Add(new Segment(SegmentKind.Name, inner[1..^1], 0, false));
                else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                    segments.Add(new Segment(SegmentKind.Index, null, index, false));
                else if (inner.StartsWith('?'))
                { error = $"filter expressions ('{inner}') are not supported; select by index or name, or use a regex extraction"; return false; }
                else if (inner.Contains(':', StringComparison.Ordinal))
                { error = $"slices ('{inner}') are not supported; select one index"; return false; }
                else { error = $"'[{inner}]' at character {i + 1} is not an index, a quoted name or '*'"; return false; }
                i = close + 1;
                continue;
            }
            error = $"unexpected '{s[i]}' at character {i + 1}; expected '.' or '['";
            return false;
        }
        path = new JsonPath(text, [.. segments]);
        error = null;
        return true;
    }

    /// <summary>The first value the path selects, as text (strings unquoted, other values as JSON), or null.</summary>
    public string? SelectFirst(JsonElement root)
    {
        var found = Select(root, 0);
        if (found is not { } e) return null;
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null => null,
            _ => e.GetRawText(),
        };
    }

    private JsonElement? Select(JsonElement node, int index)
    {
        if (index == _segments.Length) return node;
        var seg = _segments[index];
        foreach (var candidate in Step(node, seg))
            if (Select(candidate, index + 1) is { } hit) return hit;
        return null;
    }

    private static IEnumerable<JsonElement> Step(JsonElement node, Segment seg)
    {
        if (seg.Recursive)
        {
            foreach (var d in DescendantsAndSelf(node))
                foreach (var c in Direct(d, seg)) yield return c;
            yield break;
        }
        foreach (var c in Direct(node, seg)) yield return c;
    }

    private static IEnumerable<JsonElement> Direct(JsonElement node, Segment seg)
    {
        switch (seg.Kind)
        {
            case SegmentKind.Name when node.ValueKind == JsonValueKind.Object && node.TryGetProperty(seg.Name!, out var v):
                yield return v;
                break;
            case SegmentKind.Index when node.ValueKind == JsonValueKind.Array:
                var len = node.GetArrayLength();
                var at = seg.Index < 0 ? len + seg.Index : seg.Index;
                if (at >= 0 && at < len) yield return node[at];
                break;
            case SegmentKind.Wildcard when node.ValueKind == JsonValueKind.Array:
                foreach (var item in node.EnumerateArray()) yield return item;
                break;
            case SegmentKind.Wildcard when node.ValueKind == JsonValueKind.Object:
                foreach (var p in node.EnumerateObject()) yield return p.Value;
                break;
        }
    }

    private static IEnumerable<JsonElement> DescendantsAndSelf(JsonElement node)
    {
        yield return node;
        if (node.ValueKind == JsonValueKind.Object)
            foreach (var p in node.EnumerateObject())
                foreach (var d in DescendantsAndSelf(p.Value)) yield return d;
        else if (node.ValueKind == JsonValueKind.Array)
            foreach (var item in node.EnumerateArray())
                foreach (var d in DescendantsAndSelf(item)) yield return d;
    }

    private static int FindClose(string s, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < s.Length; i++)
        {
            if (quote is { } q) { if (s[i] == q) quote = null; continue; }
            if (s[i] is '\'' or '"') quote = s[i];
            else if (s[i] == ']') return i;
        }
        return -1;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("$");
        foreach (var s in _segments) sb.Append(s.Kind switch { SegmentKind.Name => $"{(s.Recursive ? ".." : ".")}{s.Name}", SegmentKind.Index => $"[{s.Index}]", _ => "[*]" });
        return sb.ToString();
    }

    private enum SegmentKind { Name, Index, Wildcard }

    private readonly record struct Segment(SegmentKind Kind, string? Name, int Index, bool Recursive);
}
