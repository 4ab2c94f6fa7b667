using System.Globalization;
using System.Text;
using Hypercare.Core.Problems;

namespace Hypercare.Inventory.Hcl;

/// <summary>
/// Parses HCL's native syntax (what .tf and .tfvars files are written in) into a syntax tree with a range on every
/// node. A syntax error is reported with file:line:column and what was expected; the parser then skips to the next
/// line and goes on, so a file with errors still yields everything else. Nesting deeper than
/// <see cref="MaxDepth"/> levels is an error rather than a stack overflow.
/// </summary>
public sealed class HclParser
{
    /// <summary>The deepest nesting of blocks and expressions accepted.</summary>
    public const int MaxDepth = 128;

    private readonly HclLexer _lexer;
    private readonly string _file;
    private readonly List<Problem> _errors = [];
    private readonly Stack<bool> _skipNewlines = new();
    private Token _tok;
    private int _depth;

    private HclParser(string file, string text)
    {
        _file = file;
        _lexer = new HclLexer(text);
    }

    /// <summary>Parses a file's text; <paramref name="file"/> names it in ranges and errors.</summary>
    public static HclFile Parse(string file, string text)
    {
        var parser = new HclParser(file, text);
        try { parser.Advance(); }
        catch (HclSyntaxError e)
        {
            parser._errors.Add(parser.Problem(e));
            parser.Recover(inBlock: false);
        }
        var body = parser.ParseBody(inBlock: false, parser._tok.Start);
        return new HclFile(file, body, parser._errors);
    }

    /// <summary>Parses a single expression (e.g. a -var value); errors as for a file.</summary>
    public static (HclExpression? Expression, IReadOnlyList<Problem> Errors) ParseExpression(string source, string text)
    {
        var parser = new HclParser(source, text);
        try
        {
            parser.Advance();
            var expression = parser.Expression();
            while (parser._tok.Kind == Tk.Newline) parser.Advance();
            if (parser._tok.Kind != Tk.Eof) throw Error(parser._tok.Start, $"expected the end of the expression, found {Describe(parser._tok)}");
            return (expression, parser._errors);
        }
        catch (HclSyntaxError e)
        {
            parser._errors.Add(parser.Problem(e));
            return (null, parser._errors);
        }
    }

    private bool SkipNewlines => _skipNewlines.Count > 0 && _skipNewlines.Peek();

    private void Advance()
    {
        _tok = _lexer.Next(SkipNewlines);
        if (_tok.Kind == Tk.Invalid) throw Error(_tok.Start, _tok.Text!);
    }

    private Token PeekNext()
    {
        var saved = _lexer.State;
        var next = _lexer.Next(SkipNewlines);
        _lexer.State = saved;
        return next;
    }

    private HclRange Range(HclPos start) => new(_file, start, _tok.Start.IsAtOrAfter(start) ? LastEnd : start);

    private HclPos LastEnd { get; set; }

    private void Consume()
    {
        LastEnd = _tok.End;
        Advance();
    }

    // ---------------------------------------------------------------- bodies

