using System.Globalization;
using System.Text.Json;
using Hypercare.Core.Problems;
using Hypercare.Databases.Sql;
using Npgsql;

namespace Hypercare.Databases.Advice;

/// <summary>
/// Verifies candidates on PostgreSQL without changing the database. With the HypoPG extension installed in it, the
/// candidate is a hypothetical index (<c>hypopg_create_index</c>) inside a read-only transaction. Without it, the
/// tables of the statement are copied (structure, indexes and rows) into temporary tables of the session, which
/// the statement's unqualified names then resolve to; the index is created on the copy, and the transaction is
/// rolled back. Either way, <c>EXPLAIN (FORMAT JSON)</c> before and after decides: verified when the planner uses
/// the candidate and a sequential scan of the table becomes an index access, or the estimated total cost drops.
/// Only loopback hosts (and local sockets) are reached.
/// </summary>
public sealed class PostgresPlanVerifier : IPlanVerifier
{
    private readonly NpgsqlConnection _connection;
    private readonly Dictionary<string, TableSchema?> _tables = new(StringComparer.OrdinalIgnoreCase);

    private PostgresPlanVerifier(NpgsqlConnection connection, string? hypoPgSchema)
    {
        _connection = connection;
        _hypoPg = hypoPgSchema is null ? null : Quote(hypoPgSchema);
    }

    // The schema HypoPG's functions live in, quoted; the session's search path need not include it.
    private readonly string? _hypoPg;

    /// <summary>True when HypoPG is installed in the database and hypothetical indexes are used.</summary>
    public bool HypoPg => _hypoPg is not null;

    /// <inheritdoc/>
    public string Description => HypoPg
        ? $"PostgreSQL {_connection.PostgreSqlVersion.ToString(2)} (database {_connection.Database}), hypothetical indexes with HypoPG"
        : $"PostgreSQL {_connection.PostgreSqlVersion.ToString(2)} (database {_connection.Database}), real indexes on temporary copies of the tables";

