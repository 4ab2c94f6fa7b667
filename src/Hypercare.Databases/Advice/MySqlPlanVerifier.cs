using System.Globalization;
using Hypercare.Core.Problems;
using Hypercare.Databases.Sql;
using MySqlConnector;

namespace Hypercare.Databases.Advice;

/// <summary>
/// Verifies candidates on MySQL or MariaDB without changing the database. The tables of the statement are copied
/// (structure, indexes and rows) into temporary tables of the session under their own names, which then hide the
/// real tables from this session only; the session checks that each name now is a temporary table before any index
/// is created on it, and drops the copies with <c>DROP TEMPORARY TABLE</c>. EXPLAIN before and after decides:
/// verified when the planner uses the candidate and a full scan (<c>type ALL</c>) becomes an index access, or
/// <c>Using filesort</c> disappears, or the estimated rows drop. Only loopback hosts (and local sockets) are reached.
/// </summary>
public sealed class MySqlPlanVerifier : IPlanVerifier
{
    private readonly MySqlConnection _connection;
    private readonly string _database;
    private readonly Dictionary<string, TableSchema?> _tables = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _version;

    private MySqlPlanVerifier(MySqlConnection connection, string database, string version)
    {
        _connection = connection;
        _database = database;
        _version = version;
    }

    /// <inheritdoc/>
    public string Description => $"{(_version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase) ? "MariaDB" : "MySQL")} {_version.Split('-')[0]} (database {_database}), real indexes on temporary copies of the tables";

    /// <summary>Connects after checking that every host is on loopback.</summary>
    /// <exception cref="SafetyRefusalException">A host is not on loopback (exit 3).</exception>
    /// <exception cref="BadInputException">The connection string cannot be read, names no database, or the server cannot be reached.</exception>
    public static MySqlPlanVerifier Open(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        MySqlConnectionStringBuilder builder;
        try { builder = new MySqlConnectionStringBuilder(connection); }
        catch (ArgumentException e) { throw new BadInputException("invalid-connection", $"not a MySQL connection string: {e.Message}", "Server=127.0.0.1;Port=3306;User=...;Password=...;Database=...", SourceLocation.ForField("--explain")); }
        var hosts = (builder.Server ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0)
            throw new BadInputException("invalid-connection", "the MySQL connection string has no Server", "Server=127.0.0.1;...", SourceLocation.ForField("--explain"));
        LocalDatabase.RequireLoopback(hosts);
        if (string.IsNullOrEmpty(builder.Database))
            throw new BadInputException("invalid-connection", "the MySQL connection string names no Database", "add Database=NAME, the database the statements run in", SourceLocation.ForField("--explain"));
        builder.Pooling = false;
        var mysql = new MySqlConnection(builder.ConnectionString);
        try
        {
            mysql.Open();
            using var version = new MySqlCommand("SELECT VERSION()", mysql);
            return new MySqlPlanVerifier(mysql, builder.Database, version.ExecuteScalar() as string ?? "");
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException or TimeoutException)
        {
            mysql.Dispose();
            throw new BadInputException("database-unreachable", $"MySQL at {builder.Server}:{builder.Port} could not be reached: {e.Message}", null, SourceLocation.ForField("--explain"));
        }
    }

