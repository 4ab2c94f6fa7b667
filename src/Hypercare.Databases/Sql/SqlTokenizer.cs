using System.Text;

namespace Hypercare.Databases.Sql;

/// <summary>What a token is.</summary>
public enum SqlTokenKind
{
    /// <summary>A word: a keyword or an unquoted name (<c>select</c>, <c>products</c>).</summary>
    Word,

    /// <summary>A quoted name: <c>"x"</c> or <c>`x`</c> (or <c>[x]</c>); never a keyword.</summary>
    QuotedName,

    /// <summary>A string literal (text), <see cref="SqlToken.Text"/> holding its value without quotes or escapes.</summary>
    Text,

    /// <summary>A number, including hexadecimal and exponents.</summary>
    Number,

    /// <summary>A parameter: <c>?</c>, <c>$1</c>, <c>:name</c> or <c>@name</c>.</summary>
    Placeholder,

    /// <summary>An operator or punctuation: <c>=</c>, <c>&lt;&gt;</c>, <c>(</c>, <c>,</c>, <c>.</c>, <c>;</c>...</summary>
    Symbol,
}

/// <summary>One token of a statement.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">The word, the name without quotes, the string's value, the number or the symbol as written.</param>
/// <param name="Offset">Where it starts in the statement.</param>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Offset)
{
    /// <summary>True when this is the (unquoted) keyword, in any case.</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this is the symbol.</summary>
    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    /// <summary>True for a name: an unquoted word or a quoted name.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName;

    /// <summary>True for a value written in the statement or bound to it.</summary>
    public bool IsValue => Kind is SqlTokenKind.Text or SqlTokenKind.Number or SqlTokenKind.Placeholder;
}

/// <summary>
/// Splits a statement into tokens the way MySQL, MariaDB, PostgreSQL and SQLite read them: comments (<c>--</c>,
/// <c>#</c>, <c>/* */</c>) are dropped, strings keep their value (<c>''</c> and backslash escapes), quoted names
/// lose their quotes, and <c>?</c>, <c>$n</c>, <c>:name</c> and <c>@name</c> are placeholders.
/// </summary>
public static class SqlTokenizer
{
    private static readonly string[] TwoCharSymbols = ["<>", "!=", "<=", ">=", "||", "::", "<=>", "->"];

    /// <summary>The tokens of a statement.</summary>
    /// <exception cref="SqlSyntaxException">A string, quoted name or comment is not closed.</exception>
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (c == '-' && At(sql, i + 1) == '-' || c == '#')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                continue;
            }
            if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new SqlSyntaxException("a comment is not closed", start);
                // MySQL's /*! ... */ holds SQL that MySQL runs: read its content.
                if (At(sql, i + 2) == '!')
                {
                    var inner = i + 3;
                    while (inner < end && char.IsDigit(sql[inner])) inner++;
                    foreach (var t in Tokenize(sql[inner..end])) tokens.Add(t with { Offset = t.Offset + inner });
                }
                i = end + 2;
                continue;
            }
            if (c is '\'' || (c is 'E' or 'e' or 'N' or 'n' && At(sql, i + 1) == '\''))
            {
                if (c != '\'') i++;
                tokens.Add(new SqlToken(SqlTokenKind.Text, Quoted(sql, ref i, '\'', backslash: true), start));
                continue;
            }
            if (c is '"' or '`')
            {
                tokens.Add(new SqlToken(SqlTokenKind.QuotedName, Quoted(sql, ref i, c, backslash: false), start));
                continue;
            }
            if (c == '[')
            {
                var end = sql.IndexOf(']', i + 1);
                if (end < 0) throw new SqlSyntaxException("a [name] is not closed", start);
                tokens.Add(new SqlToken(SqlTokenKind.QuotedName, sql[(i + 1)..end], start));
                i = end + 1;
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(sql, i + 1))))
            {
                i = Number(sql, i);
                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], start));
                continue;
            }
            if (c == '?')
            {
                i++;
                tokens.Add(new SqlToken(SqlTokenKind.Placeholder, "?", start));
                continue;
            }
            if (c == '$' && char.IsDigit(At(sql, i + 1)) || (c is ':' or '@') && IsWordStart(At(sql, i + 1)) && At(sql, i - 1) != ':')
            {
                i++;
                while (i < sql.Length && IsWordPart(sql[i])) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Placeholder, sql[start..i], start));
                continue;
            }
            if (IsWordStart(c))
            {
                while (i < sql.Length && IsWordPart(sql[i])) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], start));
                continue;
            }
            var symbol = TwoCharSymbols.Where(s => string.CompareOrdinal(sql, i, s, 0, s.Length) == 0).MaxBy(s => s.Length);
            symbol ??= c.ToString();
            i += symbol.Length;
            tokens.Add(new SqlToken(SqlTokenKind.Symbol, symbol, start));
        }
        return tokens;
    }

    private static char At(string s, int i) => i >= 0 && i < s.Length ? s[i] : '\0';

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static int Number(string sql, int i)
    {
        if (sql[i] == '0' && At(sql, i + 1) is 'x' or 'X' or 'b' or 'B' && char.IsAsciiHexDigit(At(sql, i + 2)))
        {
            i += 2;
            while (i < sql.Length && char.IsAsciiHexDigit(sql[i])) i++;
            return i;
        }
        while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.')) i++;
        if (At(sql, i) is 'e' or 'E' && (char.IsDigit(At(sql, i + 1)) || At(sql, i + 1) is '+' or '-' && char.IsDigit(At(sql, i + 2))))
        {
            i += 2;
            while (i < sql.Length && char.IsDigit(sql[i])) i++;
        }
        return i;
    }

    private static string Quoted(string sql, ref int i, char quote, bool backslash)
    {
        var start = i;
        var value = new StringBuilder();
        i++;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslash && c == '\\' && i + 1 < sql.Length)
            {
                value.Append(sql[i + 1] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var other => other });
                i += 2;
                continue;
            }
            if (c == quote)
            {
                if (At(sql, i + 1) == quote) { value.Append(quote); i += 2; continue; }
                i++;
                return value.ToString();
            }
            value.Append(c);
            i++;
        }
        throw new SqlSyntaxException(quote == '\'' ? "a string is not closed" : $"a {quote}quoted name{quote} is not closed", start);
    }
}

/// <summary>A statement the tokenizer or the reader cannot follow; <see cref="Offset"/> says where.</summary>
public sealed class SqlSyntaxException(string message, int offset) : Exception($"{message} (at character {offset + 1})")
{
    /// <summary>The 0-based character offset in the statement.</summary>
    public int Offset { get; } = offset;

    /// <summary>The message without the position.</summary>
    public string Reason { get; } = message;
}
