using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hypercare.Core.Problems;
using Hypercare.Server.Auth;
using Microsoft.AspNetCore.Diagnostics;

namespace Hypercare.Server.Infrastructure;

/// <summary>
/// Every error as RFC 9457 problem details: the status, one sentence, and for each problem its code, the field
/// and how to fix it. Unexpected failures get a generic answer and a trace id; the details go to the log only.
/// </summary>
internal static partial class ProblemMapping
{
    /// <summary>Rule codes that mean "you may not", answered 403 rather than 409.</summary>
    private static readonly HashSet<string> Forbidden = ["not-allowed", "not-a-member"];

    public static async Task HandleAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (error)
        {
            case HypercareException h:
                var status = h.Kind switch
                {
                    FailureKind.BadInput when h.Problems.Any(p => p.Code is "engagement-not-found") => StatusCodes.Status404NotFound,
                    FailureKind.BadInput => StatusCodes.Status400BadRequest,
                    FailureKind.Refused => StatusCodes.Status403Forbidden,
                    _ when h.Problems.Any(p => Forbidden.Contains(p.Code)) => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status409Conflict,
                };
                await WriteAsync(context, status, h.Problems);
                break;
            case NotVisibleException:
                await WriteAsync(context, StatusCodes.Status404NotFound, "not-found", "no such resource, or not yours to see", null, null);
                break;
            case UnauthorizedAccessException:
                await WriteAsync(context, StatusCodes.Status401Unauthorized, "unauthenticated", "sign in or send an access token", "Authorization: Bearer hc_...", null);
                break;
            case JsonException json:
                var jsonField = json.Path is { Length: > 1 } jp ? jp.TrimStart('$', '.') : null;
                await WriteAsync(context, StatusCodes.Status400BadRequest, "bad-request", $"the body is not valid JSON here{(jsonField is null ? "" : $" at '{jsonField}'")}: {FirstSentence(json.Message)}",
                    "send JSON with the documented fields (see /openapi/v1.json)", jsonField);
                break;
            case BadHttpRequestException bad:
                var (message, field) = Describe(bad);
                await WriteAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "too-large" : "bad-request", message,
                    bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "send a smaller body" : "send JSON with the documented fields (see /openapi/v1.json)", field);
                break;
            default:
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Hypercare.Server");
                LogUnexpected(logger, error, context.Request.Method, context.Request.Path);
                await WriteAsync(context, StatusCodes.Status500InternalServerError, "internal-error", "something went wrong on our side; it is logged with this trace id", null, null);
                break;
        }
    }

    public static async Task StatusCodePageAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        if (response.HasStarted || response.ContentLength > 0 || !string.IsNullOrEmpty(response.ContentType)) return;
        var (code, message) = response.StatusCode switch
        {
            401 => ("unauthenticated", "sign in or send an access token"),
            403 => ("forbidden", "you may not do this"),
            404 => ("not-found", "no such resource"),
            405 => ("method-not-allowed", "this resource does not take that method"),
            413 => ("too-large", "the request body is too large"),
            415 => ("unsupported-media-type", "send the body as application/json"),
            429 => ("too-many-requests", "too many attempts; wait a minute"),
            _ => ("error", "the request failed"),
        };
        await WriteAsync(context.HttpContext, response.StatusCode, code, message, null, null);
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string message, string? hint, string? field) =>
        WriteAsync(context, status, [new Problem(code, message, field is null ? null : SourceLocation.ForField(field), hint)]);

    public static async Task WriteAsync(HttpContext context, int status, IReadOnlyList<Problem> problems)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        var first = problems.Count > 0 ? problems[0] : null;
        var body = new
        {
            type = $"urn:hypercare:problem:{first?.Code ?? "error"}",
            title = first?.Message ?? "error",
            status,
            detail = string.Join("; ", problems.Select(p => p.Location?.Path is { } path ? $"{path}: {p.Message}" : p.Message)),
            errors = problems.Select(p => new { code = p.Code, message = p.Message, field = p.Location?.Path, hint = p.Hint }),
            trace_id = Activity.Current?.Id ?? context.TraceIdentifier,
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, Engagements.Files.EngagementJson.Options), context.RequestAborted);
    }

    private static (string Message, string? Field) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : null;
            var missing = MissingProperty().Match(json.Message);
            if (missing.Success) return ($"'{missing.Groups[1].Value}' is required", missing.Groups[1].Value);
            var unknown = UnknownProperty().Match(json.Message);
            if (unknown.Success) return ($"unknown field '{unknown.Groups[1].Value}'", unknown.Groups[1].Value);
            if (field is not null && ExpectedType(json.Message, field) is { } expected) return ($"'{field}' must be {expected}", field);
            return ($"the body is not valid here{(field is null ? "" : $" at '{field}'")}: {FirstSentence(json.Message)}", field);
        }
        return (FirstSentence(bad.Message), null);
    }

    /// <summary>What a field of a request body takes, in the words of the API: the kebab-case values of an enum, or its kind.</summary>
    private static string? ExpectedType(string message, string field)
    {
        var match = ConvertedTo().Match(message);
        if (!match.Success) return null;
        var type = typeof(ProblemMapping).Assembly.GetType(match.Groups[1].Value) ?? Type.GetType(match.Groups[1].Value);
        var name = field.Split('.', '[')[^1];
        var property = type?.GetProperties().FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == name)?.PropertyType;
        if (property is null) return null;
        property = Nullable.GetUnderlyingType(property) ?? property;
        if (property.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(property).Select(Hypercare.Core.KebabCase.FromPascal));
        if (property == typeof(NodaTime.LocalDate)) return "a date (YYYY-MM-DD)";
        if (property == typeof(int) || property == typeof(long)) return "a whole number";
        if (property == typeof(decimal) || property == typeof(double)) return "a number";
        if (property == typeof(bool)) return "true or false";
        if (property == typeof(string)) return "text";
        if (property == typeof(Guid)) return "an id (a GUID)";
        return typeof(System.Collections.IEnumerable).IsAssignableFrom(property) ? "a list" : null;
    }

    [GeneratedRegex(@"could not be converted to ([\w.`+\[\], ]+?)\. Path")]
    private static partial Regex ConvertedTo();

    private static string FirstSentence(string text)
    {
        var cut = text.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? text[..cut] : text).TrimEnd('.');
    }

    [GeneratedRegex("missing required properties,? including: '([^']+)'")]
    private static partial Regex MissingProperty();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception? error, string method, string path);
}
