using System.Buffers;
using System.Runtime.CompilerServices;

namespace Hypercare.Databases.Fingerprints;

/// <summary>
/// The fingerprint of an ASCII statement without regular expressions: the same steps as
/// <see cref="Fingerprint.OfByRegexes"/>, in the same order, each a forward scan from one character buffer into the
/// other. Each step reproduces its expression's matching exactly, laziness and backtracking included (where an
/// expression would retry at the next position, the scan does too), so the results are equal character for character.
/// </summary>
internal static class FingerprintScanner
{
    private const string MysqldumpPrefix = "SELECT /*!40001 SQL_NO_CACHE */ * FROM `";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Of(string statement)
    {
        ReadOnlySpan<char> q = statement;
        if (q.StartsWith(MysqldumpPrefix, StringComparison.Ordinal)) return "mysqldump";
        if (q.Contains("/*", StringComparison.Ordinal) && HasToolkitChecksum(q)) return "percona-toolkit";
        if (q.StartsWith("administrator command: ", StringComparison.Ordinal)) return statement;
        if (StoredProcedureCall(q) is var (callStart, callEnd) && callEnd > 0) return Lower(q[callStart..callEnd]);
        if (MultiRowInsertEnd(q) is var insertEnd and > 0) q = q[..insertEnd];

        var size = q.Length * 2 + 32;
        var a = ArrayPool<char>.Shared.Rent(size);
        var b = ArrayPool<char>.Shared.Rent(size);
        try
        {
            // Each step reads the current text from a and writes into b, then the two swap. A step whose expression
            // cannot match (a quick, vectorized search for what it needs finds nothing) is skipped.
            int n;
            if (q.Contains("/*", StringComparison.Ordinal)) n = BlockComments(q, a);
            else
            {
                q.CopyTo(a);
                n = q.Length;
            }
            if (a.AsSpan(0, n).Contains('#') || a.AsSpan(0, n).Contains("--", StringComparison.Ordinal)) Step(LineComments(a.AsSpan(0, n), b), ref a, ref b, out n);
            if (UseDatabase(a.AsSpan(0, n)) is { } use) return use;
            if (a.AsSpan(0, n).Contains('\\')) Step(EscapedQuotes(a.AsSpan(0, n), b), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains('"')) Step(Quoted(a.AsSpan(0, n), b, '"'), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains('\'')) Step(Quoted(a.AsSpan(0, n), b, '\''), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains("true", StringComparison.OrdinalIgnoreCase) || a.AsSpan(0, n).Contains("false", StringComparison.OrdinalIgnoreCase))
                Step(Booleans(a.AsSpan(0, n), b), ref a, ref b, out n);
            Step(Numbers(a.AsSpan(0, n), b), ref a, ref b, out n);
            Step(TrimCollapseLower(a.AsSpan(0, n), b), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains("null", StringComparison.Ordinal)) Step(Nulls(a.AsSpan(0, n), b), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains('(')) Step(ValueLists(a.AsSpan(0, n), b), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains("union", StringComparison.Ordinal)) Step(RepeatedUnions(a.AsSpan(0, n), b), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains("limit ?", StringComparison.Ordinal)) Step(FirstLimit(a.AsSpan(0, n), b), ref a, ref b, out n);
            if (a.AsSpan(0, n).Contains("order by ", StringComparison.Ordinal)) Step(DropAscending(a.AsSpan(0, n), b), ref a, ref b, out n);
            return new string(a, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(a);
            ArrayPool<char>.Shared.Return(b);
        }
    }

    private static void Step(int written, ref char[] a, ref char[] b, out int n)
    {
        (a, b) = (b, a);
        n = written;
    }

    // \s of .NET regular expressions, restricted to ASCII.
    private static bool IsSpace(char c) => c == ' ' || c is >= '\t' and <= '\r';

    // \w of .NET regular expressions, restricted to ASCII.
    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // \b before position i, when the character at i is a word character.
    private static bool WordStart(ReadOnlySpan<char> s, int i) => i == 0 || !IsWord(s[i - 1]);

    private static bool WordEnd(ReadOnlySpan<char> s, int i) => i >= s.Length || !IsWord(s[i]);

    private static bool At(ReadOnlySpan<char> s, int i, string word) => i <= s.Length && s[i..].StartsWith(word, StringComparison.Ordinal);

    private static bool AtIgnoreCase(ReadOnlySpan<char> s, int i, string word) => i <= s.Length && s[i..].StartsWith(word, StringComparison.OrdinalIgnoreCase);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SkipSpaces(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && IsSpace(s[i])) i++;
        return i;
    }

