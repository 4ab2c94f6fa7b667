using System.Globalization;
using System.Text;
using Hypercare.Core.Problems;

namespace Hypercare.Inventory.Graph;

/// <summary>The kinds of value an attribute can hold.</summary>
public enum ValueKind
{
    /// <summary>Explicitly null.</summary>
    Null,
    /// <summary>true or false.</summary>
    Bool,
    /// <summary>A number.</summary>
    Number,
    /// <summary>A string.</summary>
    Text,
    /// <summary>A list, tuple or set.</summary>
    List,
    /// <summary>A map or object.</summary>
    Map,
    /// <summary>Not known until the cloud assigns it (an id, an address) or not computable here. Rules must say "could not verify".</summary>
    Unknown,
}

/// <summary>A place worked out only when someone asks for it.</summary>
internal interface ILazyLocation
{
    SourceLocation Resolve();
}

/// <summary>
/// A typed attribute value with the place it came from. Unknown values keep, when there is one, the reference they
/// stand for (e.g. <c>alicloud_vpc.main.id</c>), so a rule can say which resource it depends on.
/// </summary>
public sealed class Value : IEquatable<Value>
{
    // Either a SourceLocation or a lazily resolved place (a JSON path node), which costs far less memory per value.
    private readonly object? _at;

    private Value(ValueKind kind, object? payload, object? at, string? reference)
    {
        Kind = kind;
        Payload = payload;
        _at = at;
        Reference = reference;
    }

    /// <summary>What kind of value it is.</summary>
    public ValueKind Kind { get; }

    private object? Payload { get; }

    /// <summary>Where it was written or stored: file:line:column for HCL and manifests, the JSON path for state and plan.</summary>
    public SourceLocation? Location => _at switch
    {
        SourceLocation s => s,
        ILazyLocation lazy => lazy.Resolve(),
        _ => null,
    };

    /// <summary>For an unknown value, the reference it stands for, if any.</summary>
    public string? Reference { get; }

    /// <summary>null.</summary>
    public static Value Null(SourceLocation? at = null) => new(ValueKind.Null, null, at, null);

    /// <summary>A boolean.</summary>
    public static Value Of(bool b, SourceLocation? at = null) => new(ValueKind.Bool, b, at, null);

    /// <summary>A number.</summary>
    public static Value Of(decimal n, SourceLocation? at = null) => new(ValueKind.Number, n, at, null);

    /// <summary>A string.</summary>
    public static Value Of(string s, SourceLocation? at = null) => new(ValueKind.Text, s, at, null);

    /// <summary>A list.</summary>
    public static Value List(IReadOnlyList<Value> items, SourceLocation? at = null) => new(ValueKind.List, items, at, null);

    /// <summary>An object or map; keys keep their order.</summary>
    public static Value Map(IReadOnlyList<KeyValuePair<string, Value>> members, SourceLocation? at = null) => new(ValueKind.Map, members, at, null);

    /// <summary>
    /// A resource instance as other resources see it: its configured attributes, and every other attribute unknown
    /// (computed by the cloud), standing for <c>{reference}.{name}</c>.
    /// </summary>
    public static Value Instance(IReadOnlyList<KeyValuePair<string, Value>> members, string reference, SourceLocation? at = null) => new(ValueKind.Map, members, at, reference);

    /// <summary>Whether this object is a resource instance, whose missing attributes are unknown rather than absent.</summary>
    public bool IsInstance => Kind == ValueKind.Map && Reference is not null;

    /// <summary>A value not known here, optionally standing for a reference.</summary>
    public static Value Unknown(string? reference = null, SourceLocation? at = null) => new(ValueKind.Unknown, null, at, reference);

    /// <summary>The same value at another place.</summary>
    public Value At(SourceLocation? at) => new(Kind, Payload, at, Reference);

    /// <summary>A value of any kind with a lazily resolved place (used by the JSON readers).</summary>
    internal static Value Lazy(ValueKind kind, object? payload, ILazyLocation at) => new(kind, payload, at, null);

    /// <summary>The boolean, or null when not a boolean.</summary>
    public bool? AsBool => Kind == ValueKind.Bool ? (bool)Payload! : null;

    /// <summary>The number, or null when not a number.</summary>
    public decimal? AsNumber => Kind == ValueKind.Number ? (decimal)Payload! : null;

    /// <summary>The string, or null when not a string.</summary>
    public string? AsString => Kind == ValueKind.Text ? (string)Payload! : null;