    /// <inheritdoc/>
    public TableSchema? Table(TableReference table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var schema = table.Schema ?? _database;
        var key = $"{schema}.{table.Name}";
        if (_tables.TryGetValue(key, out var known)) return known;
        TableSchema? result = null;
        string? name;
        using (var command = Command("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t", ("s", schema), ("t", table.Name)))
            name = command.ExecuteScalar() as string;
        if (name is not null)
        {
            var columns = new List<string>();
            using (var command = Command("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t ORDER BY ORDINAL_POSITION", ("s", schema), ("t", name)))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) columns.Add(reader.GetString(0));
            var indexes = new List<ExistingIndex>();
            using (var command = Command("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t ORDER BY INDEX_NAME, SEQ_IN_INDEX", ("s", schema), ("t", name)))
            using (var reader = command.ExecuteReader())
            {
                var rows = new List<(string Index, string? Column)>();
                while (reader.Read()) rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
                foreach (var index in rows.GroupBy(r => r.Index))
                {
                    var cols = index.TakeWhile(r => r.Column is not null).Select(r => r.Column!).ToList();
                    if (cols.Count > 0) indexes.Add(new ExistingIndex(index.Key, cols));
                }
            }
            result = new TableSchema(name, table.Schema, columns, indexes);
        }
        _tables[key] = result;
        return result;
    }

    private static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <inheritdoc/>
    public Verification Verify(string statement, QueryShape shape, IndexCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(candidate);
        if (shape.Tables.Any(t => t.Schema is not null))
            return new Verification(false, "the statement names its tables with a database, so a temporary copy cannot stand in for them", [], []);
        var copies = new List<string>();
        try
        {
            foreach (var table in shape.Tables.DistinctBy(t => t.Name, StringComparer.OrdinalIgnoreCase))
            {
                if (Table(table) is not { } info) continue;
                var scratch = "hc_copy_" + Guid.NewGuid().ToString("N")[..12];
                Execute($"CREATE TEMPORARY TABLE {Quote(scratch)} LIKE {Quote(_database)}.{Quote(info.Name)}");
                Execute($"INSERT INTO {Quote(scratch)} SELECT * FROM {Quote(_database)}.{Quote(info.Name)}");
                Execute($"ALTER TABLE {Quote(scratch)} RENAME TO {Quote(info.Name)}");
                copies.Add(info.Name);
                // The name must now be the session's temporary copy; nothing is created otherwise.
                using var show = Command($"SHOW CREATE TABLE {Quote(info.Name)}");
                using var reader = show.ExecuteReader();
                if (!reader.Read() || !reader.GetString(1).StartsWith("CREATE TEMPORARY TABLE", StringComparison.OrdinalIgnoreCase))
                    return new Verification(false, $"the temporary copy of {info.Name} could not be made", [], []);
                reader.Close();
                Execute($"ANALYZE TABLE {Quote(info.Name)}");
            }
            var before = Explain(statement);
            var local = candidate with { Table = candidate.Table with { Schema = null } };
            Execute(local.Ddl('`'));
            var after = Explain(statement);
            return Judge(candidate, before, after);
        }
        catch (MySqlException e)
        {
            return new Verification(false, $"EXPLAIN failed: {e.Message}", [], []);
        }
        finally
        {
            foreach (var name in copies)
            {
                try { Execute($"DROP TEMPORARY TABLE IF EXISTS {Quote(name)}"); }
                catch (MySqlException) { }
            }
        }
    }

    private sealed record Step(string Table, string Type, string? Key, double Rows, string Extra);

    private List<Step> Explain(string statement)
    {
        var steps = new List<Step>();
        using var command = Command("EXPLAIN " + statement);
        using var reader = command.ExecuteReader();
        int Column(string name) { try { return reader.GetOrdinal(name); } catch (IndexOutOfRangeException) { return -1; } }
        int table = Column("table"), type = Column("type"), key = Column("key"), rows = Column("rows"), extra = Column("Extra");
        string? Text(int i) => i < 0 || reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
        while (reader.Read())
            steps.Add(new Step(Text(table) ?? "", Text(type) ?? "", Text(key), double.TryParse(Text(rows), CultureInfo.InvariantCulture, out var r) ? r : 0, Text(extra) ?? ""));
        return steps;
    }

    private static List<string> Lines(List<Step> steps) =>
        [.. steps.Select(s => $"{s.Table}: type {s.Type}, key {s.Key ?? "-"}, rows {s.Rows.ToString("0", CultureInfo.InvariantCulture)}{(s.Extra.Length > 0 ? ", " + s.Extra : "")}")];

    private static Verification Judge(IndexCandidate candidate, List<Step> before, List<Step> after)
    {
        var names = new[] { candidate.Table.Name, candidate.Table.Alias }.OfType<string>().ToList();
        bool Mine(Step s) => names.Any(n => n.Equals(s.Table, StringComparison.OrdinalIgnoreCase));
        var used = after.Any(s => Mine(s) && string.Equals(s.Key, candidate.Name, StringComparison.OrdinalIgnoreCase));
        var scanBefore = before.Any(s => Mine(s) && s.Type == "ALL");
        var accessAfter = after.Any(s => Mine(s) && string.Equals(s.Key, candidate.Name, StringComparison.OrdinalIgnoreCase) && s.Type is "ref" or "eq_ref" or "range" or "ref_or_null" or "const" or "index_merge");
        static bool Sorts(List<Step> plan) => plan.Any(s => s.Extra.Contains("Using filesort", StringComparison.Ordinal));
        var sortGone = Sorts(before) && !Sorts(after);
        double rowsBefore = before.Sum(s => s.Rows), rowsAfter = after.Sum(s => s.Rows);
        var fewer = rowsAfter < rowsBefore * 0.95;
        var b = Lines(before);
        var a = Lines(after);
        if (!used) return new Verification(false, "the planner does not use it", b, a);
        var scanToIndex = scanBefore && accessAfter;
        if (!scanToIndex && !sortGone && !fewer)
            return new Verification(false, $"the planner uses it, but it neither replaces a scan nor removes a sort nor cuts the estimated rows ({rowsBefore.ToString("0", CultureInfo.InvariantCulture)} -> {rowsAfter.ToString("0", CultureInfo.InvariantCulture)})", b, a);
        var what = new List<string>();
        if (scanToIndex) what.Add($"the full scan of {candidate.Table.Name} (type ALL) becomes an index access ({after.First(s => Mine(s) && s.Key == candidate.Name).Type})");
        if (sortGone) what.Add("Using filesort is gone");
        if (fewer) what.Add($"estimated rows {rowsBefore.ToString("0", CultureInfo.InvariantCulture)} -> {rowsAfter.ToString("0", CultureInfo.InvariantCulture)}");
        return new Verification(true, string.Join("; ", what), b, a)
        {
            Score = (scanToIndex ? 2 : 0) + (sortGone ? 1 : 0) + (rowsBefore > 0 ? 1 - rowsAfter / rowsBefore : 0),
        };
    }

    private MySqlCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new MySqlCommand(sql, _connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue("@" + name, value);
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the connection, and with it any temporary copy left.</summary>
    public void Dispose() => _connection.Dispose();
}
