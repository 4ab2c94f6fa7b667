using System.Text.Json;
using Hypercare.Core.Problems;

namespace Hypercare.Server.Infrastructure;

/// <summary>Refuses any text field of a request body longer than <see cref="MaxLength"/>, naming the field.</summary>
internal static class TextLimit
{
    /// <summary>Longest text accepted in any field of a request body.</summary>
    public const int MaxLength = 4000;

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument.GetType().Namespace != typeof(Api.AcceptBody).Namespace) continue;
            Check(argument, "");
        }
        return await next(context);
    }

    private static void Check(object body, string prefix)
    {
        foreach (var property in body.GetType().GetProperties())
        {
            var name = prefix + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var value = property.GetValue(body);
            if (value is string { Length: > MaxLength } text)
                throw new BadInputException("too-long", $"'{name}' is {text.Length} characters; at most {MaxLength}", "shorten it", SourceLocation.ForField(name));
            if (value is System.Collections.IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is string { Length: > MaxLength } s)
                        throw new BadInputException("too-long", $"'{name}[{i}]' is {s.Length} characters; at most {MaxLength}", "shorten it", SourceLocation.ForField($"{name}[{i}]"));
                    if (item is not null && item.GetType().Namespace == typeof(Api.AcceptBody).Namespace && item is not Api.CalendarFileBody) Check(item, $"{name}[{i}].");
                    i++;
                }
            }
        }
    }
}
