using Hypercare.Core.Problems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hypercare.Core.Yaml;

/// <summary>
/// Reads a YAML document strictly and collects located problems instead of stopping at the first one.
/// Modules read their own sections through <see cref="MapReader"/>; every unknown key, wrong type and
/// impossible value becomes a <see cref="Problem"/> with file, line and column.
/// </summary>
/// <remarks>
/// YamlDotNet's object deserializer drops positions, so documents are read as a node tree and bound
/// by hand: more code per section, but every error can point at the exact node.
/// </remarks>
public sealed class YamlDocumentReader
{
    private readonly List<Problem> _problems = [];

    private YamlDocumentReader(string file) => File = file;

    /// <summary>The file name as the user gave it.</summary>
    public string File { get; }

    /// <summary>Problems found so far.</summary>
    public IReadOnlyList<Problem> Problems => _problems;

    /// <summary>
    /// Parses the text. Returns the reader and the root node, or null root when the text is not YAML
    /// (the syntax problem is then in <see cref="Problems"/>).
    /// </summary>
    public static (YamlDocumentReader Reader, YamlNode? Root) Parse(string file, string text)
    {
        var reader = new YamlDocumentReader(file);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                reader.Add(null, "empty-document", "the file is empty", "write at least the 'engagement' section");
                return (reader, null);
            }
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode;
                reader.Add(second, "multiple-documents", "the file holds more than one YAML document", "remove the '---' separator and keep one document");
            }
            return (reader, stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes its messages with the position; ours carries the position separately.
            var parenthesis = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith('(') && parenthesis > 0) message = message[(parenthesis + 3)..];
            reader._problems.Add(new Problem("yaml-syntax", $"not valid YAML: {message}",
                new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column, null),
                "check indentation (spaces, not tabs), colons after keys and matching quotes"));
            return (reader, null);
        }
    }

    /// <summary>The location of a node.</summary>
    public SourceLocation At(YamlNode? node, string? path) =>
        node is null ? new SourceLocation(File, 0, 0, path) : new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column, path);

    /// <summary>Records a problem at a node.</summary>
    public void Add(YamlNode? node, string code, string message, string? hint = null, string? path = null) =>
        _problems.Add(new Problem(code, message, At(node, path), hint));

    /// <summary>Records a problem that was built elsewhere.</summary>
    public void Add(Problem problem) => _problems.Add(problem);

    /// <summary>Reads a node as a mapping, or records a type problem and returns null.</summary>
    public MapReader? Map(YamlNode? node, string path)
    {
        if (node is YamlMappingNode mapping) return new MapReader(this, mapping, path);
        if (node is null) return null;
        Add(node, "wrong-type", $"expected a mapping (key: value lines), found {Describe(node)}", null, path);
        return null;
    }

    /// <summary>Throws <see cref="BadInputException"/> when any problem was recorded.</summary>
    public void ThrowIfAny()
    {
        // In file order, so that the list reads top to bottom like the file.
        if (_problems.Count > 0)
            throw new BadInputException(_problems.OrderBy(p => p.Location?.File, StringComparer.Ordinal).ThenBy(p => p.Location?.Line ?? 0).ThenBy(p => p.Location?.Column ?? 0).ToList());
    }

    internal static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) && s.Style == ScalarStyle.Plain => "nothing (an empty value)",
        YamlScalarNode s => $"the text '{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };
}
