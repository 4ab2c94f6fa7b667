namespace Hypercare.Inventory.Hcl;

/// <summary>The kinds of token of HCL's native syntax.</summary>
internal enum Tk
{
    Eof, Newline, Ident, Number, Quote, Heredoc,
    LBrace, RBrace, LBrack, RBrack, LParen, RParen,
    Comma, Dot, Colon, Question, Assign, FatArrow, Ellipsis,
    Plus, Minus, Star, Slash, Percent, Bang, And, Or, Eq, NotEq, Lt, Le, Gt, Ge,
    TildeRBrace, Invalid,
}

/// <summary>A token: its kind, where it starts and ends, and its text where that matters.</summary>
internal readonly record struct Token(Tk Kind, HclPos Start, HclPos End, string? Text = null, bool Indented = false);

/// <summary>Where the lexer stands; copied to look ahead and restored.</summary>
internal record struct LexState(int Offset, int Line, int Column);

/// <summary>
/// Reads tokens on demand. Newlines are tokens unless the parser is inside brackets, which it says on each call.
/// Quoted strings and heredocs are returned as an opening token only: the parser reads their text through
/// <see cref="Peek"/> and <see cref="Read"/> so that interpolations can be parsed as expressions in place.
/// </summary>
internal sealed class HclLexer
{
    private readonly string _text;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private LexState _s;

    public HclLexer(string text)
    {
        _text = text;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _s = new LexState(0, 1, 1);
        if (text.Length > 0 && text[0] == '\uFEFF') _s = _s with { Offset = 1 };
    }

    public LexState State { get => _s; set => _s = value; }

    public HclPos Pos => new(_s.Line, _s.Column);

    public bool AtEnd => _s.Offset >= _text.Length;

    public char Peek(int ahead = 0) => _s.Offset + ahead < _text.Length ? _text[_s.Offset + ahead] : '\0';

    public char Read()
    {
        var c = _text[_s.Offset];
        if (c == '\n') { _s.Offset++; _s.Line++; _s.Column = 1; }
        else { _s.Offset++; _s.Column++; }
        return c;
    }

    /// <summary>Steps over characters of one line (no newline among them).</summary>
    private void Skip(int count)
    {
        _s.Offset += count;
        _s.Column += count;
    }

    public string Slice(int from, int to) => _text[from..to];

    /// <summary>Names repeat (attribute names, resource types): one string per distinct name.</summary>
    private string Name(ReadOnlySpan<char> span)
    {
        if (_nameLookup.TryGetValue(span, out var known)) return known;
        var name = span.ToString();
        if (_names.Count < 100_000) _names[name] = name;
        return name;
    }

    /// <summary>
    /// The text of a quoted string that has no escape, interpolation or directive, consumed with its closing quote;
    /// null (nothing consumed) when the string needs the full template reader.
    /// </summary>
    public string? SimpleString()
    {
        var from = _s.Offset;
        var end = from;
        while (end < _text.Length && _text[end] is not ('"' or '\\' or '$' or '%' or '\n' or '\r')) end++;
        if (end >= _text.Length || _text[end] != '"') return null;
        var value = end - from <= 64 ? Name(_text.AsSpan(from, end - from)) : _text[from..end];
        Skip(end - from + 1);
        return value;
    }

    /// <summary>Consumes and returns the run of characters that cannot end or interrupt a quoted string.</summary>
    public ReadOnlySpan<char> PlainRun()
    {
        var from = _s.Offset;
        var end = from;
        while (end < _text.Length && _text[end] is not ('"' or '\\' or '$' or '%' or '\n' or '\r')) end++;
        Skip(end - from);
        return _text.AsSpan(from, end - from);
    }

    /// <summary>The next token; newlines are skipped when <paramref name="skipNewlines"/>.</summary>
    public Token Next(bool skipNewlines)
    {
        while (true)
        {
            if (AtEnd) return new Token(Tk.Eof, Pos, Pos);
            var c = _text[_s.Offset];
            if (c is ' ' or '\t' or '\r' or '\uFEFF')
            {
                var n = 1;
                while (_s.Offset + n < _text.Length && _text[_s.Offset + n] is ' ' or '\t' or '\r') n++;
                Skip(n);
                continue;
            }
            if (c == '#' || c == '/' && Peek(1) == '/')
            {
                var end = _text.IndexOf('\n', _s.Offset);
                Skip((end < 0 ? _text.Length : end) - _s.Offset);
                continue;
            }
            if (c == '/' && Peek(1) == '*')
            {
                var start = Pos;
                Read(); Read();
                while (!AtEnd && !(Peek() == '*' && Peek(1) == '/')) Read();
                if (AtEnd) return new Token(Tk.Invalid, start, Pos, "a /* comment is not closed with */");
                Read(); Read();
                continue;
            }
            if (c == '\n')
            {
                var start = Pos;
                Read();
                if (skipNewlines) continue;
                return new Token(Tk.Newline, start, Pos);
            }
            return Lex();
        }
    }