    private HclBody ParseBody(bool inBlock, HclPos start)
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        Enter(start);
        try
        {
            while (true)
            {
                var mark = _skipNewlines.Count;
                var depth = _depth;
                try
                {
                    if (_tok.Kind == Tk.Newline) { Consume(); continue; }
                    if (_tok.Kind == Tk.Eof)
                    {
                        if (inBlock) _errors.Add(Problem(new HclSyntaxError(_tok.Start, "the file ends inside a block: expected '}'", "close every block with }")));
                        break;
                    }
                    if (_tok.Kind == Tk.RBrace)
                    {
                        if (inBlock) break;
                        _errors.Add(Problem(new HclSyntaxError(_tok.Start, "'}' without a block to close", "remove it, or open the block it was meant to close")));
                        Consume();
                        continue;
                    }
                    ParseItem(attributes, blocks, inBlock);
                }
                catch (HclSyntaxError e)
                {
                    _errors.Add(Problem(e));
                    while (_skipNewlines.Count > mark) _skipNewlines.Pop();
                    _depth = depth;
                    Recover(inBlock);
                }
            }
        }
        finally { _depth--; }
        return new HclBody(attributes, blocks, new HclRange(_file, start, _tok.Start));
    }

    private void ParseItem(List<HclAttribute> attributes, List<HclBlock> blocks, bool inBlock)
    {
        if (_tok.Kind != Tk.Ident) throw Error(_tok.Start, $"expected an attribute name or a block type, found {Describe(_tok)}");
        var name = _tok;
        Consume();
        if (_tok.Kind == Tk.Assign)
        {
            Consume();
            var value = Expression();
            attributes.Add(new HclAttribute(name.Text!, value, new HclRange(_file, name.Start, name.End), new HclRange(_file, name.Start, LastEnd)));
            EndOfItem(inBlock, "an attribute");
            return;
        }
        var labels = new List<string>();
        while (_tok.Kind is Tk.Ident or Tk.Quote)
        {
            if (_tok.Kind == Tk.Ident) { labels.Add(_tok.Text!); Consume(); continue; }
            var labelStart = _tok.Start;
            var template = QuotedTemplate();
            labels.Add(template.LiteralText ?? throw Error(labelStart, "a block label cannot contain interpolations or directives"));
        }
        if (_tok.Kind != Tk.LBrace)
            throw Error(_tok.Start, labels.Count == 0
                ? $"expected '=' or a block after '{name.Text}', found {Describe(_tok)}"
                : $"expected '{{' to open the body of block '{name.Text}', found {Describe(_tok)}");
        var open = _tok.Start;
        Consume();
        var body = ParseBody(inBlock: true, open);
        if (_tok.Kind != Tk.RBrace) throw Error(_tok.Start, $"expected '}}' to close block '{name.Text}' opened at line {open.Line}");
        Consume();
        blocks.Add(new HclBlock(name.Text!, labels, body, new HclRange(_file, name.Start, LastEnd)));
        EndOfItem(inBlock, "a block");
    }

    private void EndOfItem(bool inBlock, string what)
    {
        if (_tok.Kind is Tk.Newline) { Consume(); return; }
        if (_tok.Kind is Tk.Eof || inBlock && _tok.Kind == Tk.RBrace) return;
        throw Error(_tok.Start, $"expected a newline after {what}, found {Describe(_tok)}");
    }

    /// <summary>Skips to the end of the line (or the closing brace of the current block), past any brackets.</summary>
    private void Recover(bool inBlock)
    {
        var nesting = 0;
        while (true)
        {
            try
            {
                switch (_tok.Kind)
                {
                    case Tk.Eof: return;
                    case Tk.Newline when nesting == 0: Consume(); return;
                    case Tk.RBrace when nesting == 0 && inBlock: return;
                    case Tk.LBrace or Tk.LBrack or Tk.LParen: nesting++; break;
                    case Tk.RBrace or Tk.RBrack or Tk.RParen: nesting = Math.Max(0, nesting - 1); break;
                    case Tk.Quote: SkipQuoted(); continue;
                }
                Consume();
            }
            catch (HclSyntaxError)
            {
                // An invalid character while skipping: the lexer is already past it; go on from the next token.
                _tok = new Token(Tk.Comma, _lexer.Pos, _lexer.Pos);
            }
        }
    }

    private void SkipQuoted()
    {
        while (!_lexer.AtEnd && _lexer.Peek() != '\n')
        {
            var c = _lexer.Read();
            if (c == '\\' && !_lexer.AtEnd && _lexer.Peek() != '\n') _lexer.Read();
            else if (c == '"') break;
        }
        Advance();
    }

    // ---------------------------------------------------------------- expressions

    private HclExpression Expression()
    {
        var start = _tok.Start;
        Enter(start);
        try
        {
            var condition = Binary(1);
            if (_tok.Kind != Tk.Question) return condition;
            Consume();
            var whenTrue = Expression();
            Expect(Tk.Colon, "':' between the two results of a conditional");
            Consume();
            var whenFalse = Expression();
            return new HclConditional(condition, whenTrue, whenFalse, Range(start));
        }
        finally { _depth--; }
    }

    private static int Precedence(Tk kind) => kind switch
    {
        Tk.Or => 1,
        Tk.And => 2,
        Tk.Eq or Tk.NotEq => 3,
        Tk.Lt or Tk.Le or Tk.Gt or Tk.Ge => 4,
        Tk.Plus or Tk.Minus => 5,
        Tk.Star or Tk.Slash or Tk.Percent => 6,
        _ => 0,
    };

    private static string Operator(Tk kind) => kind switch
    {
        Tk.Or => "||", Tk.And => "&&", Tk.Eq => "==", Tk.NotEq => "!=", Tk.Lt => "<", Tk.Le => "<=", Tk.Gt => ">", Tk.Ge => ">=",
        Tk.Plus => "+", Tk.Minus => "-", Tk.Star => "*", Tk.Slash => "/", _ => "%",
    };

    private HclExpression Binary(int minimum)
    {
        var start = _tok.Start;
        var left = Unary();
        while (Precedence(_tok.Kind) is var precedence && precedence >= minimum)
        {
            var op = Operator(_tok.Kind);
            Consume();
            Enter(start);
            try
            {
                var right = Binary(precedence + 1);
                left = new HclBinary(op, left, right, Range(start));
            }
            finally { _depth--; }
        }
        return left;
    }

    private HclExpression Unary()
    {
        if (_tok.Kind is Tk.Bang or Tk.Minus)
        {
            var start = _tok.Start;
            var op = _tok.Kind == Tk.Bang ? "!" : "-";
            Consume();
            Enter(start);
            try { return new HclUnary(op, Unary(), Range(start)); }
            finally { _depth--; }
        }
        return Postfix(Primary());
    }

    private HclExpression Primary()
    {
        var start = _tok.Start;
        switch (_tok.Kind)
        {
            case Tk.Number:
                var number = _tok.Text!;
                Consume();
                return new HclLiteral(HclLiteralKind.Number, number, Range(start));
            case Tk.Ident:
                var name = _tok.Text!;
                Consume();
                switch (name)
                {
                    case "true" or "false": return new HclLiteral(HclLiteralKind.Bool, name, Range(start));
                    case "null": return new HclLiteral(HclLiteralKind.Null, name, Range(start));
                }
                if (_tok.Kind == Tk.LParen) return Call(name, start);
                if (_tok.Kind == Tk.Colon && _lexer.Peek() == ':') return Call(ProviderFunction(name), start);
                return new HclVariable(name, Range(start));
            case Tk.Quote:
                return QuotedTemplate();
            case Tk.Heredoc:
                return Heredoc();
            case Tk.LBrack:
                return TupleOrFor();
            case Tk.LBrace:
                return ObjectOrFor();
            case Tk.LParen:
                _skipNewlines.Push(true);
                Consume();
                var inner = Expression();
                Expect(Tk.RParen, "')' to close the parenthesis");
                _skipNewlines.Pop();
                Consume();
                return new HclParentheses(inner, Range(start));
            default:
                throw Error(start, $"expected an expression, found {Describe(_tok)}");
        }
    }

    /// <summary>provider::name::function — Terraform's provider-defined functions.</summary>
    private string ProviderFunction(string first)
    {
        var name = new StringBuilder(first);
        while (_tok.Kind == Tk.Colon && _lexer.Peek() == ':')
        {
            _lexer.Read();
            Consume();
            if (_tok.Kind != Tk.Ident) throw Error(_tok.Start, $"expected a name after '::', found {Describe(_tok)}");
            name.Append("::").Append(_tok.Text);
            Consume();
        }
        if (_tok.Kind != Tk.LParen) throw Error(_tok.Start, $"expected '(' after the function name {name}, found {Describe(_tok)}");
        return name.ToString();
    }

    private HclExpression Postfix(HclExpression expression)
    {
        var start = expression.Range.Start;
        while (true)
        {
            if (_tok.Kind == Tk.Dot)
            {
                Consume();
                if (_tok.Kind == Tk.Star)
                {
                    Consume();
                    HclExpression each = new HclSplatItem(Range(start));
                    while (_tok.Kind == Tk.Dot && PeekNext().Kind is Tk.Ident or Tk.Number)
                    {
                        Consume();
                        each = AttributeStep(each, start);
                    }
                    expression = new HclSplat(expression, each, Full: false, Range(start));
                    continue;
                }
                expression = AttributeStep(expression, start);
                continue;
            }
            if (_tok.Kind == Tk.LBrack)
            {
                _skipNewlines.Push(true);
                Consume();
                if (_tok.Kind == Tk.Star)
                {
                    Consume();
                    Expect(Tk.RBrack, "']' after '[*'");
                    _skipNewlines.Pop();
                    Consume();
                    HclExpression each = new HclSplatItem(Range(start));
                    while (_tok.Kind is Tk.Dot or Tk.LBrack)
                    {
                        if (_tok.Kind == Tk.Dot)
                        {
                            if (PeekNext().Kind == Tk.Star) break;
                            Consume();
                            each = AttributeStep(each, start);
                        }
                        else
                        {
                            _skipNewlines.Push(true);
                            Consume();
                            if (_tok.Kind == Tk.Star) throw Error(_tok.Start, "a splat inside a splat is not supported; use a for expression");
                            var key = Expression();
                            Expect(Tk.RBrack, "']' to close the index");
                            _skipNewlines.Pop();
                            Consume();
                            each = new HclIndex(each, key, false, Range(start));
                        }
                    }
                    expression = new HclSplat(expression, each, Full: true, Range(start));
                    continue;
                }
                var index = Expression();
                Expect(Tk.RBrack, "']' to close the index");
                _skipNewlines.Pop();
                Consume();
                expression = new HclIndex(expression, index, false, Range(start));
                continue;
            }
            return expression;
        }
    }

    private HclExpression AttributeStep(HclExpression source, HclPos start)
    {
        if (_tok.Kind == Tk.Ident)
        {
            var name = _tok.Text!;
            Consume();
            return new HclGetAttr(source, name, Range(start));
        }
        if (_tok.Kind == Tk.Number && !_tok.Text!.Contains('.', StringComparison.Ordinal) && !_tok.Text.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            var key = new HclLiteral(HclLiteralKind.Number, _tok.Text, new HclRange(_file, _tok.Start, _tok.End));
            Consume();
            return new HclIndex(source, key, Legacy: true, Range(start));
        }
        throw Error(_tok.Start, $"expected an attribute name after '.', found {Describe(_tok)}");
    }

    private HclCall Call(string name, HclPos start)
    {
        _skipNewlines.Push(true);
        Consume();
        var arguments = new List<HclExpression>();
        var expand = false;
        while (_tok.Kind != Tk.RParen)
        {
            arguments.Add(Expression());
            if (_tok.Kind == Tk.Ellipsis)
            {
                expand = true;
                Consume();
                Expect(Tk.RParen, "')' after the expanded final argument");
                break;
            }
            if (_tok.Kind == Tk.Comma) { Consume(); continue; }
            Expect(Tk.RParen, $"',' or ')' in the arguments of {name}()");
        }
        _skipNewlines.Pop();
        Consume();
        return new HclCall(name, arguments, expand, Range(start));
    }

    private HclExpression TupleOrFor()
    {
        var start = _tok.Start;
        _skipNewlines.Push(true);
        Consume();
        if (IsForKeyword()) return For(start, Tk.RBrack);
        var items = new List<HclExpression>();
        while (_tok.Kind != Tk.RBrack)
        {
            items.Add(Expression());
            if (_tok.Kind == Tk.Comma) { Consume(); continue; }
            Expect(Tk.RBrack, "',' or ']' in the list");
        }
        _skipNewlines.Pop();
        Consume();
        return new HclTuple(items, Range(start));
    }

    private HclExpression ObjectOrFor()
    {
        var start = _tok.Start;
        // Items of an object are separated by commas or newlines, so newlines count inside its braces.
        _skipNewlines.Push(false);
        Consume();
        while (_tok.Kind == Tk.Newline) Consume();
        if (IsForKeyword())
        {
            _skipNewlines.Pop();
            _skipNewlines.Push(true);
            return For(start, Tk.RBrace);
        }
        var items = new List<HclObjectItem>();
        while (true)
        {
            while (_tok.Kind == Tk.Newline) Consume();
            if (_tok.Kind == Tk.RBrace) break;
            var itemStart = _tok.Start;
            var key = Expression();
            if (_tok.Kind is not (Tk.Assign or Tk.Colon)) throw Error(_tok.Start, $"expected '=' or ':' after an object key, found {Describe(_tok)}");
            Consume();
            var value = Expression();
            items.Add(key is HclVariable bare
                ? new HclObjectItem(bare.Name, null, value, Range(itemStart))
                : new HclObjectItem(null, key, value, Range(itemStart)));
            if (_tok.Kind is Tk.Comma or Tk.Newline) { Consume(); continue; }
            Expect(Tk.RBrace, "',', a newline or '}' after an object item");
        }
        _skipNewlines.Pop();
        Consume();
        return new HclObject(items, Range(start));
    }

    private bool IsForKeyword() => _tok is { Kind: Tk.Ident, Text: "for" } && PeekNext().Kind == Tk.Ident;

    private HclFor For(HclPos start, Tk closing)
    {
        Consume();
        var (key, value, collection) = ForHead("'for'");
        Expect(Tk.Colon, "':' after the collection of a for expression");
        Consume();
        HclExpression? keyResult = null;
        var grouping = false;
        if (closing == Tk.RBrace)
        {
            keyResult = Expression();
            Expect(Tk.FatArrow, "'=>' between the key and the value of an object for expression");
            Consume();
        }
        var valueResult = Expression();
        if (closing == Tk.RBrace && _tok.Kind == Tk.Ellipsis) { grouping = true; Consume(); }
        HclExpression? condition = null;
        if (_tok is { Kind: Tk.Ident, Text: "if" })
        {
            Consume();
            condition = Expression();
        }
        Expect(closing, closing == Tk.RBrace ? "'}' to close the for expression" : "']' to close the for expression");
        _skipNewlines.Pop();
        Consume();
        return new HclFor(key, value, collection, keyResult, valueResult, condition, grouping, Range(start));
    }

    /// <summary><c>k, v in collection</c> (or <c>v in collection</c>) after <c>for</c> or <c>%{for</c>.</summary>
    private (string? Key, string Value, HclExpression Collection) ForHead(string after)
    {
        var first = ExpectName($"a variable name after {after}");
        string? key = null;
        var value = first;
        if (_tok.Kind == Tk.Comma)
        {
            Consume();
            key = first;
            value = ExpectName("a second variable name after ','");
        }
        if (_tok is not { Kind: Tk.Ident, Text: "in" }) throw Error(_tok.Start, $"expected 'in' after the variables of {after}, found {Describe(_tok)}");
        Consume();
        return (key, value, Expression());
    }

    private string ExpectName(string what)
    {
        if (_tok.Kind != Tk.Ident) throw Error(_tok.Start, $"expected {what}, found {Describe(_tok)}");
        var name = _tok.Text!;
        Consume();
        return name;
    }

    // ---------------------------------------------------------------- templates

    private enum Stop { Quote, Heredoc, Else, EndIf, EndFor }

    private HclTemplate QuotedTemplate()
    {
        var start = _tok.Start;
        if (_lexer.SimpleString() is { } simple)
        {
            LastEnd = _lexer.Pos;
            Advance();
            return new HclTemplate(simple, new HclRange(_file, start, LastEnd));
        }
        var (parts, _) = TemplateParts(start, null, inDirective: false);
        LastEnd = _lexer.Pos;
        Advance();
        return new HclTemplate(Strip(parts), heredoc: false, new HclRange(_file, start, LastEnd));
    }

    private HclTemplate Heredoc()
    {
        var start = _tok.Start;
        var marker = _tok.Text!;
        var indented = _tok.Indented;
        var (parts, _) = TemplateParts(start, marker, inDirective: false);
        LastEnd = _lexer.Pos;
        Advance();
        var stripped = Strip(parts);
        return new HclTemplate(indented ? Dedent(stripped) : stripped, heredoc: true, new HclRange(_file, start, LastEnd));
    }

    /// <summary>
    /// Reads template text from the lexer's position until the closing quote, the heredoc's marker line, or (inside
    /// a directive) the directive that ends the part.
    /// </summary>
    private (List<HclTemplatePart> Parts, Stop Stop) TemplateParts(HclPos templateStart, string? heredoc, bool inDirective)
    {
        // Builders are reused: templates nest (an interpolation can hold a string), so they come from a small pool.
        var text = _spareBuilders.Count > 0 ? _spareBuilders.Pop() : new StringBuilder();
        try { return TemplateParts(templateStart, heredoc, inDirective, text); }
        finally
        {
            text.Clear();
            if (text.Capacity <= 4096) _spareBuilders.Push(text);
        }
    }

    private readonly Stack<StringBuilder> _spareBuilders = new();

    private void Flush(List<HclTemplatePart> parts, StringBuilder text, HclPos textStart)
    {
        if (text.Length > 0) parts.Add(new HclTemplateText(text.ToString(), new HclRange(_file, textStart, _lexer.Pos)));
        text.Clear();
    }

    private (List<HclTemplatePart> Parts, Stop Stop) TemplateParts(HclPos templateStart, string? heredoc, bool inDirective, StringBuilder text)
    {
        var parts = new List<HclTemplatePart>();
        var textStart = _lexer.Pos;
        var lineStart = heredoc is not null && (_lexer.Pos.Column == 1);

        while (true)
        {
            if (_lexer.AtEnd)
                throw Error(templateStart, heredoc is null ? "the string is not closed: expected '\"'" : $"the heredoc is not closed: expected a line with {heredoc}",
                    heredoc is null ? "close the string on the same line" : $"end the heredoc with a line holding only {heredoc}");
            if (heredoc is not null && lineStart && ClosesHeredoc(heredoc))
            {
                Flush(parts, text, textStart);
                if (inDirective) throw Error(_lexer.Pos, "the heredoc ends inside a %{if} or %{for} directive", "close it with %{endif} or %{endfor}");
                while (_lexer.Peek() is ' ' or '\t') _lexer.Read();
                for (var i = 0; i < heredoc.Length; i++) _lexer.Read();
                return (parts, Stop.Heredoc);
            }
            lineStart = false;
            var c = _lexer.Peek();
            if (heredoc is null)
            {
                if (c == '"')
                {
                    Flush(parts, text, textStart);
                    if (inDirective) throw Error(_lexer.Pos, "the string ends inside a %{if} or %{for} directive", "close it with %{endif} or %{endfor}");
                    _lexer.Read();
                    return (parts, Stop.Quote);
                }
                if (c is '\n' or '\r') throw Error(templateStart, "the string is not closed on its line", "strings cannot span lines; use a heredoc (<<EOT) for text over several lines");
                if (c == '\\')
                {
                    if (text.Length == 0) textStart = _lexer.Pos;
                    text.Append(Escape());
                    continue;
                }
            }
            if ((c == '$' || c == '%') && _lexer.Peek(1) == c && _lexer.Peek(2) == '{')
            {
                if (text.Length == 0) textStart = _lexer.Pos;
                _lexer.Read();
                text.Append(_lexer.Read()).Append(_lexer.Read());
                continue;
            }
            if (c == '$' && _lexer.Peek(1) == '{')
            {
                Flush(parts, text, textStart);
                parts.Add(Interpolation());
                textStart = _lexer.Pos;
                continue;
            }
            if (c == '%' && _lexer.Peek(1) == '{')
            {
                Flush(parts, text, textStart);
                var directiveStart = _lexer.Pos;
                var (keyword, stripBefore) = DirectiveKeyword();
                switch (keyword)
                {
                    case "if":
                        parts.Add(If(directiveStart, templateStart, heredoc, stripBefore));
                        break;
                    case "for":
                        parts.Add(ForDirective(directiveStart, templateStart, heredoc));
                        break;
                    case "else" or "endif" or "endfor":
                        if (!inDirective) throw Error(directiveStart, $"%{{{keyword}}} without an opening %{{{(keyword == "endfor" ? "for" : "if")}}}");
                        DirectiveEnd();
                        return (parts, keyword switch { "else" => Stop.Else, "endif" => Stop.EndIf, _ => Stop.EndFor });
                    default:
                        throw Error(directiveStart, $"'%{{{keyword}' is not a template directive", "directives are %{if}, %{else}, %{endif}, %{for} and %{endfor}; write %%{ for a literal %{");
                }
                textStart = _lexer.Pos;
                continue;
            }
            if (text.Length == 0) textStart = _lexer.Pos;
            var read = _lexer.Read();
            text.Append(read);
            if (read == '\n') lineStart = true;
            else if (heredoc is null)
            {
                // Plain characters of a quoted string, taken in one step.
                var run = _lexer.PlainRun();
                if (run.Length > 0) text.Append(run);
            }
        }
    }

    private bool ClosesHeredoc(string marker)
    {
        var i = 0;
        while (_lexer.Peek(i) is ' ' or '\t') i++;
        for (var j = 0; j < marker.Length; j++)
            if (_lexer.Peek(i + j) != marker[j]) return false;
        var after = _lexer.Peek(i + marker.Length);
        return after is '\n' or '\r' or '\0';
    }

    private string Escape()
    {
        var at = _lexer.Pos;
        _lexer.Read();
        if (_lexer.AtEnd) throw Error(at, "the string ends in the middle of an escape");
        var c = _lexer.Read();
        switch (c)
        {
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case '"': return "\"";
            case '\\': return "\\";
            case 'u' or 'U':
                var length = c == 'u' ? 4 : 8;
                var hex = new StringBuilder();
                for (var i = 0; i < length && char.IsAsciiHexDigit(_lexer.Peek()); i++) hex.Append(_lexer.Read());
                if (hex.Length != length || !int.TryParse(hex.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
                    throw Error(at, $"\\{c} must be followed by {length} hexadecimal digits of a Unicode code point");
                return char.ConvertFromUtf32(code);
            default:
                throw Error(at, $"'\\{HclLexer.Printable(c)}' is not an escape", "escapes are \\n \\r \\t \\\" \\\\ \\uNNNN and \\UNNNNNNNN; write \\\\ for a backslash");
        }
    }

    private HclInterpolation Interpolation()
    {
        var start = _lexer.Pos;
        _lexer.Read(); _lexer.Read();
        var stripBefore = _lexer.Peek() == '~';
        if (stripBefore) _lexer.Read();
        _skipNewlines.Push(true);
        Advance();
        var expression = Expression();
        var stripAfter = _tok.Kind == Tk.TildeRBrace;
        if (!stripAfter) Expect(Tk.RBrace, "'}' to close the interpolation");
        _skipNewlines.Pop();
        return new HclInterpolation(expression, stripBefore, stripAfter, new HclRange(_file, start, _lexer.Pos));
    }

    private (string Keyword, bool StripBefore) DirectiveKeyword()
    {
        _lexer.Read(); _lexer.Read();
        var strip = _lexer.Peek() == '~';
        if (strip) _lexer.Read();
        _skipNewlines.Push(true);
        Advance();
        if (_tok.Kind != Tk.Ident) throw Error(_tok.Start, $"expected a directive (if, for, else, endif, endfor) after '%{{', found {Describe(_tok)}");
        var keyword = _tok.Text!;
        if (keyword is "else" or "endif" or "endfor") return (keyword, strip);
        Consume();
        return (keyword, strip);
    }

    private void DirectiveEnd()
    {
        if (_tok.Kind is Tk.Ident) Consume();
        if (_tok.Kind is not (Tk.RBrace or Tk.TildeRBrace)) throw Error(_tok.Start, $"expected '}}' to close the directive, found {Describe(_tok)}");
        _skipNewlines.Pop();
    }

    private HclTemplateIf If(HclPos start, HclPos templateStart, string? heredoc, bool stripBefore)
    {
        _ = stripBefore;
        var condition = Expression();
        if (_tok.Kind is not (Tk.RBrace or Tk.TildeRBrace)) throw Error(_tok.Start, $"expected '}}' to close %{{if}}, found {Describe(_tok)}");
        _skipNewlines.Pop();
        var (then, stop) = TemplateParts(templateStart, heredoc, inDirective: true);
        IReadOnlyList<HclTemplatePart> otherwise = [];
        if (stop == Stop.Else)
        {
            (var elseParts, stop) = TemplateParts(templateStart, heredoc, inDirective: true);
            otherwise = elseParts;
        }
        if (stop != Stop.EndIf) throw Error(start, "%{if} is closed by %{endfor}; expected %{endif}");
        return new HclTemplateIf(condition, Strip(then), Strip([.. otherwise]), new HclRange(_file, start, _lexer.Pos));
    }

    private HclTemplateFor ForDirective(HclPos start, HclPos templateStart, string? heredoc)
    {
        var (key, value, collection) = ForHead("%{for");
        if (_tok.Kind is not (Tk.RBrace or Tk.TildeRBrace)) throw Error(_tok.Start, $"expected '}}' to close %{{for}}, found {Describe(_tok)}");
        _skipNewlines.Pop();
        var (body, stop) = TemplateParts(templateStart, heredoc, inDirective: true);
        if (stop != Stop.EndFor) throw Error(start, "%{for} must be closed by %{endfor}");
        return new HclTemplateFor(key, value, collection, Strip(body), new HclRange(_file, start, _lexer.Pos));
    }

    /// <summary>Applies the strip markers: <c>${~</c> trims the whitespace before, <c>~}</c> the whitespace after.</summary>
    private static List<HclTemplatePart> Strip(List<HclTemplatePart> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is not HclInterpolation interpolation) continue;
            if (interpolation.StripBefore && i > 0 && parts[i - 1] is HclTemplateText before)
                parts[i - 1] = before with { Text = before.Text.TrimEnd() };
            if (interpolation.StripAfter && i + 1 < parts.Count && parts[i + 1] is HclTemplateText after)
                parts[i + 1] = after with { Text = after.Text.TrimStart() };
        }
        parts.RemoveAll(p => p is HclTemplateText { Text.Length: 0 });
        return parts;
    }

    /// <summary><c>&lt;&lt;-</c> heredocs: removes the indentation common to all non-blank lines.</summary>
    private static List<HclTemplatePart> Dedent(List<HclTemplatePart> parts)
    {
        var indent = int.MaxValue;
        var atLineStart = true;
        foreach (var part in parts)
        {
            if (part is not HclTemplateText text)
            {
                if (atLineStart) indent = 0;
                atLineStart = false;
                continue;
            }
            var s = text.Text;
            for (var i = 0; i < s.Length; i++)
            {
                if (!atLineStart) { if (s[i] == '\n') atLineStart = true; continue; }
                var n = 0;
                while (i + n < s.Length && s[i + n] is ' ' or '\t') n++;
                if (i + n < s.Length && s[i + n] == '\n') { i += n; continue; }
                if (i + n < s.Length) indent = Math.Min(indent, n);
                atLineStart = false;
                i += n;
            }
        }
        if (indent is 0 or int.MaxValue) return parts;
        atLineStart = true;
        var result = new List<HclTemplatePart>();
        foreach (var part in parts)
        {
            if (part is not HclTemplateText text) { result.Add(part); atLineStart = false; continue; }
            var b = new StringBuilder();
            var s = text.Text;
            for (var i = 0; i < s.Length; i++)
            {
                if (atLineStart)
                {
                    var n = 0;
                    while (n < indent && i + n < s.Length && s[i + n] is ' ' or '\t') n++;
                    i += n;
                    atLineStart = false;
                    if (i >= s.Length) break;
                }
                b.Append(s[i]);
                if (s[i] == '\n') atLineStart = true;
            }
            result.Add(text with { Text = b.ToString() });
        }
        return result;
    }

    // ---------------------------------------------------------------- helpers

    private void Enter(HclPos at)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw Error(at, $"nesting deeper than {MaxDepth} levels", "simplify the expression; deeper nesting is refused so that no input can exhaust the parser's stack");
        }
    }

    private void Expect(Tk kind, string what)
    {
        if (_tok.Kind != kind) throw Error(_tok.Start, $"expected {what}, found {Describe(_tok)}");
    }

    private static HclSyntaxError Error(HclPos at, string message, string? hint = null) => new(at, message, hint);

    private Problem Problem(HclSyntaxError e) => new("hcl-syntax", e.Message, new SourceLocation(_file, e.At.Line, e.At.Column, null), e.Hint);

    private static string Describe(Token t) => t.Kind switch
    {
        Tk.Eof => "the end of the file",
        Tk.Newline => "the end of the line",
        Tk.Ident => $"'{t.Text}'",
        Tk.Number => $"the number {t.Text}",
        Tk.Quote => "a string",
        Tk.Heredoc => "a heredoc",
        Tk.LBrace => "'{'", Tk.RBrace => "'}'", Tk.LBrack => "'['", Tk.RBrack => "']'", Tk.LParen => "'('", Tk.RParen => "')'",
        Tk.Comma => "','", Tk.Dot => "'.'", Tk.Colon => "':'", Tk.Question => "'?'", Tk.Assign => "'='", Tk.FatArrow => "'=>'", Tk.Ellipsis => "'...'",
        Tk.TildeRBrace => "'~}'",
        _ => $"'{Operator(t.Kind)}'",
    };
}

/// <summary>A syntax error at a place, with what would fix it.</summary>
internal sealed class HclSyntaxError(HclPos at, string message, string? hint) : Exception(message)
{
    public HclPos At { get; } = at;

    public string? Hint { get; } = hint;
}
