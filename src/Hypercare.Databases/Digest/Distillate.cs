namespace Hypercare.Databases.Digest;

/// <summary>A short name for a class: its verb and the tables it touches (<c>SELECT products orders</c>).</summary>
internal static class Distillate
{
    private static readonly string[] TableKeywords = ["from", "join", "into", "update", "table"];

    public static string Of(string fingerprint)
    {
        if (fingerprint.StartsWith("administrator command: ", StringComparison.Ordinal))
            return "ADMIN " + fingerprint["administrator command: ".Length..].ToUpperInvariant();
        var words = fingerprint.Split([' ', ',', '(', ')', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        var verb = words[0].ToUpperInvariant();
        var tables = new List<string>();
        for (var i = 0; i + 1 < words.Length && tables.Count < 3; i++)
        {
            if (!TableKeywords.Contains(words[i])) continue;
            var name = words[i + 1].Replace("`", "", StringComparison.Ordinal);
            if (name is "?" or "select" or "ignore" or "low_priority" || tables.Contains(name) || !name.Any(char.IsLetter)) continue;
            tables.Add(name);
        }
        return tables.Count == 0 ? verb : $"{verb} {string.Join(' ', tables)}";
    }
}
