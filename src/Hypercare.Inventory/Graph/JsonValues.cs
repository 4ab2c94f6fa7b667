using System.Globalization;
using System.Text.Json;
using Hypercare.Core.Problems;

namespace Hypercare.Inventory.Graph;

/// <summary>JSON values (state, plan) as typed <see cref="Value"/>s located by their JSON path.</summary>
internal static class JsonValues
{
    public static Value From(JsonElement e, string file, string path) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Value.Null(At(file, path)),
        JsonValueKind.True => Value.Of(true, At(file, path)),
        JsonValueKind.False => Value.Of(false, At(file, path)),
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? Value.Of(d, At(file, path))
            : Value.Of(decimal.TryParse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var big) ? big : 0, At(file, path)),
        JsonValueKind.String => Value.Of(e.GetString()!, At(file, path)),
        JsonValueKind.Array => Value.List(e.EnumerateArray().Select((item, i) => From(item, file, $"{path}[{i}]")).ToList(), At(file, path)),
        _ => Value.Map(e.EnumerateObject().Select(p => new KeyValuePair<string, Value>(p.Name, From(p.Value, file, $"{path}.{p.Name}"))).ToList(), At(file, path)),
    };

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
}