    private Token Lex()
    {
        var start = Pos;
        var c = Peek();
        if (char.IsLetter(c) || c == '_')
        {
            var from = _s.Offset;
            var end = from + 1;
            while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] is '_' or '-' || _text[end] > 127 && char.IsLetterOrDigit(_text[end]))) end++;
            Skip(end - from);
            return new Token(Tk.Ident, start, Pos, Name(_text.AsSpan(from, end - from)));
        }
        if (char.IsAsciiDigit(c))
        {
            var from = _s.Offset;
            var end = from + 1;
            while (end < _text.Length && char.IsAsciiDigit(_text[end])) end++;
            Skip(end - from);
            if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
            {
                Read();
                while (char.IsAsciiDigit(Peek())) Read();
            }
            if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2))))
            {
                Read();
                if (Peek() is '+' or '-') Read();
                while (char.IsAsciiDigit(Peek())) Read();
            }
            return new Token(Tk.Number, start, Pos, Slice(from, _s.Offset));
        }
        if (c == '<' && Peek(1) == '<' && (char.IsLetter(Peek(2)) || Peek(2) == '_' || Peek(2) == '-' && (char.IsLetter(Peek(3)) || Peek(3) == '_')))
        {
            Read(); Read();
            var indented = Peek() == '-';
            if (indented) Read();
            var from = _s.Offset;
            while (!AtEnd && (char.IsLetterOrDigit(Peek()) || Peek() is '_' or '-')) Read();
            var marker = Slice(from, _s.Offset);
            while (Peek() is ' ' or '\t' or '\r') Read();
            if (Peek() != '\n') return new Token(Tk.Invalid, start, Pos, $"a heredoc's opening marker <<{(indented ? "-" : "")}{marker} must end its line");
            Read();
            return new Token(Tk.Heredoc, start, Pos, marker, indented);
        }
        Read();
        Token One(Tk kind) => new(kind, start, Pos);
        Token Two(Tk kind) { Read(); return new Token(kind, start, Pos); }
        switch (c)
        {
            case '"': return One(Tk.Quote);
            case '{': return One(Tk.LBrace);
            case '}': return One(Tk.RBrace);
            case '[': return One(Tk.LBrack);
            case ']': return One(Tk.RBrack);
            case '(': return One(Tk.LParen);
            case ')': return One(Tk.RParen);
            case ',': return One(Tk.Comma);
            case ':': return One(Tk.Colon);
            case '?': return One(Tk.Question);
            case '+': return One(Tk.Plus);
            case '-': return One(Tk.Minus);
            case '*': return One(Tk.Star);
            case '/': return One(Tk.Slash);
            case '%': return One(Tk.Percent);
            case '.':
                if (Peek() == '.' && Peek(1) == '.') { Read(); Read(); return new Token(Tk.Ellipsis, start, Pos); }
                return One(Tk.Dot);
            case '=':
                if (Peek() == '=') return Two(Tk.Eq);
                if (Peek() == '>') return Two(Tk.FatArrow);
                return One(Tk.Assign);
            case '!': return Peek() == '=' ? Two(Tk.NotEq) : One(Tk.Bang);
            case '<': return Peek() == '=' ? Two(Tk.Le) : One(Tk.Lt);
            case '>': return Peek() == '=' ? Two(Tk.Ge) : One(Tk.Gt);
            case '&': return Peek() == '&' ? Two(Tk.And) : new Token(Tk.Invalid, start, Pos, "'&' alone is not an operator; did you mean '&&'?");
            case '|': return Peek() == '|' ? Two(Tk.Or) : new Token(Tk.Invalid, start, Pos, "'|' alone is not an operator; did you mean '||'?");
            case '~': return Peek() == '}' ? Two(Tk.TildeRBrace) : new Token(Tk.Invalid, start, Pos, "'~' is only a strip marker, as in ${~ or ~}");
            default: return new Token(Tk.Invalid, start, Pos, $"'{Printable(c)}' is not valid here");
        }
    }

    public static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
