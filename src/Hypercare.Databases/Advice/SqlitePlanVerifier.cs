using System.Text.RegularExpressions;
using Hypercare.Core.Problems;
using Hypercare.Databases.Sql;
using Microsoft.Data.Sqlite;

namespace Hypercare.Databases.Advice;

/// <summary>
/// Verifies candidates on a copy of a SQLite database: the file is copied into a temporary directory (when an
/// application has it open in WAL mode, through SQLite's backup API on a read-only connection, consistent even while
/// the application writes), and every
/// <c>CREATE INDEX</c> runs on the copy, which is deleted at the end. <c>EXPLAIN QUERY PLAN</c> of the worst
/// sample before and after decides: verified when <c>SCAN table</c> becomes <c>SEARCH table USING INDEX</c> with
/// the candidate, or when a <c>USE TEMP B-TREE</c> sort disappears because the candidate gives the order.
/// </summary>
public sealed partial class SqlitePlanVerifier : IPlanVerifier
{
    private readonly DirectoryInfo _scratch;
    private readonly SqliteConnection _copy;
    private readonly Dictionary<string, TableSchema?> _tables = new(StringComparer.OrdinalIgnoreCase);

    private SqlitePlanVerifier(string source, DirectoryInfo scratch, SqliteConnection copy)
    {
        Source = source;
        _scratch = scratch;
        _copy = copy;
    }

    /// <summary>The database file given.</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public string Description => $"SQLite, on a copy of {Path.GetFileName(Source)}";

