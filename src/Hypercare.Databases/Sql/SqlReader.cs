namespace Hypercare.Databases.Sql;

/// <summary>
/// Reads the parts of a SELECT, UPDATE or DELETE that indexes serve, over the tokens of <see cref="SqlTokenizer"/>:
/// the tables with their aliases and joins, the conjunctions of WHERE and ON, ORDER BY, GROUP BY and LIMIT.
/// Anything else (other statements, a syntax it does not follow) gives a reason instead of a shape; it never throws.
/// </summary>
public static class SqlReader
{
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "where", "group", "having", "order", "limit", "offset", "for", "union", "intersect", "except", "window", "returning", "set",
        "on", "using", "join", "inner", "left", "right", "full", "cross", "natural", "outer", "straight_join", "use", "force", "ignore",
        "lock", "into", "fetch", "procedure", "values",
    };

    private static readonly HashSet<string> JoinWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "join", "inner", "left", "right", "full", "cross", "natural", "outer", "straight_join",
    };

    private static readonly HashSet<string> ConstantWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "interval",
        "microsecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year", "date", "time", "timestamp", "binary",
    };

    /// <summary>The longest statement read, in characters.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Reads a statement; the reason says why when there is no shape.</summary>
    public static SqlReading Read(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        // A 10 MB multi-row INSERT is not worth tokenizing to learn that it is an INSERT.
        var head = sql.TrimStart();
        var word = new string([.. head.TakeWhile(char.IsLetter)]);
        if (word.Length > 0 && !word.Equals("select", StringComparison.OrdinalIgnoreCase) && !word.Equals("update", StringComparison.OrdinalIgnoreCase)
            && !word.Equals("delete", StringComparison.OrdinalIgnoreCase) && !word.Equals("with", StringComparison.OrdinalIgnoreCase))
            return new SqlReading(null, $"{word.ToUpperInvariant()} reads no rows through an index: only SELECT, UPDATE and DELETE are advised");
        if (sql.Length > MaxLength) return new SqlReading(null, $"the statement is too long to read for advice ({sql.Length:N0} characters; at most {MaxLength:N0})");
        IReadOnlyList<SqlToken> tokens;
        try { tokens = SqlTokenizer.Tokenize(sql); }
        catch (SqlSyntaxException e) { return new SqlReading(null, e.Message); }
        var list = tokens.ToList();
        while (list.Count > 0 && list[^1].IsSymbol(";")) list.RemoveAt(list.Count - 1);
        if (list.Count == 0) return new SqlReading(null, "the statement is empty");
        if (list.Any(t => t.IsSymbol(";"))) return new SqlReading(null, "several statements in one");
        try
        {
            return new Reader(list).Read();
        }
        catch (SqlSyntaxException e)
        {
            return new SqlReading(null, e.Message);
        }
    }

    private sealed class Reader(List<SqlToken> tokens)
    {
        private readonly int[] _depth = Depths(tokens);
        private readonly List<TableReference> _tables = [];
        private readonly List<ColumnPredicate> _predicates = [];
        private readonly List<string> _notes = [];

        private static int[] Depths(List<SqlToken> tokens)
        {
            var depths = new int[tokens.Count];
            var depth = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].IsSymbol(")")) depth--;
                if (depth < 0) throw new SqlSyntaxException("a ')' has no '('", tokens[i].Offset);
                depths[i] = depth;
                if (tokens[i].IsSymbol("(")) depth++;
            }
            if (depth != 0) throw new SqlSyntaxException("a '(' is not closed", tokens[^1].Offset);
            return depths;
        }

        public SqlReading Read()
        {
            var first = tokens[0];
            if (first.IsSymbol("(")) return new SqlReading(null, "a statement in parentheses (a union of selects) is not read");
            if (first.Is("with")) return new SqlReading(null, "WITH (common table expressions) is not read");
            var verb = first.Kind == SqlTokenKind.Word ? first.Text.ToUpperInvariant() : "";
            if (verb is not ("SELECT" or "UPDATE" or "DELETE"))
                return new SqlReading(null, verb.Length == 0 ? "not a statement" : $"{verb} reads no rows through an index: only SELECT, UPDATE and DELETE are advised");
            var compound = Find(1, tokens.Count, "union", "intersect", "except");
            if (compound >= 0) return new SqlReading(null, $"{tokens[compound].Text.ToUpperInvariant()} of several selects is not read");

            int where = Find(1, tokens.Count, "where"), end = tokens.Count;
            var order = FindPair(1, "order", "by");
            var group = FindPair(1, "group", "by");
            var having = Find(1, end, "having");
            var limit = Find(1, end, "limit");
            var clauseEnds = new[] { where, order, group, having, limit, Find(1, end, "for"), Find(1, end, "returning"), Find(1, end, "offset"), Find(1, end, "fetch"), Find(1, end, "window"), end }
                .Where(x => x >= 0).ToArray();
            int Next(int from) => clauseEnds.Where(x => x > from).DefaultIfEmpty(end).Min();

            switch (verb)
            {
                case "SELECT":
                {
                    var from = Find(1, end, "from");
                    if (from < 0) return new SqlReading(null, "a SELECT without FROM reads no table");
                    Tables(from + 1, Next(from));
                    break;
                }
                case "UPDATE":
                {
                    var set = Find(1, end, "set");
                    if (set < 0) return new SqlReading(null, "an UPDATE without SET");
                    var start = 1;
                    while (start < set && (tokens[start].Is("low_priority") || tokens[start].Is("ignore") || tokens[start].Is("only"))) start++;
                    Tables(start, set);
                    var from = Find(set, end, "from");
                    if (from >= 0) Tables(from + 1, Next(from));
                    break;
                }
                default:
                {
                    var from = Find(1, end, "from");
                    if (from < 0) return new SqlReading(null, "a DELETE without FROM");
                    var to = Next(from);
                    var usingAt = Find(from, to, "using");
                    Tables(from + 1, usingAt >= 0 ? usingAt : to);
                    if (usingAt >= 0) Tables(usingAt + 1, to);
                    break;
                }
            }
            if (_tables.Count == 0) return new SqlReading(null, "no table is read (only subqueries or functions)");
            if (where >= 0) Conjunction(where + 1, Next(where), "WHERE");
            var orderBy = order >= 0 ? Sort(order + 2, Next(order + 1)) : [];
            var groupBy = group >= 0 ? Sort(group + 2, Next(group + 1)).Select(s => s.Column).ToList() : [];
            long? count = null;
            if (limit >= 0)
            {
                var values = new List<long>();
                for (var i = limit + 1; i < Next(limit) && i < tokens.Count; i++)
                    if (tokens[i].Kind == SqlTokenKind.Number && long.TryParse(tokens[i].Text, System.Globalization.CultureInfo.InvariantCulture, out var n)) values.Add(n);
                    else if (!tokens[i].IsSymbol(",")) break;
                // LIMIT offset, count (MySQL) or LIMIT count [OFFSET n].
                if (values.Count > 0) count = values[^1];
            }
            return new SqlReading(new QueryShape(verb, _tables, _predicates, orderBy, groupBy, count, _notes), null);
        }

        /// <summary>The first depth-0 token among the words in [from, to), or -1.</summary>
        private int Find(int from, int to, params string[] words)
        {
            for (var i = from; i < to && i < tokens.Count; i++)
                if (_depth[i] == 0 && words.Any(tokens[i].Is)) return i;
            return -1;
        }

        private int FindPair(int from, string a, string b)
        {
            for (var i = from; i + 1 < tokens.Count; i++)
                if (_depth[i] == 0 && tokens[i].Is(a) && tokens[i + 1].Is(b)) return i;
            return -1;
        }

        private void Tables(int from, int to)
        {
            var i = from;
            while (i < to)
            {
                var t = tokens[i];
                if (t.IsSymbol(",") || JoinWords.Contains(t.Text) && t.Kind == SqlTokenKind.Word) { i++; continue; }
                if (t.IsSymbol("("))
                {
                    var close = Close(i);
                    if (i + 1 < tokens.Count && tokens[i + 1].Is("select")) _notes.Add("a derived table (subquery in FROM) is not advised");
                    else Tables(i + 1, close);
                    i = close + 1;
                    i = SkipAlias(i, to, out _);
                    continue;
                }
                if (t.Is("on"))
                {
                    var end = i + 1;
                    while (end < to && !(_depth[end] == _depth[i] && (tokens[end].IsSymbol(",") || tokens[end].Kind == SqlTokenKind.Word && JoinWords.Contains(tokens[end].Text)))) end++;
                    Conjunction(i + 1, end, "ON");
                    i = end;
                    continue;
                }
                if (t.Is("using") && i + 1 < to && tokens[i + 1].IsSymbol("("))
                {
                    var close = Close(i + 1);
                    if (_tables.Count >= 2)
                        for (var k = i + 2; k < close; k++)
                            if (tokens[k].IsName)
                                _predicates.Add(new ColumnPredicate(new ColumnReference(_tables[^1].Reference, tokens[k].Text), PredicateKind.Join, new ColumnReference(_tables[^2].Reference, tokens[k].Text)));
                    i = close + 1;
                    continue;
                }
                if (t.Is("use") || t.Is("force") || t.Is("ignore"))
                {
                    // Index hints: USE INDEX (...), FORCE INDEX FOR JOIN (...).
                    var open = i;
                    while (open < to && !tokens[open].IsSymbol("(")) open++;
                    i = open < to ? Close(open) + 1 : to;
                    continue;
                }
                if (!t.IsName) throw new SqlSyntaxException($"'{t.Text}' where a table was expected", t.Offset);
                if (i + 1 < to && tokens[i + 1].IsSymbol("("))
                {
                    _notes.Add($"the table function {t.Text}(...) is not advised");
                    i = SkipAlias(Close(i + 1) + 1, to, out _);
                    continue;
                }
                string? schema = null;
                var name = t.Text;
                i++;
                while (i + 1 < to && tokens[i].IsSymbol(".") && tokens[i + 1].IsName)
                {
                    schema = schema is null ? name : $"{schema}.{name}";
                    name = tokens[i + 1].Text;
                    i += 2;
                }
                i = SkipAlias(i, to, out var alias);
                _tables.Add(new TableReference(schema, name, alias));
            }
        }

        private int SkipAlias(int i, int to, out string? alias)
        {
            alias = null;
            if (i < to && tokens[i].Is("as")) i++;
            if (i < to && (tokens[i].Kind == SqlTokenKind.QuotedName || tokens[i].Kind == SqlTokenKind.Word && !ClauseWords.Contains(tokens[i].Text)))
            {
                alias = tokens[i].Text;
                i++;
                // A column list after a derived table's alias: AS t (a, b).
                if (i < to && tokens[i].IsSymbol("(")) i = Close(i) + 1;
            }
            return i;
        }

        private int Close(int open)
        {
            for (var i = open + 1; i < tokens.Count; i++)
                if (_depth[i] == _depth[open] && tokens[i].IsSymbol(")")) return i;
            throw new SqlSyntaxException("a '(' is not closed", tokens[open].Offset);
        }

        /// <summary>Splits [from, to) at its top-level ANDs (not the AND of BETWEEN) and reads each condition.</summary>
        private void Conjunction(int from, int to, string clause)
        {
            if (from >= to) return;
            var depth = _depth[from];
            for (var i = from; i < to; i++)
                if (_depth[i] == depth && (tokens[i].Is("or") || tokens[i].Is("xor")))
                {
                    _notes.Add($"{clause} has OR at its top level: only an index per branch (or a rewrite as UNION) could serve it");
                    return;
                }
            var start = from;
            var between = false;
            for (var i = from; i <= to; i++)
            {
                if (i < to && _depth[i] == depth && tokens[i].Is("between")) between = true;
                else if (i == to || _depth[i] == depth && (tokens[i].Is("and") || tokens[i].IsSymbol("&&")))
                {
                    if (i < to && between) { between = false; continue; }
                    Condition(start, i, clause);
                    start = i + 1;
                }
            }
        }

        private void Condition(int from, int to, string clause)
        {
            if (from >= to) return;
            if (tokens[from].IsSymbol("(") && Close(from) == to - 1) { Conjunction(from + 1, to - 1, clause); return; }
            if (tokens[from].Is("not") || tokens[from].Is("exists")) { Note(from, to, "a negated or EXISTS condition"); return; }
            var left = Column(from, to, out var afterLeft);
            if (left is null)
            {
                // value op column: flip it.
                var op = Operator(from, to);
                if (op >= 0 && IsConstant(from, op) && Column(op + 1, to, out var end) is { } right && end == to)
                {
                    Comparison(right, tokens[op].Text switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", var s => s });
                    return;
                }
                if (ContainsColumn(from, to)) Note(from, to, "a condition on an expression of a column (a function or arithmetic) that a plain index cannot serve");
                return;
            }
            var i = afterLeft;
            if (i >= to) return;
            var t = tokens[i];
            if (t.Kind == SqlTokenKind.Symbol && t.Text is "=" or "==" or "<=>" or "<" or ">" or "<=" or ">=")
            {
                if (Column(i + 1, to, out var end) is { } other && end == to)
                {
                    if (t.Text is "=" or "==" or "<=>")
                    {
                        _predicates.Add(new ColumnPredicate(left, PredicateKind.Join, other));
                        _predicates.Add(new ColumnPredicate(other, PredicateKind.Join, left));
                    }
                    return;
                }
                if (IsConstant(i + 1, to)) Comparison(left, t.Text);
                return;
            }
            if (t.Is("in") && i + 1 < to && tokens[i + 1].IsSymbol("(") && Close(i + 1) == to - 1)
            {
                _predicates.Add(new ColumnPredicate(left, PredicateKind.In));
                return;
            }
            if (t.Is("between"))
            {
                _predicates.Add(new ColumnPredicate(left, PredicateKind.Range));
                return;
            }
            if (t.Is("like") && i + 1 < to)
            {
                var pattern = tokens[i + 1];
                if (pattern.Kind == SqlTokenKind.Text && pattern.Text.Length > 0 && pattern.Text[0] is not ('%' or '_'))
                    _predicates.Add(new ColumnPredicate(left, PredicateKind.PrefixLike));
                else Note(from, to, "a LIKE whose pattern does not start with fixed characters");
                return;
            }
            if (t.Is("is") && i + 1 < to && tokens[i + 1].Is("null"))
                _predicates.Add(new ColumnPredicate(left, PredicateKind.IsNull));
        }

        private void Comparison(ColumnReference column, string op) =>
            _predicates.Add(new ColumnPredicate(column, op is "=" or "==" or "<=>" ? PredicateKind.Equality : PredicateKind.Range));

        private int Operator(int from, int to)
        {
            for (var i = from; i < to; i++)
                if (_depth[i] == _depth[from] && tokens[i].Kind == SqlTokenKind.Symbol && tokens[i].Text is "=" or "==" or "<=>" or "<" or ">" or "<=" or ">=")
                    return i;
            return -1;
        }

        /// <summary>A column reference at <paramref name="from"/>: name, or qualifier.name (schema.table.name keeps the table).</summary>
        private ColumnReference? Column(int from, int to, out int end)
        {
            end = from;
            if (from >= to || !tokens[from].IsName) return null;
            if (tokens[from].Kind == SqlTokenKind.Word && ConstantWords.Contains(tokens[from].Text)) return null;
            var parts = new List<string> { tokens[from].Text };
            var i = from + 1;
            while (i + 1 < to && tokens[i].IsSymbol(".") && tokens[i + 1].IsName) { parts.Add(tokens[i + 1].Text); i += 2; }
            if (i < to && (tokens[i].IsSymbol("(") || tokens[i].IsSymbol("."))) return null;
            if (i < to && tokens[i].Kind == SqlTokenKind.Symbol && tokens[i].Text is "+" or "-" or "*" or "/" or "%" or "::" or "->" or "||") return null;
            end = i;
            return new ColumnReference(parts.Count > 1 ? parts[^2] : null, parts[^1]);
        }

        private bool IsConstant(int from, int to) => from < to && !ContainsColumn(from, to) && !tokens.Skip(from).Take(to - from).Any(t => t.Is("select"));

        private bool ContainsColumn(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var t = tokens[i];
                if (!t.IsName) continue;
                if (t.Kind == SqlTokenKind.Word && ConstantWords.Contains(t.Text)) continue;
                if (i + 1 < to && tokens[i + 1].IsSymbol("(")) continue;
                if (i > from && tokens[i - 1].IsSymbol("::")) continue;
                return true;
            }
            return false;
        }

        private void Note(int from, int to, string what)
        {
            var text = string.Join(' ', tokens.Skip(from).Take(Math.Min(to - from, 12)).Select(t => t.Kind == SqlTokenKind.Text ? "'" + t.Text + "'" : t.Text));
            _notes.Add($"{what}: {text}");
        }

        private List<SortColumn> Sort(int from, int to)
        {
            var result = new List<SortColumn>();
            var start = from;
            for (var i = from; i <= to; i++)
            {
                if (i < to && !(_depth[i] == 0 && tokens[i].IsSymbol(","))) continue;
                var column = Column(start, i, out var end);
                if (column is null)
                {
                    Note(start, i, "ORDER BY or GROUP BY on an expression or a position, which an index does not give");
                    return [];
                }
                var descending = end < i && tokens[end].Is("desc");
                if (end < i && (tokens[end].Is("desc") || tokens[end].Is("asc"))) end++;
                if (end + 1 < i && tokens[end].Is("nulls")) end += 2;
                if (end < i && tokens[end].Is("collate")) end += 2;
                if (end != i && !(end < i && tokens[end].Is("with")))
                {
                    Note(start, i, "ORDER BY or GROUP BY on an expression, which an index does not give");
                    return [];
                }
                result.Add(new SortColumn(column, descending));
                start = i + 1;
            }
            return result;
        }
    }
}