    private static string Lower(ReadOnlySpan<char> s)
    {
        Span<char> lower = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        for (var i = 0; i < s.Length; i++) lower[i] = char.IsAsciiLetterUpper(s[i]) ? (char)(s[i] + 32) : s[i];
        return new string(lower);
    }

    // /\*\w+\.\w+:[0-9]/[0-9]\*/ anywhere.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasToolkitChecksum(ReadOnlySpan<char> s)
    {
        for (var i = s.IndexOf("/*", StringComparison.Ordinal); i >= 0; i = NextIndex(s, i + 1, "/*"))
        {
            var j = i + 2;
            var k = j;
            while (k < s.Length && IsWord(s[k])) k++;
            if (k == j || k >= s.Length || s[k] != '.') continue;
            j = ++k;
            while (k < s.Length && IsWord(s[k])) k++;
            if (k == j || k + 6 > s.Length || s[k] != ':') continue;
            if (char.IsAsciiDigit(s[k + 1]) && s[k + 2] == '/' && char.IsAsciiDigit(s[k + 3]) && s[k + 4] == '*' && s[k + 5] == '/') return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextIndex(ReadOnlySpan<char> s, int from, string value)
    {
        if (from >= s.Length) return -1;
        var i = s[from..].IndexOf(value, StringComparison.Ordinal);
        return i < 0 ? -1 : from + i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextIndexIgnoreCase(ReadOnlySpan<char> s, int from, string value)
    {
        if (from >= s.Length) return -1;
        var i = s[from..].IndexOf(value, StringComparison.OrdinalIgnoreCase);
        return i < 0 ? -1 : from + i;
    }

    // \A\s*(call\s+\S+)\( ignoring case: the group's range, or (0, 0). \S+ is greedy, so the name runs to the last
    // '(' of the word that follows "call".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Start, int End) StoredProcedureCall(ReadOnlySpan<char> s)
    {
        var start = SkipSpaces(s, 0);
        if (!AtIgnoreCase(s, start, "call")) return (0, 0);
        var name = SkipSpaces(s, start + 4);
        if (name == start + 4) return (0, 0);
        var end = name;
        while (end < s.Length && !IsSpace(s[end])) end++;
        if (end - name < 2) return (0, 0);
        var paren = s[(name + 1)..end].LastIndexOf('(');
        return paren < 0 ? (0, 0) : (start, name + 1 + paren);
    }

    // \A((?:INSERT|REPLACE)(?: IGNORE)?\s+INTO.+?VALUES\s*\(.*?\))\s*,\s*\( ignoring case, dot matching newlines:
    // the end of the group (the first row's closing parenthesis, inclusive), or 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MultiRowInsertEnd(ReadOnlySpan<char> s)
    {
        int verb;
        if (AtIgnoreCase(s, 0, "INSERT")) verb = 6;
        else if (AtIgnoreCase(s, 0, "REPLACE")) verb = 7;
        else return 0;
        if (AtIgnoreCase(s, verb, " IGNORE") && AfterVerb(s, verb + 7) is var withIgnore and > 0) return withIgnore;
        return AfterVerb(s, verb);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AfterVerb(ReadOnlySpan<char> s, int i)
    {
        var into = SkipSpaces(s, i);
        if (into == i || !AtIgnoreCase(s, into, "INTO")) return 0;
        for (var values = NextIndexIgnoreCase(s, into + 5, "VALUES"); values >= 0; values = NextIndexIgnoreCase(s, values + 1, "VALUES"))
        {
            var open = SkipSpaces(s, values + 6);
            if (open >= s.Length || s[open] != '(') continue;
            for (var close = NextIndex(s, open + 1, ")"); close >= 0; close = NextIndex(s, close + 1, ")"))
            {
                var comma = SkipSpaces(s, close + 1);
                if (comma >= s.Length || s[comma] != ',') continue;
                var next = SkipSpaces(s, comma + 1);
                if (next < s.Length && s[next] == '(') return close + 1;
            }
        }
        return 0;
    }

    // /\*[^!].*?\*/ (dot matching newlines) removed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int BlockComments(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '/' && i + 2 < s.Length && s[i + 1] == '*' && s[i + 2] != '!')
            {
                var close = NextIndex(s, i + 3, "*/");
                if (close >= 0)
                {
                    i = close + 2;
                    continue;
                }
                // No "*/" after this one, so none after any later "/*" either.
                s[i..].CopyTo(d[n..]);
                return n + s.Length - i;
            }
            d[n++] = s[i++];
        }
        return n;
    }

    // (?:--|#)[^'"\r\n]*(?=[\r\n]|\Z) removed. A start whose run stops at a quote fails, and so does every start
    // inside that run, which stops at the same quote.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LineComments(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var marker = c == '#' ? 1 : c == '-' && i + 1 < s.Length && s[i + 1] == '-' ? 2 : 0;
            if (marker == 0)
            {
                d[n++] = c;
                i++;
                continue;
            }
            var e = i + marker;
            while (e < s.Length && s[e] is not ('\'' or '"' or '\r' or '\n')) e++;
            if (e == s.Length || s[e] is '\r' or '\n')
            {
                i = e;
                continue;
            }
            s[i..e].CopyTo(d[n..]);
            n += e - i;
            i = e;
        }
        return n;
    }

