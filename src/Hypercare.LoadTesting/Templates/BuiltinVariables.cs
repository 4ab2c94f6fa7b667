using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypercare.LoadTesting.Templates;

/// <summary>
/// Variables every template may use without declaring them: <c>vu</c> (the virtual user's number),
/// <c>iteration</c> (the global iteration number), <c>uuid</c> (a fresh random UUID), <c>timestamp_ms</c>
/// (Unix milliseconds) and the function <c>random(min,max)</c> (a whole number, both ends included).
/// </summary>
internal static partial class BuiltinVariables
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "vu", "iteration", "uuid", "timestamp_ms" };

    [GeneratedRegex(@"^random\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)$")]
    private static partial Regex RandomFunction();

    public static bool IsFunction(string name) => RandomFunction().IsMatch(name);

    public static bool IsBuiltin(string name) => Names.Contains(name) || IsFunction(name);

    /// <summary>Checks a function's arguments; null when fine.</summary>
    public static string? Validate(string name)
    {
        var m = RandomFunction().Match(name);
        if (!m.Success) return null;
        if (!long.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var min) || !long.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var max))
            return $"'{name}': the bounds must be whole numbers";
        return min > max ? $"'{name}': the minimum is above the maximum" : null;
    }

    public static string? Evaluate(string name, long vu, long iteration, Random random, TimeProvider time)
    {
        switch (name)
        {
            case "vu": return vu.ToString(CultureInfo.InvariantCulture);
            case "iteration": return iteration.ToString(CultureInfo.InvariantCulture);
            case "uuid": return Guid.NewGuid().ToString();
            case "timestamp_ms": return time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }
        var m = RandomFunction().Match(name);
        if (!m.Success) return null;
        var min = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var max = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return random.NextInt64(min, max + 1).ToString(CultureInfo.InvariantCulture);
    }
}