    /// <summary>True when the text names a SQLite database: a <c>Data Source=</c> string, or a path to a file (it need not exist yet to be recognised).</summary>
    public static bool Recognises(string connection) =>
        connection.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) || connection.StartsWith("DataSource=", StringComparison.OrdinalIgnoreCase)
        || connection.StartsWith("Filename=", StringComparison.OrdinalIgnoreCase) || !connection.Contains('=', StringComparison.Ordinal);

    /// <summary>Copies the database and opens the copy.</summary>
    /// <exception cref="BadInputException">The file does not exist or is not a SQLite database.</exception>
    public static SqlitePlanVerifier Open(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string path;
        try { path = connection.Contains('=', StringComparison.Ordinal) ? new SqliteConnectionStringBuilder(connection).DataSource : connection; }
        catch (ArgumentException e) { throw new BadInputException("invalid-connection", $"'{connection}' is not a SQLite connection string: {e.Message}", "a file path, or Data Source=PATH", SourceLocation.ForField("--explain")); }
        if (!File.Exists(path))
            throw new BadInputException("database-not-found", $"the SQLite database '{path}' does not exist", "the shop's is created by: hypercare sample shop --data DIR --create-only (DIR/shop.db)", SourceLocation.ForField("--explain"));
        var header = new byte[16];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            if (file.Read(header) < 16 || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
                throw new BadInputException("not-a-sqlite-database", $"'{path}' is not a SQLite database", "a SQLite file, or a PostgreSQL connection string (Host=...)", SourceLocation.ForField("--explain"));
        var scratch = Directory.CreateTempSubdirectory("hypercare-explain-");
        var copyPath = Path.Combine(scratch.FullName, "copy.db");
        var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copyPath, Pooling = false }.ToString());
        try
        {
            // No write-ahead log beside the file: nobody has it open for writing, and a plain copy is consistent (and
            // leaves no -shm or -wal file behind, which even a read-only SQLite connection would create).
            if (!File.Exists(path + "-wal"))
            {
                File.Copy(path, copyPath);
                copy.Open();
                return new SqlitePlanVerifier(path, scratch, copy);
            }
            copy.Open();
            try
            {
                using var original = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                original.Open();
                original.BackupDatabase(copy);
            }
            catch (SqliteException)
            {
                // A WAL database in a directory the reader cannot write to: copy the files themselves instead.
                copy.Close();
                File.Copy(path, copyPath, overwrite: true);
                if (File.Exists(path + "-wal")) File.Copy(path + "-wal", copyPath + "-wal", overwrite: true);
                copy.Open();
            }
            return new SqlitePlanVerifier(path, scratch, copy);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            copy.Dispose();
            scratch.Delete(true);
            throw new BadInputException("unreadable-database", $"the SQLite database '{path}' could not be copied: {e.Message}", null, SourceLocation.ForField("--explain"));
        }
    }

    /// <inheritdoc/>
    public TableSchema? Table(TableReference table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (_tables.TryGetValue(table.Name, out var known)) return known;
        TableSchema? result = null;
        var name = Scalar("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = $t COLLATE NOCASE", ("$t", table.Name));
        if (name is not null)
        {
            var columns = new List<string>();
            var primary = new List<(string Name, string Type)>();
            using (var command = Command("SELECT name, type, pk FROM pragma_table_info($t) ORDER BY cid", ("$t", name)))
            using (var reader = command.ExecuteReader())
                while (reader.Read())
                {
                    columns.Add(reader.GetString(0));
                    if (reader.GetInt64(2) > 0) primary.Add((reader.GetString(0), reader.GetString(1)));
                }
            var indexes = new List<ExistingIndex>();
            // An INTEGER PRIMARY KEY is the rowid: an index in all but name.
            if (primary.Count == 1 && primary[0].Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
                indexes.Add(new ExistingIndex("PRIMARY KEY (rowid)", [primary[0].Name]));
            var names = new List<string>();
            using (var command = Command("SELECT name FROM pragma_index_list($t)", ("$t", name)))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) names.Add(reader.GetString(0));
            foreach (var index in names)
            {
                var cols = new List<string>();
                using var command = Command("SELECT name FROM pragma_index_info($i) ORDER BY seqno", ("$i", index));
                using var reader = command.ExecuteReader();
                while (reader.Read() && !reader.IsDBNull(0)) cols.Add(reader.GetString(0));
                if (cols.Count > 0) indexes.Add(new ExistingIndex(index, cols));
            }
            result = new TableSchema(name, null, columns, indexes);
        }
        _tables[table.Name] = result;
        return result;
    }

    /// <inheritdoc/>
    public Verification Verify(string statement, QueryShape shape, IndexCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(candidate);
        List<string> before;
        try { before = Plan(statement); }
        catch (SqliteException e) { return new Verification(false, $"EXPLAIN failed on the sample: {e.Message}", [], []); }
        var local = candidate with { Table = candidate.Table with { Schema = null } };
        List<string> after;
        try
        {
            Execute(local.Ddl());
            try { after = Plan(statement); }
            finally { Execute($"DROP INDEX IF EXISTS {local.Name}"); }
        }
        catch (SqliteException e) { return new Verification(false, $"the index could not be created on the copy: {e.Message}", before, []); }
        return Judge(candidate, before, after);
    }

    internal static Verification Judge(IndexCandidate candidate, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var table = candidate.Table;
        bool Mine(string line, string verb)
        {
            var m = StepPattern().Match(line.Trim());
            return m.Success && m.Groups["verb"].Value == verb
                && (m.Groups["name"].Value.Equals(table.Name, StringComparison.OrdinalIgnoreCase) || m.Groups["name"].Value.Equals(table.Alias, StringComparison.OrdinalIgnoreCase)
                    || m.Groups["alias"].Value.Equals(table.Alias, StringComparison.OrdinalIgnoreCase) && table.Alias is not null);
        }
        bool UsesCandidate(string line) => Regex.IsMatch(line, $@"\bINDEX {Regex.Escape(candidate.Name)}\b", RegexOptions.IgnoreCase);
        var scanBefore = before.FirstOrDefault(l => Mine(l, "SCAN"));
        var searchAfter = after.FirstOrDefault(l => Mine(l, "SEARCH") && UsesCandidate(l));
        static int Sorts(IEnumerable<string> plan) => plan.Count(l => l.Contains("USE TEMP B-TREE", StringComparison.Ordinal));
        var used = after.Any(UsesCandidate);
        var scanToSearch = scanBefore is not null && searchAfter is not null;
        var sortGone = used && Sorts(after) < Sorts(before);
        if (!used)
            return new Verification(false, "the planner does not use it", before, after);
        if (!scanToSearch && !sortGone)
            return new Verification(false, "the planner uses it, but it neither replaces a scan nor removes a sort", before, after);
        var what = new List<string>();
        if (scanToSearch) what.Add($"{scanBefore!.Trim()} becomes {searchAfter!.Trim()}");
        if (sortGone) what.Add($"the sort ({before.First(l => l.Contains("USE TEMP B-TREE", StringComparison.Ordinal)).Trim()}) is gone");
        return new Verification(true, string.Join("; ", what), before, after) { Score = (scanToSearch ? 2 : 0) + (sortGone ? 1 : 0) };
    }

    [GeneratedRegex(@"^(?<verb>SCAN|SEARCH) (TABLE )?(?<name>[^\s(]+)( AS (?<alias>[^\s(]+))?")]
    private static partial Regex StepPattern();

    private List<string> Plan(string statement)
    {
        var depth = new Dictionary<long, int>();
        var lines = new List<string>();
        using var command = Command("EXPLAIN QUERY PLAN " + statement);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var parent = reader.GetInt64(1);
            var level = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            depth[id] = level;
            lines.Add(new string(' ', 2 * level) + reader.GetString(3));
        }
        return lines;
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _copy.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private string? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() as string;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Closes and deletes the copy.</summary>
    public void Dispose()
    {
        _copy.Dispose();
        try { _scratch.Delete(true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