    // \Ause \S+\Z ignoring case: the whole statement becomes "use ?" (keeping a final line break, which \Z leaves).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? UseDatabase(ReadOnlySpan<char> s)
    {
        if (!AtIgnoreCase(s, 0, "use ")) return null;
        var body = s[4..];
        var newline = body.Length > 0 && body[^1] == '\n';
        if (newline) body = body[..^1];
        if (body.Length == 0) return null;
        foreach (var c in body)
            if (IsSpace(c)) return null;
        return newline ? "use ?\n" : "use ?";
    }

    // \\["'] removed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int EscapedQuotes(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\'') { i += 2; continue; }
            d[n++] = s[i++];
        }
        return n;
    }

    // "(.*?)" (or with single quotes), dot matching newlines, becomes ?.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Quoted(ReadOnlySpan<char> s, Span<char> d, char quote)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == quote)
            {
                var close = s[(i + 1)..].IndexOf(quote);
                if (close < 0)
                {
                    s[i..].CopyTo(d[n..]);
                    return n + s.Length - i;
                }
                d[n++] = '?';
                i += close + 2;
                continue;
            }
            d[n++] = s[i++];
        }
        return n;
    }

    // \bfalse\b|\btrue\b ignoring case becomes ?.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Booleans(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is 't' or 'T' or 'f' or 'F' && WordStart(s, i))
            {
                var length = AtIgnoreCase(s, i, "false") ? 5 : AtIgnoreCase(s, i, "true") ? 4 : 0;
                if (length > 0 && WordEnd(s, i + length))
                {
                    d[n++] = '?';
                    i += length;
                    continue;
                }
            }
            d[n++] = c;
            i++;
        }
        return n;
    }

    // [0-9+-][0-9a-f.xb+-]* (case-sensitive) becomes ?, then [xb.+-]\? becomes ?. The second expression's matches
    // cannot overlap (the character before a ? is never a ?), so it is applied as each ? is written: a ? written
    // after one of x, b, '.', '+' or '-' replaces that character.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Numbers(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || c is '+' or '-')
            {
                i++;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is >= 'a' and <= 'f' or '.' or 'x' or 'b' or '+' or '-')) i++;
                c = '?';
            }
            else i++;
            if (c == '?' && n > 0 && d[n - 1] is 'x' or 'b' or '.' or '+' or '-') d[n - 1] = '?';
            else d[n++] = c;
        }
        return n;
    }

    // Leading whitespace trimmed, one final newline dropped, runs of space, newline, tab, CR and form feed made one
    // space (vertical tab is whitespace only for the trim), ASCII letters lowercased.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TrimCollapseLower(ReadOnlySpan<char> s, Span<char> d)
    {
        var i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v') i++;
        var end = s.Length;
        if (end > i && s[end - 1] == '\n') end--;
        var n = 0;
        var inRun = false;
        for (; i < end; i++)
        {
            var c = s[i];
            var space = c is ' ' or '\n' or '\t' or '\r' or '\f';
            if (space && inRun) continue;
            d[n++] = space ? ' ' : char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c;
            inRun = space;
        }
        return n;
    }

    // \bnull\b becomes ?.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Nulls(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == 'n' && WordStart(s, i) && At(s, i, "null") && WordEnd(s, i + 4))
            {
                d[n++] = '?';
                i += 4;
                continue;
            }
            d[n++] = s[i++];
        }
        return n;
    }

    // \b(in|values?)(?:[\s,]*\([\s?,]*\))+ becomes $1(?+).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ValueLists(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is 'i' or 'v' && WordStart(s, i))
            {
                var keyword = c == 'i' ? (At(s, i, "in") ? 2 : 0) : At(s, i, "values") ? 6 : At(s, i, "value") ? 5 : 0;
                if (keyword > 0 && ListsEnd(s, i + keyword) is var end and > 0)
                {
                    s.Slice(i, keyword).CopyTo(d[n..]);
                    n += keyword;
                    "(?+)".CopyTo(d[n..]);
                    n += 4;
                    i = end;
                    continue;
                }
            }
            d[n++] = c;
            i++;
        }
        return n;
    }

    // The end of (?:[\s,]*\([\s?,]*\))+ from i, or 0 when it does not match once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ListsEnd(ReadOnlySpan<char> s, int i)
    {
        var end = 0;
        while (true)
        {
            var p = i;
            while (p < s.Length && (IsSpace(s[p]) || s[p] == ',')) p++;
            if (p >= s.Length || s[p] != '(') return end;
            p++;
            while (p < s.Length && (IsSpace(s[p]) || s[p] is '?' or ',')) p++;
            if (p >= s.Length || s[p] != ')') return end;
            i = end = p + 1;
        }
    }

    // \b(select\s.*?)(?:(\sunion(?:\sall)?)\s\1)+ becomes "$1 /*repeat$2*/". The shortest first select that is
    // repeated at least once wins; then as many repetitions as follow.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RepeatedUnions(ReadOnlySpan<char> s, Span<char> d)
    {
        var n = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == 's' && WordStart(s, i) && At(s, i, "select") && i + 6 < s.Length && IsSpace(s[i + 6])
                && s[(i + 7)..].Contains("union", StringComparison.Ordinal))
            {
                for (var selectEnd = i + 7; selectEnd < s.Length; selectEnd++)
                {
                    var select = s[i..selectEnd];
                    var end = Repetition(s, selectEnd, select, out var union);
                    if (end < 0) continue;
                    var last = union;
                    while (Repetition(s, end, select, out union) is var next and >= 0)
                    {
                        end = next;
                        last = union;
                    }
                    select.CopyTo(d[n..]);
                    n += select.Length;
                    " /*repeat".CopyTo(d[n..]);
                    n += 9;
                    s.Slice(last.Start, last.Length).CopyTo(d[n..]);
                    n += last.Length;
                    "*/".CopyTo(d[n..]);
                    n += 2;
                    i = end;
                    goto advanced;
                }
            }
            d[n++] = s[i++];
        advanced:;
        }
        return n;
    }

    // (\sunion(?:\sall)?)\s\1 at i: the end of the match and the group's range, or -1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Repetition(ReadOnlySpan<char> s, int i, ReadOnlySpan<char> select, out (int Start, int Length) union)
    {
        union = default;
        if (i >= s.Length || !IsSpace(s[i]) || !At(s, i + 1, "union")) return -1;
        var after = i + 6;
        if (after < s.Length && IsSpace(s[after]) && At(s, after + 1, "all") && Repeats(s, after + 4, select) is var withAll and >= 0)
        {
            union = (i, after + 4 - i);
            return withAll;
        }
        if (Repeats(s, after, select) is var without and >= 0)
        {
            union = (i, after - i);
            return without;
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Repeats(ReadOnlySpan<char> s, int i, ReadOnlySpan<char> select) =>
        i < s.Length && IsSpace(s[i]) && s[(i + 1)..].StartsWith(select, StringComparison.Ordinal) ? i + 1 + select.Length : -1;

    // The first \blimit \?(?:, ?\?| offset \?)? becomes "limit ?".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FirstLimit(ReadOnlySpan<char> s, Span<char> d)
    {
        for (var i = s.IndexOf("limit ?", StringComparison.Ordinal); i >= 0; i = NextIndex(s, i + 1, "limit ?"))
        {
            if (!WordStart(s, i)) continue;
            var end = i + 7;
            if (At(s, end, ", ?")) end += 3;
            else if (At(s, end, ",?")) end += 2;
            else if (At(s, end, " offset ?")) end += 9;
            s[..i].CopyTo(d);
            "limit ?".CopyTo(d[i..]);
            s[end..].CopyTo(d[(i + 7)..]);
            return i + 7 + s.Length - end;
        }
        s.CopyTo(d);
        return s.Length;
    }

    // After the first \bORDER BY (ignoring case; the text is lowercase by now), each shortest stretch of one or more
    // characters followed by whitespace and "asc" loses the whitespace and the "asc"; the stretches must follow one
    // another, so the scan stops at the first place without one.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DropAscending(ReadOnlySpan<char> s, Span<char> d)
    {
        var position = -1;
        for (var i = s.IndexOf("order by ", StringComparison.Ordinal); i >= 0; i = NextIndex(s, i + 1, "order by "))
            if (WordStart(s, i)) { position = i + 9; break; }
        if (position < 0)
        {
            s.CopyTo(d);
            return s.Length;
        }
        s[..position].CopyTo(d);
        var n = position;
        while (true)
        {
            var kept = -1;
            var resume = 0;
            for (var t = position + 1; t < s.Length; t++)
            {
                if (!IsSpace(s[t])) continue;
                var k = SkipSpaces(s, t);
                if (At(s, k, "asc")) { kept = t; resume = k + 3; break; }
                t = k - 1;
            }
            if (kept < 0) break;
            s[position..kept].CopyTo(d[n..]);
            n += kept - position;
            position = resume;
        }
        s[position..].CopyTo(d[n..]);
        return n + s.Length - position;
    }
}
