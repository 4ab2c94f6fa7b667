namespace Hypercare.Inventory.Hcl;

/// <summary>A place in a source file: 1-based line and column (in characters).</summary>
public readonly record struct HclPos(int Line, int Column)
{
    /// <summary>Whether this place is at or after another.</summary>
    public bool IsAtOrAfter(HclPos other) => Line > other.Line || Line == other.Line && Column >= other.Column;
}

/// <summary>The span of a syntax node in its file.</summary>
public readonly record struct HclRange(string File, HclPos Start, HclPos End)
{
    /// <summary>file:line:column of the start.</summary>
    public override string ToString() => $"{File}:{Start.Line}:{Start.Column}";
}

/// <summary>A node of the syntax tree; every node knows where it came from.</summary>
public abstract record HclNode(HclRange Range);

/// <summary>A body: attributes and blocks, in the order written.</summary>
public sealed record HclBody(IReadOnlyList<HclAttribute> Attributes, IReadOnlyList<HclBlock> Blocks, HclRange Range) : HclNode(Range)
{
    /// <summary>The attribute of that name, or null.</summary>
    public HclAttribute? Attribute(string name)
    {
        foreach (var a in Attributes) if (a.Name == name) return a;
        return null;
    }
}

/// <summary><c>name = expression</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "HCL's own name for name = expression; not a .NET attribute")]
public sealed record HclAttribute(string Name, HclExpression Value, HclRange NameRange, HclRange Range) : HclNode(Range);

/// <summary><c>type "label" label { body }</c>.</summary>
public sealed record HclBlock(string Type, IReadOnlyList<string> Labels, HclBody Body, HclRange Range) : HclNode(Range);

/// <summary>An expression.</summary>
public abstract record HclExpression(HclRange Range) : HclNode(Range);

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>. Numbers keep their text so no precision is lost.</summary>
public sealed record HclLiteral(HclLiteralKind Kind, string Text, HclRange Range) : HclExpression(Range);

/// <summary>The kinds of literal.</summary>
public enum HclLiteralKind
{
    /// <summary>A number.</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,
    /// <summary><c>null</c>.</summary>
    Null,
}

/// <summary>A quoted string or heredoc: literal text, interpolations and directives.</summary>
public sealed record HclTemplate : HclExpression
{
    // Most strings are plain text: they keep only the text, and their single part is made when asked for.
    private readonly IReadOnlyList<HclTemplatePart>? _parts;
    private readonly string? _literal;

    /// <summary>A template of parts.</summary>
    public HclTemplate(IReadOnlyList<HclTemplatePart> parts, bool heredoc, HclRange range) : base(range)
    {
        _parts = parts;
        Heredoc = heredoc;
    }

    /// <summary>A quoted string of plain text.</summary>
    internal HclTemplate(string literal, HclRange range) : base(range) => _literal = literal;

    /// <summary>The parts: text, interpolations, directives.</summary>
    public IReadOnlyList<HclTemplatePart> Parts => _parts ?? (_literal!.Length == 0 ? [] : [new HclTemplateText(_literal, Range)]);

    /// <summary>Whether it was written as a heredoc.</summary>
    public bool Heredoc { get; }

    /// <summary>The text when the template has no interpolation or directive, otherwise null.</summary>
    public string? LiteralText => _literal ?? (_parts!.Count == 0 ? "" : _parts.Count == 1 && _parts[0] is HclTemplateText t ? t.Text : null);
}

/// <summary>A part of a template.</summary>
public abstract record HclTemplatePart(HclRange Range) : HclNode(Range);

/// <summary>Literal text, with escapes already resolved.</summary>
public sealed record HclTemplateText(string Text, HclRange Range) : HclTemplatePart(Range);

/// <summary><c>${expression}</c>, with its strip markers (<c>${~</c>, <c>~}</c>).</summary>
public sealed record HclInterpolation(HclExpression Expression, bool StripBefore, bool StripAfter, HclRange Range) : HclTemplatePart(Range);