    /// <summary>
    /// The number, also when written as text (<c>bandwidth = "100"</c> in configuration, every value of a version-3
    /// state); null otherwise.
    /// </summary>
    public decimal? AsNumberOrText => AsNumber
        ?? (decimal.TryParse(AsString, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null);

    /// <summary>The boolean, also when written as text (<c>"true"</c>, <c>"false"</c>); null otherwise.</summary>
    public bool? AsBoolOrText => AsBool ?? (AsString?.ToLowerInvariant() switch { "true" => true, "false" => false, _ => null });

    /// <summary>The items of a list (empty for anything else).</summary>
    public IReadOnlyList<Value> Items => Kind == ValueKind.List ? (IReadOnlyList<Value>)Payload! : [];

    /// <summary>The members of an object (empty for anything else).</summary>
    public IReadOnlyList<KeyValuePair<string, Value>> Members => Kind == ValueKind.Map ? (IReadOnlyList<KeyValuePair<string, Value>>)Payload! : [];

    /// <summary>Whether the value is unknown, or contains an unknown anywhere.</summary>
    public bool IsWhollyKnown => Kind switch
    {
        ValueKind.Unknown => false,
        ValueKind.List => Items.All(i => i.IsWhollyKnown),
        ValueKind.Map => Members.All(m => m.Value.IsWhollyKnown),
        _ => true,
    };

    /// <summary>A member of an object by name, or null.</summary>
    public Value? this[string key]
    {
        get
        {
            foreach (var m in Members) if (m.Key == key) return m.Value;
            return null;
        }
    }

    /// <summary>Equal in kind and content (places are not compared; object keys compare as sets).</summary>
    public bool Equals(Value? other)
    {
        if (other is null || other.Kind != Kind) return false;
        return Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Unknown => Reference == other.Reference,
            ValueKind.List => Items.Count == other.Items.Count && Items.Zip(other.Items).All(p => p.First.Equals(p.Second)),
            ValueKind.Map => Members.Count == other.Members.Count && Members.All(m => other[m.Key] is { } o && m.Value.Equals(o)),
            _ => Equals(Payload, other.Payload),
        };
    }

    /// <summary>
    /// Whether <paramref name="other"/> holds at least this value: the same scalar, every member of this map with a
    /// covering value, and for lists an item covering each of these (in any order, as sets of nested blocks are
    /// stored). Configuration compared with state: state adds the attributes the cloud computes.
    /// </summary>
    public bool IsCoveredBy(Value? other)
    {
        if (other is null) return false;
        switch (Kind)
        {
            case ValueKind.Map:
                return other.Kind == ValueKind.Map && Members.All(m => m.Value.IsCoveredBy(other[m.Key]));
            case ValueKind.List:
                if (other.Kind != ValueKind.List || other.Items.Count != Items.Count) return false;
                if (Items.Zip(other.Items).All(p => p.First.IsCoveredBy(p.Second))) return true;
                var free = other.Items.ToList();
                foreach (var item in Items)
                {
                    var match = free.FindIndex(item.IsCoveredBy);
                    if (match < 0) return false;
                    free.RemoveAt(match);
                }
                return true;
            default:
                return Equals(other);
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ToString());

    /// <summary>The value written like HCL: <c>"text"</c>, <c>1.5</c>, <c>[1, 2]</c>, <c>{ a = 1 }</c>, <c>(unknown)</c>.</summary>
    public override string ToString()
    {
        var b = new StringBuilder();
        Write(b);
        return b.ToString();
    }

    private void Write(StringBuilder b)
    {
        switch (Kind)
        {
            case ValueKind.Null: b.Append("null"); break;
            case ValueKind.Bool: b.Append((bool)Payload! ? "true" : "false"); break;
            case ValueKind.Number: b.Append(((decimal)Payload!).ToString(CultureInfo.InvariantCulture)); break;
            case ValueKind.Text: b.Append('"').Append(((string)Payload!).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"'); break;
            case ValueKind.Unknown: b.Append(Reference is null ? "(unknown)" : $"(unknown: {Reference})"); break;
            case ValueKind.List:
                b.Append('[');
                for (var i = 0; i < Items.Count; i++)
                {
                    if (i > 0) b.Append(", ");
                    Items[i].Write(b);
                }
                b.Append(']');
                break;
            default:
                b.Append('{');
                var first = true;
                foreach (var m in Members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    b.Append(first ? " " : ", ").Append(m.Key).Append(" = ");
                    m.Value.Write(b);
                    first = false;
                }
                b.Append(first ? "}" : " }");
                break;
        }
    }
}
