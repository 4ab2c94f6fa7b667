using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Hypercare.Databases.Fingerprints;

/// <summary>
/// The class of a statement: the statement with its literal values abstracted away, following the convention
/// pt-query-digest 3.2.1 uses, so that the <see cref="QueryId"/> of a class is the one DBAs see in its reports.
/// </summary>
/// <remarks>
/// Compatibility is the point, including the convention's surprises, which users compare line by line:
/// a sign is a number (<c>stock - 1</c> becomes <c>stock ? ?</c>), a hexadecimal literal keeps its upper-case
/// digits after the first (<c>0xA0F8</c> becomes <c>?a?f?</c>), and ASC after ORDER BY is removed by a lazy scan that also eats
/// the <c>asc</c> of a following word such as <c>ascii(</c>. Only ASCII letters are lowercased, as the
/// peer does on the bytes it reads. <c>true</c> and <c>false</c> become <c>?</c> as in pt-query-digest; the
/// pt-fingerprint tool of the same release keeps them, the one difference between the two.
/// </remarks>
public static partial class Fingerprint
{
    /// <summary>The fingerprint of one statement (without its final <c>;</c>, as slow-log readers give it).</summary>
    public static string Of(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        // The scanner covers ASCII statements, nearly all of them; other text goes through the regular expressions that
        // define the convention, whose Unicode classes (\s, \w, \b, case folding) the scanner does not reproduce.
        return Ascii.IsValid(statement) ? FingerprintScanner.Of(statement) : OfByRegexes(statement);
    }

    /// <summary>
    /// The convention written as the chain of regular expressions it is defined by: the reference the scanner is
    /// tested against, and the path for statements that are not pure ASCII.
    /// </summary>
    internal static string OfByRegexes(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var q = statement;
        if (MysqldumpSelect().IsMatch(q)) return "mysqldump";
        if (ToolkitChecksum().IsMatch(q)) return "percona-toolkit";
        if (q.StartsWith("administrator command: ", StringComparison.Ordinal)) return q;
        if (StoredProcedureCall().Match(q) is { Success: true } call) return AsciiLower(call.Groups[1].Value);
        if (MultiRowInsert().Match(q) is { Success: true } insert) q = insert.Groups[1].Value;

        q = BlockComment().Replace(q, "");
        q = LineComment().Replace(q, "");
        if (UseDatabase().IsMatch(q)) return UseDatabase().Replace(q, "use ?");

        q = EscapedQuote().Replace(q, "");
        q = DoubleQuoted().Replace(q, "?");
        q = SingleQuoted().Replace(q, "?");
        q = Boolean().Replace(q, "?");
        q = NumberLike().Replace(q, "?");
        q = NumberLeftover().Replace(q, "?");

        q = q.TrimStart(' ', '\t', '\n', '\r', '\f', '\v');
        if (q.EndsWith('\n')) q = q[..^1];
        q = AsciiLower(CollapseWhitespace(q));
        q = Null().Replace(q, "?");
        q = ValueList().Replace(q, "$1(?+)");
        q = RepeatedUnion().Replace(q, "$1 /*repeat$2*/");
        q = Limit().Replace(q, "limit ?", 1);
        return DropAscending(q);
    }

    /// <summary>
    /// The query ID of a fingerprint: the MD5 of its UTF-8 bytes as 32 uppercase hexadecimal digits, which
    /// pt-query-digest prints after <c>0x</c> in its profile and without it in its JSON <c>checksum</c>.
    /// </summary>
    public static string QueryId(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
#pragma warning disable CA5351 // An identifier users compare with pt-query-digest's, not a security measure: it must be MD5.
        return Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(fingerprint)));
#pragma warning restore CA5351
    }

    // Runs of space, newline, tab, carriage return and form feed become one space; other characters stay.
    private static string CollapseWhitespace(string q)
    {
        var b = new StringBuilder(q.Length);
        var inRun = false;
        foreach (var c in q)
        {
            var space = c is ' ' or '\n' or '\t' or '\r' or '\f';
            if (space && inRun) continue;
            b.Append(space ? ' ' : c);
            inRun = space;
        }
        return b.ToString();
    }

    private static string AsciiLower(string q)
    {
        if (!q.Any(char.IsAsciiLetterUpper)) return q;
        return string.Create(q.Length, q, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsAsciiLetterUpper(s[i]) ? (char)(s[i] + 32) : s[i];
        });
    }

    // After the first "order by ", each lazily shortest text followed by whitespace and "asc" loses that
    // "asc"; the matches must be contiguous, so the scan stops at the first stretch without one.
    private static string DropAscending(string q)
    {
        var anchor = OrderBy().Match(q);
        if (!anchor.Success) return q;
        var position = anchor.Index + anchor.Length;
        var b = new StringBuilder(q.Length).Append(q, 0, position);
        var regex = AscendingAfter();
        for (var m = regex.Match(q, position); m.Success && m.Index == position; m = regex.Match(q, position))
        {
            b.Append(m.Groups[1].Value);
            position = m.Index + m.Length;
            if (m.Length == 0) break;
        }
        return b.Append(q, position, q.Length - position).ToString();
    }

    [GeneratedRegex(@"\ASELECT /\*!40001 SQL_NO_CACHE \*/ \* FROM `")]
    private static partial Regex MysqldumpSelect();

    [GeneratedRegex(@"/\*\w+\.\w+:[0-9]/[0-9]\*/")]
    private static partial Regex ToolkitChecksum();

    [GeneratedRegex(@"\A\s*(call\s+\S+)\(", RegexOptions.IgnoreCase)]
    private static partial Regex StoredProcedureCall();

    [GeneratedRegex(@"\A((?:INSERT|REPLACE)(?: IGNORE)?\s+INTO.+?VALUES\s*\(.*?\))\s*,\s*\(", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MultiRowInsert();

    [GeneratedRegex(@"/\*[^!].*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"(?:--|#)[^'""\r\n]*(?=[\r\n]|\Z)")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\Ause \S+\Z", RegexOptions.IgnoreCase)]
    private static partial Regex UseDatabase();

    [GeneratedRegex(@"\\[""']")]
    private static partial Regex EscapedQuote();

    [GeneratedRegex(@""".*?""", RegexOptions.Singleline)]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"'.*?'", RegexOptions.Singleline)]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"\bfalse\b|\btrue\b", RegexOptions.IgnoreCase)]
    private static partial Regex Boolean();

    [GeneratedRegex(@"[0-9+-][0-9a-f.xb+-]*")]
    private static partial Regex NumberLike();

    [GeneratedRegex(@"[xb.+-]\?")]
    private static partial Regex NumberLeftover();

    [GeneratedRegex(@"\bnull\b")]
    private static partial Regex Null();

    [GeneratedRegex(@"\b(in|values?)(?:[\s,]*\([\s?,]*\))+")]
    private static partial Regex ValueList();

    [GeneratedRegex(@"\b(select\s.*?)(?:(\sunion(?:\sall)?)\s\1)+")]
    private static partial Regex RepeatedUnion();

    [GeneratedRegex(@"\blimit \?(?:, ?\?| offset \?)?")]
    private static partial Regex Limit();

    [GeneratedRegex(@"\bORDER BY ", RegexOptions.IgnoreCase)]
    private static partial Regex OrderBy();

    [GeneratedRegex(@"\G(.+?)\s+ASC", RegexOptions.IgnoreCase)]
    private static partial Regex AscendingAfter();
}
