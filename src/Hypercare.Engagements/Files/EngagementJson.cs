using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Hypercare.Engagements.Files;

/// <summary>
/// The JSON shape of engagements and their events: snake_case property names, enums in kebab-case, dates in
/// ISO 8601, durations as in the engagement file (<c>300ms</c>, <c>10m</c>). Storage and <c>--json</c> output
/// both use it, so a stored event reads the same as what the CLI prints. Reading is strict: a property this
/// version does not know is an error, never silently dropped.
/// </summary>
public static class EngagementJson
{
    /// <summary>Options for reading and writing.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Options for output meant for people and diffs.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions { WriteIndented = indented };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Applies the shape to options owned by someone else, such as the web server's.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Output is read by people and tools, not embedded in HTML: keep apostrophes and accents as they are.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new DurationJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    }
}

/// <summary>Durations as the engagement file writes them (<c>300ms</c>, <c>1h30m</c>); reads the same.</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? "";
        return Core.Units.DurationText.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a duration such as 300ms or 10m");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == TimeSpan.Zero ? "0s" : Core.Units.DurationText.Format(value));
}
