using System.Text;

namespace Hypercare.LoadTesting.Templates;

/// <summary>
/// Text with <c>${name}</c> placeholders, split once into literal and variable parts so that rendering
/// per request is a concatenation. <c>$${</c> writes a literal <c>${</c>.
/// </summary>
public sealed class Template
{
    private readonly Part[] _parts;

    private Template(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>True when the template has no placeholder.</summary>
    public bool IsConstant => _parts.All(p => p.Variable is null);

    /// <summary>The variables the template reads, in order of appearance.</summary>
    public IEnumerable<string> Variables => _parts.Where(p => p.Variable is not null).Select(p => p.Variable!);

    /// <summary>A template without placeholders.</summary>
    public static Template Literal(string text) => new(text, [new Part(text, null)]);

    /// <summary>Parses a template; the error says at which character a placeholder is malformed.</summary>
    public static bool TryParse(string text, out Template template, out string? error)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    template = Literal(text);
                    error = $"the placeholder at character {i + 1} has no closing '}}'";
                    return false;
                }
                var name = text[(i + 2)..end].Trim();
                if (!IsValidName(name))
                {
                    template = Literal(text);
                    error = $"'${{{name}}}' at character {i + 1} is not a variable name (letters, digits, '_', '-', '.', or a function such as random(1,100))";
                    return false;
                }
                if (literal.Length > 0) { parts.Add(new Part(literal.ToString(), null)); literal.Clear(); }
                parts.Add(new Part(null, name));
                i = end + 1;
                continue;
            }
            literal.Append(text[i]);
            i++;
        }
        if (literal.Length > 0 || parts.Count == 0) parts.Add(new Part(literal.ToString(), null));
        template = new Template(text, [.. parts]);
        error = null;
        return true;
    }

    /// <summary>Renders the template with values from <paramref name="scope"/>.</summary>
    public string Render(IVariableScope scope)
    {
        if (_parts.Length == 1 && _parts[0].Variable is null) return _parts[0].Literal!;
        var sb = new StringBuilder();
        foreach (var part in _parts)
            sb.Append(part.Variable is null ? part.Literal : scope.Resolve(part.Variable));
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool IsValidName(string name)
    {
        if (name.Length == 0) return false;
        if (BuiltinVariables.IsFunction(name)) return true;
        foreach (var c in name)
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        return true;
    }

    private readonly record struct Part(string? Literal, string? Variable);
}

/// <summary>Where a template's variables get their values.</summary>
public interface IVariableScope
{
    /// <summary>The value of a variable; unknown names render as an empty string after validation has ruled them out.</summary>
    string Resolve(string name);
}
