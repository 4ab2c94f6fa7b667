using System.Text;
using System.Text.RegularExpressions;
using Hypercare.Databases.Fingerprints;

namespace Hypercare.Databases.Postgres;

/// <summary>
/// The class of a PostgreSQL statement: the statement with its values replaced by <c>?</c>, so that the same
/// statement run with different values (or logged by pg_stat_statements with <c>$1</c> placeholders) has one
/// normalized text and one <see cref="QueryId"/>.
/// </summary>
/// <remarks>
/// The statement is read token by token, as PostgreSQL's lexer reads it: comments (<c>--</c> and nested
/// <c>/* */</c>) are dropped; string constants (<c>'...'</c> with doubled quotes, <c>E'...'</c> with backslash
/// escapes, <c>B'...'</c>, <c>X'...'</c>, <c>U&amp;'...'</c>, dollar-quoted <c>$tag$...$tag$</c>), numbers,
/// <c>true</c>/<c>false</c> and parameters <c>$1</c> become <c>?</c>; words outside quotes are lowercased (the
/// server folds unquoted names to lower case, so nothing is lost), <c>"quoted"</c> names are kept as written;
/// white space becomes one space between tokens, none inside parentheses, before a comma, around a <c>.</c> or a
/// <c>::</c> cast, one around other operators; a space before <c>(</c> is kept only where the statement had one.
/// Then lists of values collapse: <c>in (?, ?, ?)</c> becomes <c>in (...)</c>, <c>values (?, ?), (?, ?)</c> keeps
/// its first row, and a trailing <c>;</c> goes. <c>null</c> stays, as in pg_stat_statements.
/// </remarks>
public static partial class Normalizer
{
    /// <summary>The normalized text of one statement.</summary>
    public static string Normalize(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var tokens = Tokens(statement);
        var b = new StringBuilder(statement.Length);
        Token? previous = null;
        foreach (var t in tokens)
        {
            if (previous is { } p && NeedsSpace(p, t)) b.Append(' ');
            b.Append(t.Text);
            previous = t;
        }
        var q = b.ToString();
        if (q.EndsWith(';')) q = q.TrimEnd(';').TrimEnd();
        q = InList().Replace(q, "$1(...)");
        q = ValuesRows().Replace(q, "$1");
        return q;
    }

    /// <summary>
    /// The query ID of a normalized text: the MD5 of its UTF-8 bytes as 32 upper-case hexadecimal digits, the same
    /// convention as the MySQL side (<see cref="Fingerprint.QueryId"/>). It is not PostgreSQL's own <c>queryid</c>,
    /// which hashes the parsed tree and is only known to the server.
    /// </summary>
    public static string QueryId(string normalized) => Fingerprint.QueryId(normalized);

    private enum Kind { Word, Value, Open, Close, Comma, Dot, Cast, Operator, Other }

    private readonly record struct Token(Kind Kind, string Text, bool SpaceBefore);