/// <summary><c>%{if c}...%{else}...%{endif}</c>.</summary>
public sealed record HclTemplateIf(HclExpression Condition, IReadOnlyList<HclTemplatePart> Then, IReadOnlyList<HclTemplatePart> Else, HclRange Range) : HclTemplatePart(Range);

/// <summary><c>%{for k, v in c}...%{endfor}</c>.</summary>
public sealed record HclTemplateFor(string? KeyVariable, string ValueVariable, HclExpression Collection, IReadOnlyList<HclTemplatePart> Body, HclRange Range) : HclTemplatePart(Range);

/// <summary><c>[a, b]</c>.</summary>
public sealed record HclTuple(IReadOnlyList<HclExpression> Items, HclRange Range) : HclExpression(Range);

/// <summary><c>{ key = value, "k" : v }</c>. A bare identifier key is a literal key, kept as <see cref="HclObjectItem.BareKey"/>.</summary>
public sealed record HclObject(IReadOnlyList<HclObjectItem> Items, HclRange Range) : HclExpression(Range);

/// <summary>One item of an object: a key (a bare name, or an expression) and a value.</summary>
public sealed record HclObjectItem(string? BareKey, HclExpression? KeyExpression, HclExpression Value, HclRange Range) : HclNode(Range);

/// <summary>A root name: <c>var</c>, <c>local</c>, <c>each</c>, <c>count</c>, <c>module</c>, a resource type, a for variable.</summary>
public sealed record HclVariable(string Name, HclRange Range) : HclExpression(Range);

/// <summary><c>source.name</c>.</summary>
public sealed record HclGetAttr(HclExpression Source, string Name, HclRange Range) : HclExpression(Range);

/// <summary><c>source[key]</c>, or the legacy <c>source.0</c> (<see cref="Legacy"/>).</summary>
public sealed record HclIndex(HclExpression Source, HclExpression Key, bool Legacy, HclRange Range) : HclExpression(Range);

/// <summary>
/// <c>source[*].a.b</c> (full) or <c>source.*.a</c> (attribute-only): <see cref="Each"/> is applied to every element,
/// which it refers to as <see cref="HclSplatItem"/>.
/// </summary>
public sealed record HclSplat(HclExpression Source, HclExpression Each, bool Full, HclRange Range) : HclExpression(Range);

/// <summary>The element a splat's traversal starts from.</summary>
public sealed record HclSplatItem(HclRange Range) : HclExpression(Range);

/// <summary><c>name(args)</c>, with <c>...</c> after the last argument expanding it.</summary>
public sealed record HclCall(string Name, IReadOnlyList<HclExpression> Arguments, bool ExpandFinal, HclRange Range) : HclExpression(Range);

/// <summary><c>[for k, v in c : value if cond]</c> or <c>{for k, v in c : key => value... if cond}</c>.</summary>
public sealed record HclFor(string? KeyVariable, string ValueVariable, HclExpression Collection, HclExpression? KeyResult, HclExpression ValueResult,
    HclExpression? Condition, bool Grouping, HclRange Range) : HclExpression(Range)
{
    /// <summary>Whether it builds an object (a key result is given).</summary>
    public bool IsObject => KeyResult is not null;
}

/// <summary><c>condition ? a : b</c>.</summary>
public sealed record HclConditional(HclExpression Condition, HclExpression True, HclExpression False, HclRange Range) : HclExpression(Range);

/// <summary>A binary operation; <see cref="Operator"/> as written (<c>+</c>, <c>&amp;&amp;</c>, <c>==</c>...).</summary>
public sealed record HclBinary(string Operator, HclExpression Left, HclExpression Right, HclRange Range) : HclExpression(Range);

/// <summary><c>!x</c> or <c>-x</c>.</summary>
public sealed record HclUnary(string Operator, HclExpression Operand, HclRange Range) : HclExpression(Range);

/// <summary><c>(expression)</c>; kept so a parenthesized object key stays an expression.</summary>
public sealed record HclParentheses(HclExpression Inner, HclRange Range) : HclExpression(Range);

/// <summary>A parsed file: its body (what could be read) and the syntax errors found.</summary>
public sealed record HclFile(string Path, HclBody Body, IReadOnlyList<Core.Problems.Problem> Errors);
