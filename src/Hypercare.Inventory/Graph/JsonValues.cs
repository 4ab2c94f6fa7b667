using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypercare.Core.Problems;

namespace Hypercare.Inventory.Graph;

/// <summary>
/// JSON values (state, plan) as typed <see cref="Value"/>s located by their JSON path. Paths are kept as a chain of
/// small nodes and spelled out only when asked for, and short strings are shared, so a large state costs little more
/// memory than its text.
/// </summary>
internal sealed class JsonValues(string file)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public Value From(JsonElement e, string path) => From(e, new PathNode(file, null, path, -1));

    /// <summary>The members of an object (e.g. a resource's attributes), all placed under one shared path.</summary>
    public IEnumerable<(string Name, Value Value)> Members(JsonElement obj, string path)
    {
        var parent = new PathNode(file, null, path, -1);
        foreach (var p in obj.EnumerateObject())
        {
            var name = Intern(p.Name);
            yield return (name, From(p.Value, new PathNode(file, parent, name, -1)));
        }
    }

    private Value From(JsonElement e, PathNode at)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.True: return Value.Lazy(ValueKind.Bool, Boxed.True, at);
            case JsonValueKind.False: return Value.Lazy(ValueKind.Bool, Boxed.False, at);
            case JsonValueKind.Number:
                return Value.Lazy(ValueKind.Number, e.TryGetDecimal(out var d) ? d
                    : decimal.TryParse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var big) ? big : 0m, at);
            case JsonValueKind.String: return Value.Lazy(ValueKind.Text, Intern(e.GetString()!), at);
            case JsonValueKind.Array:
                var items = new List<Value>(e.GetArrayLength());
                var i = 0;
                foreach (var item in e.EnumerateArray()) items.Add(From(item, new PathNode(file, at, null, i++)));
                return Value.Lazy(ValueKind.List, items, at);
            case JsonValueKind.Object:
                var members = new List<KeyValuePair<string, Value>>();
                foreach (var p in e.EnumerateObject())
                {
                    var name = Intern(p.Name);
                    members.Add(new(name, From(p.Value, new PathNode(file, at, name, -1))));
                }
                return Value.Lazy(ValueKind.Map, members, at);
            default: return Value.Lazy(ValueKind.Null, null, at);
        }
    }

    /// <summary>Shares short strings: keys, types, zones and statuses repeat across thousands of resources.</summary>
    public string Intern(string s)
    {
        if (s.Length > 64) return s;
        if (_strings.TryGetValue(s, out var shared)) return shared;
        if (_strings.Count < 1_000_000) _strings[s] = s;
        return s;
    }

    public static SourceLocation At(string file, string path) => new(file, 0, 0, path);

    public static string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static object? Index(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt64(out var n) ? n : null,
            JsonValueKind.String => v.GetString(),
            _ => null,
        };
    }

    private static class Boxed
    {
        public static readonly object True = true;
        public static readonly object False = false;
    }

    /// <summary>One step of a JSON path: a member name or an array index under a parent.</summary>
    private sealed class PathNode(string file, PathNode? parent, string? name, int index) : ILazyLocation
    {
        public SourceLocation Resolve()
        {
            var steps = new Stack<PathNode>();
            for (var n = this; n is not null; n = n.Parent) steps.Push(n);
            var b = new StringBuilder();
            foreach (var n in steps)
            {
                if (n.Name is not null) b.Append(b.Length == 0 ? "" : ".").Append(n.Name);
                else b.Append('[').Append(n.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            return new SourceLocation(File, 0, 0, b.ToString());
        }

        private string File => file;

        private PathNode? Parent => parent;

        private string? Name => name;

        private int Index => index;
    }
}
