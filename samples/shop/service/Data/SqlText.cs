using System.Globalization;
using System.Text;

namespace Hypercare.Samples.Shop.Data;

/// <summary>
/// Turns a parameterized statement into the text a MySQL slow log shows: parameter values inlined as SQL
/// literals, whitespace folded to single spaces, one terminating ';'. Strings are quoted the way
/// <c>mysql_real_escape_string</c> does, so that MySQL log tools read them back unchanged.
/// </summary>
internal static class SqlText
{
    public static string Inline(string sql, IReadOnlyList<QueryArg> args)
    {
        var text = new StringBuilder(sql.Length + 32);
        var pendingSpace = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }
            if (c == '\'')
            {
                // A literal written in the statement itself is copied as is, doubled quotes included.
                var end = i + 1;
                while (end < sql.Length)
                {
                    if (sql[end] == '\'')
                    {
                        if (end + 1 < sql.Length && sql[end + 1] == '\'')
                        {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                var closing = Math.Min(end, sql.Length - 1);
                text.Append(sql, i, closing - i + 1);
                i = closing;
                continue;
            }
            if (c == '$' && i + 1 < sql.Length && IsNameChar(sql[i + 1]))
            {
                var end = i + 1;
                while (end < sql.Length && IsNameChar(sql[end]))
                    end++;
                var name = sql[i..end];
                text.Append(Literal(Find(args, name)));
                i = end - 1;
                continue;
            }
            text.Append(c);
        }
        while (text.Length > 0 && text[^1] == ';')
            text.Length--;
        return text.Append(';').ToString();
    }

    /// <summary>A value as a MySQL literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "1" : "0",
        string s => Quote(s),
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '\x1a' => "\\Z",
                _ => c.ToString(),
            });
        }
        return quoted.Append('\'').ToString();
    }

    private static object? Find(IReadOnlyList<QueryArg> args, string name)
    {
        foreach (var arg in args)
        {
            if (arg.Name == name)
                return arg.Value;
        }
        throw new InvalidOperationException($"The statement uses {name}, which has no value.");
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

/// <summary>A named parameter of a statement; the name includes its '$'.</summary>
internal readonly record struct QueryArg(string Name, object? Value);