    /// <summary>Connects after checking that every host is on loopback.</summary>
    /// <exception cref="SafetyRefusalException">A host is not on loopback (exit 3).</exception>
    /// <exception cref="BadInputException">The connection string cannot be read or the server cannot be reached.</exception>
    public static PostgresPlanVerifier Open(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(connection); }
        catch (ArgumentException e) { throw new BadInputException("invalid-connection", $"not a PostgreSQL connection string: {e.Message}", "Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=...", SourceLocation.ForField("--explain")); }
        var hosts = (builder.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0)
            throw new BadInputException("invalid-connection", "the PostgreSQL connection string has no Host", "Host=127.0.0.1;...", SourceLocation.ForField("--explain"));
        LocalDatabase.RequireLoopback(hosts);
        builder.Pooling = false;
        builder.ApplicationName ??= "hypercare db digest --explain";
        var npgsql = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            npgsql.Open();
            using var command = new NpgsqlCommand("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'hypopg'", npgsql);
            return new PostgresPlanVerifier(npgsql, command.ExecuteScalar() as string);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            npgsql.Dispose();
            throw new BadInputException("database-unreachable", $"PostgreSQL at {builder.Host}:{builder.Port} could not be reached: {e.Message}", null, SourceLocation.ForField("--explain"));
        }
    }

    /// <inheritdoc/>
    public TableSchema? Table(TableReference table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var key = table.Schema is null ? table.Name : $"{table.Schema}.{table.Name}";
        if (_tables.TryGetValue(key, out var known)) return known;
        TableSchema? result = null;
        var oid = Scalar("SELECT to_regclass(@t)::oid::bigint", ("t", Quote(table.Schema) is { } s ? $"{s}.{Quote(table.Name)}" : Quote(table.Name)!));
        oid ??= Scalar("SELECT to_regclass(@t)::oid::bigint", ("t", table.Schema is null ? table.Name.ToLowerInvariant() : $"{table.Schema.ToLowerInvariant()}.{table.Name.ToLowerInvariant()}"));
        if (oid is long id)
        {
            string name = "", schema = "";
            using (var command = Command("SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = @o::oid", ("o", id)))
            using (var reader = command.ExecuteReader())
                if (reader.Read()) { name = reader.GetString(0); schema = reader.GetString(1); }
            var columns = new List<string>();
            using (var command = Command("SELECT attname FROM pg_attribute WHERE attrelid = @o::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum", ("o", id)))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) columns.Add(reader.GetString(0));
            var indexes = new List<ExistingIndex>();
            using (var command = Command("""
                SELECT ic.relname, array(SELECT a.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, n)
                                         JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.n)
                FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid
                WHERE ix.indrelid = @o::oid AND NOT (0 = ANY(ix.indkey::int2[])) AND ix.indpred IS NULL
                """, ("o", id)))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) indexes.Add(new ExistingIndex(reader.GetString(0), reader.GetFieldValue<string[]>(1)));
            result = new TableSchema(name, table.Schema is null ? null : schema, columns, indexes);
        }
        _tables[key] = result;
        return result;
    }

    private static string? Quote(string? name) => name is null ? null : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <inheritdoc/>
    public Verification Verify(string statement, QueryShape shape, IndexCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(candidate);
        using var transaction = _connection.BeginTransaction();
        try
        {
            string indexName;
            Plan before;
            if (HypoPg)
            {
                Execute("SET TRANSACTION READ ONLY");
                before = Explain(statement);
                using var create = Command($"SELECT indexname FROM {_hypoPg}.hypopg_create_index(@ddl)", ("ddl", candidate.Ddl()));
                indexName = (string)create.ExecuteScalar()!;
            }
            else
            {
                if (shape.Tables.Any(t => t.Schema is not null))
                    return new Verification(false, "the statement names its tables with a schema, so a temporary copy cannot stand in for them; install HypoPG to verify it", [], []);
                foreach (var table in shape.Tables.DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase))
                {
                    var info = Table(table);
                    if (info is null) continue;
                    var source = $"{Quote(Scalar2("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(@t)", ("t", Quote(info.Name)!)))}.{Quote(info.Name)}";
                    Execute($"CREATE TEMPORARY TABLE {Quote(info.Name)} (LIKE {source} INCLUDING INDEXES) ON COMMIT DROP");
                    Execute($"INSERT INTO pg_temp.{Quote(info.Name)} SELECT * FROM {source}");
                    Execute($"ANALYZE pg_temp.{Quote(info.Name)}");
                }
                before = Explain(statement);
                var onCopy = candidate with { Table = candidate.Table with { Schema = "pg_temp" } };
                Execute(onCopy.Ddl());
                indexName = candidate.Name;
            }
            var after = Explain(statement);
            return Judge(candidate, indexName, before, after);
        }
        catch (PostgresException e)
        {
            return new Verification(false, $"EXPLAIN failed: {e.MessageText}", [], []);
        }
        finally
        {
            if (HypoPg)
            {
                try { Execute($"SELECT {_hypoPg}.hypopg_reset()"); }
                catch (PostgresException) { }
            }
            transaction.Rollback();
        }
    }

    private sealed record Plan(double Cost, List<string> Lines, List<(string Node, string? Relation, string? Alias, string? Index)> Nodes);

    private Plan Explain(string statement)
    {
        using var command = Command("EXPLAIN (FORMAT JSON) " + statement);
        var json = command.ExecuteScalar() switch { string s => s, var other => other?.ToString() ?? "[]" };
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement[0].GetProperty("Plan");
        var lines = new List<string>();
        var nodes = new List<(string, string?, string?, string?)>();
        void Walk(JsonElement node, int depth)
        {
            var type = node.GetProperty("Node Type").GetString()!;
            string? Get(string p) => node.TryGetProperty(p, out var v) ? v.GetString() : null;
            var relation = Get("Relation Name");
            var alias = Get("Alias");
            var index = Get("Index Name");
            nodes.Add((type, relation, alias, index));
            var cost = node.GetProperty("Total Cost").GetDouble().ToString("0.##", CultureInfo.InvariantCulture);
            lines.Add(new string(' ', 2 * depth) + type + (index is null ? "" : $" using {index}") + (relation is null ? "" : $" on {relation}") + $" (cost {cost})");
            if (node.TryGetProperty("Plans", out var children))
                foreach (var child in children.EnumerateArray()) Walk(child, depth + 1);
        }
        Walk(root, 0);
        return new Plan(root.GetProperty("Total Cost").GetDouble(), lines, nodes);
    }

    private static Verification Judge(IndexCandidate candidate, string indexName, Plan before, Plan after)
    {
        var table = candidate.Table.Name;
        bool Mine((string Node, string? Relation, string? Alias, string? Index) n) => string.Equals(n.Relation, table, StringComparison.OrdinalIgnoreCase);
        var used = after.Nodes.Any(n => n.Index == indexName);
        var scanBefore = before.Nodes.Any(n => Mine(n) && n.Node == "Seq Scan");
        var indexAfter = after.Nodes.Any(n => n.Index == indexName && n.Node is "Index Scan" or "Index Only Scan" or "Bitmap Index Scan");
        var scanAfter = after.Nodes.Any(n => Mine(n) && n.Node == "Seq Scan");
        var cheaper = after.Cost < before.Cost * 0.95;
        var sortsBefore = before.Nodes.Count(n => n.Node is "Sort" or "Incremental Sort");
        var sortsAfter = after.Nodes.Count(n => n.Node is "Sort" or "Incremental Sort");
        var cost = $"estimated cost {before.Cost.ToString("0.##", CultureInfo.InvariantCulture)} -> {after.Cost.ToString("0.##", CultureInfo.InvariantCulture)}";
        if (!used) return new Verification(false, "the planner does not use it", before.Lines, after.Lines, before.Cost, after.Cost);
        var scanToIndex = scanBefore && indexAfter && !scanAfter;
        if (!scanToIndex && !cheaper)
            return new Verification(false, $"the planner uses it but the cost does not drop ({cost})", before.Lines, after.Lines, before.Cost, after.Cost);
        var what = new List<string>();
        if (scanToIndex) what.Add($"Seq Scan on {table} becomes an index access with it");
        if (sortsAfter < sortsBefore) what.Add("the sort is gone");
        if (!scanToIndex) what.Add("the estimated cost drops");
        return new Verification(true, string.Join("; ", what), before.Lines, after.Lines, before.Cost, after.Cost)
        {
            Score = (scanToIndex ? 2 : 0) + (sortsAfter < sortsBefore ? 1 : 0) + (before.Cost > 0 ? 1 - after.Cost / before.Cost : 0),
        };
    }

    private NpgsqlCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, _connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private long? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        try { return command.ExecuteScalar() is long l ? l : null; }
        catch (PostgresException) { return null; }
    }

    private string? Scalar2(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() as string;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _connection.Dispose();
}
