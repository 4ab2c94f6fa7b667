using System.Text;

namespace Hypercare.Core;

/// <summary>
/// The one spelling of enum values that users see in files, on the command line and in JSON:
/// <c>CustomerProjectManager</c> is <c>customer-project-manager</c>.
/// </summary>
public static class KebabCase
{
    /// <summary>The kebab-case name of an enum value.</summary>
    public static string Of<T>(T value) where T : struct, Enum => FromPascal(value.ToString());

    /// <summary>Converts a PascalCase identifier to kebab-case.</summary>
    public static string FromPascal(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var startsWord = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                                           (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (startsWord) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>All kebab-case names of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of).ToList();

    /// <summary>Parses a kebab-case (or underscore, or PascalCase) name into an enum value.</summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        var wanted = text.Trim().Replace('_', '-').ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Of(candidate) == wanted || candidate.ToString().Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Parses or throws a located bad-input error listing the accepted names.</summary>
    public static T Parse<T>(string text, string field) where T : struct, Enum
    {
        if (TryParse<T>(text, out var value)) return value;
        var names = Names<T>();
        var closest = Problems.Suggestions.Closest(text, names);
        throw new Problems.BadInputException("invalid-value",
            $"'{text}' is not a valid {field}",
            closest is null ? $"use one of: {string.Join(", ", names)}" : $"did you mean '{closest}'? accepted: {string.Join(", ", names)}",
            Problems.SourceLocation.ForField(field));
    }
}
