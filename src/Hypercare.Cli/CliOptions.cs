using System.CommandLine;
using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.LoadTesting.Plans;
using NodaTime;
using NodaTime.Text;

namespace Hypercare.Cli;

/// <summary>Options shared by many commands, and typed reading of the rest with located errors.</summary>
internal static class CliOptions
{
    public static readonly Option<string> Database = new("--db")
    {
        Description = "The database: a SQLite file (default ./hypercare.db) or a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HYPERCARE_DB") is { Length: > 0 } db ? db : "hypercare.db",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print only JSON on stdout" };

    public static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    public static Option<string?> Optional(string name, string description) => new(name) { Description = description };

    public static Argument<string> Id() => new("ID") { Description = "The engagement id, or its first characters as 'engagement list' shows them" };

    public static LocalDate Date(string text, string field)
    {
        var r = LocalDatePattern.Iso.Parse(text.Trim());
        if (r.Success) return r.Value;
        throw new BadInputException("invalid-date", $"'{text}' is not a date", "write YYYY-MM-DD, e.g. 2027-10-01", SourceLocation.ForField(field));
    }

    public static T Enum<T>(string text, string field) where T : struct, Enum => KebabCase.Parse<T>(text, field);

    public static decimal Decimal(string text, string field)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        throw new BadInputException("invalid-number", $"'{text}' is not a number", "write digits with an optional decimal point, e.g. 1200 or 1200.50", SourceLocation.ForField(field));
    }

    public static TimeSpan Duration(string text, string field, bool allowZero = false) =>
        allowZero && text.Trim() == "0" ? TimeSpan.Zero
        : DurationText.TryParse(text, out var d) && (d > TimeSpan.Zero || allowZero && d == TimeSpan.Zero) ? d
        : throw new BadInputException("invalid-duration", $"'{text}' is not a duration", "e.g. 30s, 2m or 500ms", SourceLocation.ForField(field));

    /// <summary>The --engine option of load runs: auto, fast or httpclient; null when not given.</summary>
    public static EngineChoice? Engine(string? text) => text switch
    {
        null => null,
        "auto" => EngineChoice.Auto,
        "fast" => EngineChoice.Fast,
        "httpclient" => EngineChoice.HttpClient,
        var other => throw new BadInputException("invalid-engine", $"'{other}' is not an engine", "auto, fast or httpclient", SourceLocation.ForField("--engine")),
    };

    public static int Integer(string text, string field)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        throw new BadInputException("invalid-number", $"'{text}' is not a whole number", null, SourceLocation.ForField(field));
    }
}
