namespace Hypercare.Databases.Sql;

/// <summary>A table of the FROM clause (or of UPDATE, DELETE), as written.</summary>
/// <param name="Schema">The schema or database before the dot, if any.</param>
/// <param name="Name">The table's name.</param>
/// <param name="Alias">The alias, if any.</param>
public sealed record TableReference(string? Schema, string Name, string? Alias)
{
    /// <summary>What columns are qualified with: the alias, or else the name.</summary>
    public string Reference => Alias ?? Name;
}

/// <summary>A column as written: <c>price_cents</c>, <c>p.price_cents</c>.</summary>
/// <param name="Qualifier">The table or alias before the dot, if any.</param>
/// <param name="Name">The column's name.</param>
public sealed record ColumnReference(string? Qualifier, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => Qualifier is null ? Name : $"{Qualifier}.{Name}";
}

/// <summary>How a condition constrains its column, which decides where the column goes in an index.</summary>
public enum PredicateKind
{
    /// <summary><c>col = value</c>.</summary>
    Equality,

    /// <summary><c>col IN (...)</c>: a few equalities.</summary>
    In,

    /// <summary><c>col IS NULL</c>.</summary>
    IsNull,

    /// <summary><c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&gt;=</c> or <c>BETWEEN</c>.</summary>
    Range,

    /// <summary><c>col LIKE 'prefix%'</c>: a range over the prefix.</summary>
    PrefixLike,

    /// <summary><c>a.col = b.col</c> between two tables (WHERE or ON).</summary>
    Join,
}

/// <summary>One condition of a conjunction that an index can serve.</summary>
/// <param name="Column">The constrained column.</param>
/// <param name="Kind">How it is constrained.</param>
/// <param name="Other">For a join, the column on the other side.</param>
public sealed record ColumnPredicate(ColumnReference Column, PredicateKind Kind, ColumnReference? Other = null)
{
    /// <summary>True for conditions that pin the column to one value (or a few): the leading columns of an index.</summary>
    public bool IsEquality => Kind is PredicateKind.Equality or PredicateKind.In or PredicateKind.IsNull or PredicateKind.Join;
}

/// <summary>A column of ORDER BY, with its direction.</summary>
public sealed record SortColumn(ColumnReference Column, bool Descending);

/// <summary>
/// What a statement asks of its tables, as far as indexes go: the tables and aliases, the conditions of the WHERE
/// and ON conjunctions that an index can serve, ORDER BY and GROUP BY columns, and LIMIT.
/// </summary>
/// <param name="Verb">SELECT, UPDATE or DELETE.</param>
/// <param name="Tables">Tables read, in order of appearance (derived tables and subqueries are left out).</param>
/// <param name="Predicates">Conditions from WHERE and ON that an index can serve.</param>
/// <param name="OrderBy">ORDER BY columns; empty when there is none or when it sorts on expressions.</param>
/// <param name="GroupBy">GROUP BY columns; empty when there is none or when it groups on expressions.</param>
/// <param name="Limit">The row count of LIMIT, when it is a number.</param>
/// <param name="Notes">What was read but cannot use an index (OR at the top of WHERE, functions of columns, subqueries...).</param>
public sealed record QueryShape(
    string Verb,
    IReadOnlyList<TableReference> Tables,
    IReadOnlyList<ColumnPredicate> Predicates,
    IReadOnlyList<SortColumn> OrderBy,
    IReadOnlyList<ColumnReference> GroupBy,
    long? Limit,
    IReadOnlyList<string> Notes);

/// <summary>The outcome of reading a statement: its shape, or why there is none.</summary>
/// <param name="Shape">The shape, when the statement could be read.</param>
/// <param name="Reason">Why there is no shape (not a SELECT, UPDATE or DELETE; a syntax the reader does not follow).</param>
public sealed record SqlReading(QueryShape? Shape, string? Reason);
