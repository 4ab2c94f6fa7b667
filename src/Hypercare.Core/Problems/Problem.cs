namespace Hypercare.Core.Problems;

/// <summary>Where a problem was found: a file position, a path inside a document, or both.</summary>
/// <param name="File">The file as the user named it, or null when the input did not come from a file.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Path">A dotted path inside the document such as <c>engagement.key_phases[1].end</c>, or a field name.</param>
public sealed record SourceLocation(string? File, int Line, int Column, string? Path)
{
    /// <summary>A location that names only a field or argument.</summary>
    public static SourceLocation ForField(string path) => new(null, 0, 0, path);

    /// <inheritdoc />
    public override string ToString()
    {
        var position = File is null ? "" : Line > 0 ? $"{File}:{Line}:{Column}" : File;
        if (string.IsNullOrEmpty(Path)) return position;
        return position.Length == 0 ? Path : $"{position}: {Path}";
    }
}

/// <summary>
/// One thing wrong with an input or a request, said so that a person can fix it: where, what, and how.
/// </summary>
/// <param name="Code">A stable, kebab-case identifier such as <c>unknown-key</c> for scripts and tests.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Location">Where, when the problem has a place.</param>
/// <param name="Hint">What would fix it, when there is something to say.</param>
public sealed record Problem(string Code, string Message, SourceLocation? Location = null, string? Hint = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Location?.ToString();
        var text = string.IsNullOrEmpty(where) ? Message : $"{where}: {Message}";
        return Hint is null ? text : $"{text} ({Hint})";
    }
}