    private static bool NeedsSpace(Token previous, Token next)
    {
        if (previous.Kind is Kind.Open or Kind.Dot or Kind.Cast) return false;
        if (next.Kind is Kind.Close or Kind.Comma or Kind.Dot or Kind.Cast) return false;
        if (next.Kind == Kind.Open) return previous.Kind is Kind.Operator or Kind.Comma || next.SpaceBefore;
        return true;
    }

    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    private static List<Token> Tokens(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        var space = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { space = true; i++; continue; }
            if (c == '-' && At(s, i + 1) == '-')
            {
                while (i < s.Length && s[i] != '\n') i++;
                space = true;
                continue;
            }
            if (c == '/' && At(s, i + 1) == '*')
            {
                var depth = 0;
                while (i < s.Length)
                {
                    if (s[i] == '/' && At(s, i + 1) == '*') { depth++; i += 2; }
                    else if (s[i] == '*' && At(s, i + 1) == '/') { depth--; i += 2; if (depth == 0) break; }
                    else i++;
                }
                space = true;
                continue;
            }
            Kind kind;
            string text;
            var start = i;
            if (c == '\'' || (c is 'e' or 'E' or 'b' or 'B' or 'x' or 'X' or 'n' or 'N') && At(s, i + 1) == '\'' && !PreviousIsWordChar(s, i)
                || (c is 'u' or 'U') && At(s, i + 1) == '&' && At(s, i + 2) == '\'' && !PreviousIsWordChar(s, i))
            {
                var backslash = c is 'e' or 'E';
                while (s[i] != '\'') i++;
                i = SkipQuoted(s, i + 1, backslash);
                // Adjacent constants separated by a line break are one constant for the server.
                (kind, text) = (Kind.Value, "?");
            }
            else if (c == '$' && DollarTag(s, i) is { } tag)
            {
                var end = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + tag.Length;
                (kind, text) = (Kind.Value, "?");
            }
            else if (c == '$' && char.IsAsciiDigit(At(s, i + 1)))
            {
                i++;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                (kind, text) = (Kind.Value, "?");
            }
            else if (c == '"')
            {
                i++;
                while (i < s.Length)
                {
                    if (s[i] == '"' && At(s, i + 1) == '"') { i += 2; continue; }
                    if (s[i] == '"') { i++; break; }
                    i++;
                }
                (kind, text) = (Kind.Word, s[start..i]);
            }
            else if (char.IsAsciiDigit(c) || c == '.' && char.IsAsciiDigit(At(s, i + 1)))
            {
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '.' && char.IsAsciiDigit(At(s, i + 1))
                    || (s[i] is '+' or '-') && (s[i - 1] is 'e' or 'E') && char.IsAsciiDigit(At(s, i + 1)))) i++;
                (kind, text) = (Kind.Value, "?");
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '$')) i++;
                var word = s[start..i].ToLowerInvariant();
                (kind, text) = word is "true" or "false" ? (Kind.Value, "?") : (Kind.Word, word);
            }
            else if (c == ':' && At(s, i + 1) == ':') { i += 2; (kind, text) = (Kind.Cast, "::"); }
            else if (c == '(' || c == '[') { i++; (kind, text) = (Kind.Open, c.ToString()); }
            else if (c == ')' || c == ']') { i++; (kind, text) = (Kind.Close, c.ToString()); }
            else if (c == ',') { i++; (kind, text) = (Kind.Comma, ","); }
            else if (c == '.') { i++; (kind, text) = (Kind.Dot, "."); }
            else if (OperatorChars.Contains(c, StringComparison.Ordinal))
            {
                while (i < s.Length && OperatorChars.Contains(s[i], StringComparison.Ordinal) && !(s[i] == '-' && At(s, i + 1) == '-') && !(s[i] == '/' && At(s, i + 1) == '*')) i++;
                (kind, text) = (Kind.Operator, s[start..i]);
            }
            else { i++; (kind, text) = (Kind.Other, c.ToString()); }
            tokens.Add(new Token(kind, text, space));
            space = false;
        }
        return tokens;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool PreviousIsWordChar(string s, int i) => i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] is '_' or '$');

    // Past the closing quote of a constant whose content starts at i ('' is a quote inside; with E'', so is \').
    private static int SkipQuoted(string s, int i, bool backslash)
    {
        while (i < s.Length)
        {
            if (backslash && s[i] == '\\') { i += 2; continue; }
            if (s[i] == '\'')
            {
                if (At(s, i + 1) == '\'') { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.Length;
    }

    // "$$" or "$tag$" where the tag is a name that does not start with a digit.
    private static string? DollarTag(string s, int i)
    {
        if (PreviousIsWordChar(s, i)) return null;
        var j = i + 1;
        if (j < s.Length && (char.IsLetter(s[j]) || s[j] == '_'))
            while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_')) j++;
        return j < s.Length && s[j] == '$' ? s[i..(j + 1)] : null;
    }

    [GeneratedRegex(@"\b(in ?)\(\?(?:, \?)*\)")]
    private static partial Regex InList();

    [GeneratedRegex(@"\b(values ?\((?:\?|null|default)(?:, (?:\?|null|default))*\))(?:, \((?:\?|null|default)(?:, (?:\?|null|default))*\))+")]
    private static partial Regex ValuesRows();
}
