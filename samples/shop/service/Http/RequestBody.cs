using System.Text.Json;

namespace Hypercare.Samples.Shop.Http;

/// <summary>
/// A JSON object body read field by field, so that a bad request is answered with a 400 problem that names
/// the field at fault rather than a generic binding failure.
/// </summary>
internal sealed class RequestBody
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    private RequestBody(JsonElement root) => _root = root;

    /// <summary>The body as an object, or the 400 problem saying why it is not one.</summary>
    public static async Task<(RequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Invalid("body", "The body must be a JSON object."));
            return (new RequestBody(document.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, Invalid("body", $"The body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>A required whole number within bounds; records an error naming the field otherwise.</summary>
    public long Integer(string field, long min, long max, long? whenMissing = null)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (whenMissing is { } fallback)
                return fallback;
            Error(field, $"{field} is required.");
            return 0;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Error(field, $"{field} must be a whole number.");
            return 0;
        }
        if (number < min || number > max)
        {
            Error(field, $"{field} must be between {min} and {max}.");
            return 0;
        }
        return number;
    }

    /// <summary>A required, non-empty string of at most <paramref name="maxLength"/> characters.</summary>
    public string Text(string field, int maxLength)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Error(field, $"{field} is required.");
            return "";
        }
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            Error(field, $"{field} must be a non-empty string.");
            return "";
        }
        if (text.Length > maxLength)
        {
            Error(field, $"{field} must be at most {maxLength} characters.");
            return "";
        }
        return text;
    }

    /// <summary>A required decimal amount greater than zero.</summary>
    public decimal Amount(string field)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetDecimal(out var amount) || amount <= 0)
        {
            Error(field, $"{field} must be a number greater than zero.");
            return 0;
        }
        return amount;
    }

    /// <summary>The 400 problem for the errors found so far, or null when there were none.</summary>
    public IResult? Problem() =>
        _errors.Count == 0 ? null : Invalid(_errors);

    public static IResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors,
            detail: string.Join(" ", errors.SelectMany(e => e.Value)),
            title: "The request is invalid.");

    private void Error(string field, string message) => _errors.TryAdd(field, [message]);
}
