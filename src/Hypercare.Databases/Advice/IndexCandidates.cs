using Hypercare.Databases.Sql;

namespace Hypercare.Databases.Advice;

/// <summary>A table as the database knows it: its columns and the columns of its indexes, in order.</summary>
/// <param name="Name">The table's name as the database spells it.</param>
/// <param name="Schema">Its schema, when the database has schemas.</param>
/// <param name="Columns">Its columns.</param>
/// <param name="Indexes">Its indexes (the primary key among them), each with its columns in order.</param>
public sealed record TableSchema(string Name, string? Schema, IReadOnlyList<string> Columns, IReadOnlyList<ExistingIndex> Indexes)
{
    /// <summary>True when the table has the column (names compared without case).</summary>
    public bool Has(string column) => Columns.Any(c => c.Equals(column, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An index that exists.</summary>
public sealed record ExistingIndex(string Name, IReadOnlyList<string> Columns);

/// <summary>Where the advice looks tables up; null results mean "not known".</summary>
public interface ISchemaSource
{
    /// <summary>The table, or null when it does not exist or cannot be read.</summary>
    TableSchema? Table(TableReference table);
}

/// <summary>A column of a candidate index.</summary>
public sealed record IndexColumn(string Name, bool Descending)
{
    /// <inheritdoc/>
    public override string ToString() => Descending ? Name + " DESC" : Name;
}

/// <summary>An index that could serve a statement, and why its columns are in that order.</summary>
/// <param name="Table">The table, as the statement names it.</param>
/// <param name="Columns">The columns in index order.</param>
/// <param name="Rationale">Which condition or sort each column serves.</param>
public sealed record IndexCandidate(TableReference Table, IReadOnlyList<IndexColumn> Columns, string Rationale)
{
    /// <summary>A name for the index: <c>hc_products_category_rating</c>.</summary>
    public string Name
    {
        get
        {
            var name = "hc_" + Table.Name + "_" + string.Join('_', Columns.Select(c => c.Name));
            name = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_')]);
            return name.Length <= 60 ? name : name[..51] + "_" + ((uint)StableHash(name)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The statement that creates it, with names quoted by <paramref name="quote"/> when they need it.</summary>
    public string Ddl(char quote = '"')
    {
        string Q(string n) => n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(n[0]) ? n : quote + n.Replace(quote.ToString(), new string(quote, 2), StringComparison.Ordinal) + quote;
        var table = Table.Schema is null ? Q(Table.Name) : Q(Table.Schema) + "." + Q(Table.Name);
        return $"CREATE INDEX {Name} ON {table} ({string.Join(", ", Columns.Select(c => c.Descending ? Q(c.Name) + " DESC" : Q(c.Name)))})";
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked(h * 31 + c);
        return h;
    }
}

/// <summary>The candidates for one statement, and the ones left out with why.</summary>
public sealed record CandidateSet(IReadOnlyList<IndexCandidate> Candidates, IReadOnlyList<string> Skipped);

/// <summary>
/// Candidate indexes from a statement's shape. Per table: the columns it is compared to by equality (<c>=</c>,
/// <c>IN</c>, <c>IS NULL</c>, then a join's lookup column) come first, because an index narrows to one range of
/// entries only as long as its leading columns are fixed. After them the index can either follow ORDER BY (then
/// the rows come out sorted and a LIMIT stops early) or hold a range column (then the range is read and sorted):
/// both are proposed, equality–sort–range and equality–range, and EXPLAIN decides which the planner takes.
/// Columns after a range column cannot order the output, so the range always comes last. A candidate is left out
/// when the schema is known and an existing index already starts with its columns.
/// </summary>
public static class IndexCandidates
{
    /// <summary>The most columns a candidate gets.</summary>
    public const int MaxColumns = 5;

    /// <summary>Candidates for the statement; <paramref name="schema"/> may be null when no database is known.</summary>
    public static CandidateSet For(QueryShape shape, ISchemaSource? schema)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var candidates = new List<IndexCandidate>();
        var skipped = new List<string>();
        var known = shape.Tables.ToDictionary(t => t, t => schema?.Table(t));
        TableReference? Resolve(ColumnReference column)
        {
            if (column.Qualifier is { } q)
                return shape.Tables.FirstOrDefault(t => string.Equals(t.Alias, q, StringComparison.OrdinalIgnoreCase))
                    ?? shape.Tables.FirstOrDefault(t => t.Alias is null && t.Name.Equals(q, StringComparison.OrdinalIgnoreCase));
            if (shape.Tables.Count == 1) return shape.Tables[0];
            var having = shape.Tables.Where(t => known[t]?.Has(column.Name) == true).ToList();
            return having.Count == 1 ? having[0] : null;
        }

        foreach (var table in shape.Tables.Distinct())
        {
            var info = known[table];
            if (schema is not null && info is null)
            {
                skipped.Add($"{table.Name}: not found in the database");
                continue;
            }
            bool Mine(ColumnReference c) => Resolve(c) == table && (info is null || info.Has(c.Name));
            var equality = new List<string>();
            string? range = null;
            var rationale = new List<string>();
            // Columns compared to values first, then the join columns: such an index serves the table whether it
            // drives the join (the values narrow it) or is looked up from the other table (all columns fixed).
            foreach (var p in shape.Predicates.Where(p => Mine(p.Column)).OrderBy(p => p.Kind == PredicateKind.Join))
            {
                var name = Spelled(info, p.Column.Name);
                if (p.IsEquality)
                {
                    if (p.Kind == PredicateKind.Join && Resolve(p.Other!) == table) continue;
                    if (!equality.Contains(name, StringComparer.OrdinalIgnoreCase)) equality.Add(name);
                }
                else range ??= name;
            }
            if (range is not null && equality.Contains(range, StringComparer.OrdinalIgnoreCase)) range = null;
            var describeEquality = equality.Count == 0 ? null : $"{string.Join(", ", equality)} by equality";
            var sortSource = shape.OrderBy.Count > 0 ? shape.OrderBy : shape.GroupBy.Select(c => new SortColumn(c, false)).ToList();
            var sortWord = shape.OrderBy.Count > 0 ? "ORDER BY" : "GROUP BY";
            // Sorting by index is only possible when every sort column is on this table and it drives the query.
            var sort = sortSource.Count > 0 && sortSource.All(s => Mine(s.Column)) && (shape.Tables.Count == 1 || shape.Tables[0] == table)
                ? sortSource.Where(s => !equality.Contains(s.Column.Name, StringComparer.OrdinalIgnoreCase)).Select(s => new IndexColumn(Spelled(info, s.Column.Name), s.Descending)).ToList()
                : [];
            // One direction throughout: the index is read backwards for DESC. Mixed directions need DESC columns.
            if (sort.Count > 0 && sort.All(s => s.Descending)) sort = [.. sort.Select(s => s with { Descending = false })];

            var options = new List<(List<IndexColumn> Columns, string Why)>();
            if (equality.Count > 0 || range is not null)
            {
                var columns = equality.Select(c => new IndexColumn(c, false)).ToList();
                if (range is not null) columns.Add(new IndexColumn(range, false));
                options.Add((columns, string.Join(", then ", new[] { describeEquality, range is null ? null : $"{range} by range" }.OfType<string>())));
            }
            if (sort.Count > 0 && (equality.Count > 0 || range is null))
            {
                var columns = equality.Select(c => new IndexColumn(c, false)).Concat(sort).ToList();
                var sorted = sort.Any(s => s.Name.Equals(range, StringComparison.OrdinalIgnoreCase));
                if (range is not null && !sorted) columns.Add(new IndexColumn(range, false));
                options.Add((columns, string.Join(", then ", new[]
                {
                    describeEquality,
                    $"{string.Join(", ", sort.Select(s => s.Name))} in {sortWord} order (no sort, and LIMIT stops early)",
                    range is null || sorted ? null : $"{range} by range, filtered in the index",
                }.OfType<string>())));
            }
            foreach (var (columns, why) in options)
            {
                var cut = columns.Take(MaxColumns).ToList();
                var candidate = new IndexCandidate(info is null ? table : table with { Name = info.Name, Schema = table.Schema }, cut, why);
                if (candidates.Any(c => c.Table.Name == candidate.Table.Name && c.Columns.SequenceEqual(cut))) continue;
                var existing = info?.Indexes.FirstOrDefault(ix => ix.Columns.Count >= cut.Count && cut.Select((c, k) => c.Name.Equals(ix.Columns[k], StringComparison.OrdinalIgnoreCase)).All(x => x));
                if (existing is not null)
                {
                    skipped.Add($"{table.Name}({string.Join(", ", cut)}): the index {existing.Name} already starts with these columns");
                    continue;
                }
                candidates.Add(candidate);
            }
        }
        return new CandidateSet(candidates, skipped);
    }

    private static string Spelled(TableSchema? info, string column) =>
        info?.Columns.FirstOrDefault(c => c.Equals(column, StringComparison.OrdinalIgnoreCase)) ?? column;
}
