using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypercare.Databases.Digest;
using Hypercare.Databases.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Hypercare.Databases.Tests.Postgres;

/// <summary>
/// Against the PostgreSQL server ./test.sh starts: a small workload in a scratch database, logged by the server
/// itself with <c>log_min_duration_statement = 0</c>, read back from the server's log and digested.
/// </summary>
/// <remarks>
/// The role may set <c>log_min_duration_statement</c> for its session because test.sh grants it
/// (<c>GRANT SET ON PARAMETER</c>, PostgreSQL 15+). The log is the cluster's stderr file
/// (<c>HYPERCARE_TEST_POSTGRES_LOG</c>, else the Debian path); only the lines of the scratch database count, so
/// other tests using the server at the same time do not disturb it. When the server loads pg_stat_statements
/// (test.sh sets <c>shared_preload_libraries</c> and creates the extension), its rows for the scratch database are
/// exported as CSV and digested, and must give the same classes and calls as the log.
/// </remarks>
public class RealServerLogTests(ITestOutputHelper output)
{
    private const string LogVariable = "HYPERCARE_TEST_POSTGRES_LOG";

    [PostgresFact]
    public async Task Digest_TheServersOwnLogOfAWorkload_HasTheWorkloadsClassesAndCounts()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var name = $"hypercare_pglog_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await Execute(connection, $"CREATE DATABASE {name}");
        }
        var scratch = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false, ApplicationName = "hypercare-pglog-test" };
        try
        {
            string prefix, logPath;
            long start;
            await using (var setup = new NpgsqlConnection(scratch.ConnectionString))
            {
                await setup.OpenAsync();
                prefix = (string)(await Scalar(setup, "SHOW log_line_prefix"))!;
                var version = int.Parse((string)(await Scalar(setup, "SHOW server_version_num"))!, CultureInfo.InvariantCulture);
                logPath = Environment.GetEnvironmentVariable(LogVariable) is { Length: > 0 } given ? given : $"/var/log/postgresql/postgresql-{version / 10000}-main.log";
                Assert.True(File.Exists(logPath), $"the server's log {logPath} is not there ({LogVariable} names it; ./test.sh sets it)");
                // A table of a few thousand rows, no index on note: the note lookups scan it all.
                await Execute(setup, "CREATE TABLE items (id int PRIMARY KEY, category text NOT NULL, price int NOT NULL, note text NOT NULL)");
                await Execute(setup, "INSERT INTO items SELECT g, 'cat' || (g % 5), g % 997, 'note-' || g FROM generate_series(1, 5000) g");
                await Execute(setup, "ANALYZE items");
                start = new FileInfo(logPath).Length;
            }

            // Simple protocol, through psql: one Query message per -c, a multi-line one among them.
            var psql = new List<string> { "-c", "SET log_min_duration_statement = 0" };
            for (var i = 0; i < 5; i++) psql.AddRange(["-c", $"SELECT count(*) FROM items WHERE category = 'cat{i}'"]);
            for (var i = 0; i < 3; i++) psql.AddRange(["-c", $"SELECT id, price\n  FROM items\n WHERE id = {17 + i}"]);
            psql.AddRange(["-c", "SELECT * FROM no_such_table"]);
            var simple = RunPsql(scratch, psql);

            // Extended protocol, through Npgsql: unnamed statements with parameters, then a prepared (named) one.
            await using (var connection = new NpgsqlConnection(scratch.ConnectionString))
            {
                await connection.OpenAsync();
                await Execute(connection, "SET log_min_duration_statement = 0");
                for (var i = 0; i < 20; i++)
                {
                    await using var find = new NpgsqlCommand("SELECT id FROM items WHERE note = $1", connection);
                    find.Parameters.Add(new NpgsqlParameter { Value = $"note-{i * 37 + 1}" });
                    await find.ExecuteScalarAsync();
                }
                await using var update = new NpgsqlCommand("UPDATE items SET price = price + $1 WHERE id = $2", connection);
                update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
                update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
                await update.PrepareAsync();
                for (var i = 0; i < 10; i++)
                {
                    update.Parameters[0].Value = i;
                    update.Parameters[1].Value = 100 + i;
                    await update.ExecuteNonQueryAsync();
                }
            }

            var expected = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["select id from items where note = ?"] = 20,
                ["update items set price = price + ? where id = ?"] = 10,
            };
            if (simple)
            {
                expected["select count(*) from items where category = ?"] = 5;
                expected["select id, price from items where id = ?"] = 3;
            }

            // The server writes its log as statements end; wait until the whole workload is in it.
            DigestReport report = null!;
            ServerLogReader reader = null!;
            List<ServerLogEvent> events = [];
            for (var attempt = 0; attempt < 50; attempt++)
            {
                await using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                stream.Seek(start, SeekOrigin.Begin);
                reader = new ServerLogReader(stream, logPath, prefix);
                events = [.. reader.Events().Where(e => e.Database == name)];
                report = QueryDigest.FromServerLogEvents(events);
                if (expected.All(x => report.Classes.FirstOrDefault(c => c.Fingerprint == x.Key)?.Calls >= x.Value)) break;
                await Task.Delay(200);
            }

            var found = report.Classes.ToDictionary(c => c.Fingerprint, c => c.Calls, StringComparer.Ordinal);
            foreach (var (fingerprint, calls) in expected)
                Assert.True(found.TryGetValue(fingerprint, out var n) && n == calls, $"{fingerprint}: expected {calls} calls, found {(found.TryGetValue(fingerprint, out var m) ? m : 0)}; classes: {string.Join(" | ", found.Select(f => $"{f.Key} ({f.Value})"))}");
            // Besides the workload, only the SET that turned the logging on.
            Assert.All(found.Keys.Except(expected.Keys), k => Assert.StartsWith("set log_min_duration_statement", k, StringComparison.Ordinal));
            Assert.All(events, e => Assert.NotNull(e.Time));
            Assert.Equal(0, reader.SkippedEvents);

            var notes = report.Classes.Single(c => c.Fingerprint == "select id from items where note = ?");
            Assert.Equal(LogFormat.Postgres, notes.Source);
            Assert.Equal("hypercare_test", notes.Users.Single().Value);
            Assert.All(events.Where(e => e.Statement.Contains("note", StringComparison.Ordinal)), e => Assert.Equal("execute", e.Kind));
            Assert.Matches(@"^SELECT id FROM items WHERE note = 'note-\d+'$", notes.Worst.Statement);
            Assert.True(events.Where(e => e.Kind == "execute").Select(e => e.PreparedName).Distinct().Count() >= 2, "unnamed and prepared executions");
            Assert.True(reader.ProtocolSteps > 0, "parse and bind steps are logged and counted, not digested");
            if (simple)
            {
                var multiLine = events.First(e => e.Statement.StartsWith("SELECT id, price", StringComparison.Ordinal));
                Assert.Equal("SELECT id, price\n  FROM items\n WHERE id = 17", multiLine.Statement);
                Assert.Equal("statement", multiLine.Kind);
            }

            await CompareWithPgStatStatements(admin, name, expected);

            // The worst sample, parameters substituted, runs as it is.
            await using (var connection = new NpgsqlConnection(scratch.ConnectionString))
            {
                await connection.OpenAsync();
                Assert.NotNull(await Scalar(connection, notes.Worst.Statement));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await Execute(connection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    // When the server loads pg_stat_statements (test.sh sets it up), its rows for the scratch database, exported as
    // \copy would, digest to the same classes with the same calls as the log.
    private async Task CompareWithPgStatStatements(string admin, string database, Dictionary<string, long> expected)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        bool loaded;
        try
        {
            // Fails when the extension is not created (42P01) or not preloaded (55000).
            await Scalar(connection, "SELECT count(*) FROM pg_stat_statements");
            loaded = true;
        }
        catch (PostgresException)
        {
            loaded = false;
        }
        if (!loaded)
        {
            Assert.False(PostgresFactAttribute.IsCi, "pg_stat_statements is not loaded on the CI server: ./test.sh loads it");
            output.WriteLine("pg_stat_statements is not loaded on this server: the comparison with the log is left out");
            return;
        }
        var csv = new StringBuilder();
        using (var copy = await connection.BeginTextExportAsync($"COPY (SELECT s.* FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '{database}') TO STDOUT WITH (FORMAT csv, HEADER)"))
            csv.Append(await copy.ReadToEndAsync());
        using var folder = new TempFolder();
        var path = folder.File("pg_stat_statements.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        var report = QueryDigest.Read([path]);
        Assert.Equal(LogFormat.PgStatStatements, report.Files[0].Format);
        Assert.Equal(0, report.SkippedEvents);
        var found = report.Classes.ToDictionary(c => c.Fingerprint, c => c, StringComparer.Ordinal);
        foreach (var (fingerprint, calls) in expected)
        {
            Assert.True(found.TryGetValue(fingerprint, out var c), $"{fingerprint} is not in pg_stat_statements: {string.Join(" | ", found.Keys)}");
            Assert.Equal(calls, c.Calls);
            Assert.Equal(LogFormat.PgStatStatements, c.Source);
            Assert.Equal(ClassStatistics.ServerSumsWithExtremes, c.Statistics);
            Assert.True(c.QueryTime.Total > 0 && c.QueryTime.Max >= c.QueryTime.Min);
        }
        output.WriteLine($"pg_stat_statements agrees with the log on {expected.Count} classes");
    }

    [PostgresFact]
    public async Task Rows_TheServersOwnCsv_IsReadWithMultiLineQuotedQueries()
    {
        // The shape \copy (select * from pg_stat_statements) to 'f.csv' csv header writes, produced by the server.
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!);
        await connection.OpenAsync();
        var csv = new StringBuilder();
        using (var copy = await connection.BeginTextExportAsync("""
            COPY (SELECT 10::oid AS userid, 5::oid AS dbid, true AS toplevel, -42::bigint AS queryid,
                         E'SELECT a, "b"\n  FROM t\n WHERE c = $1 AND d = ''x,y''' AS query, 7::bigint AS calls,
                         12.5::float8 AS total_exec_time, 0.5::float8 AS min_exec_time, 4.25::float8 AS max_exec_time,
                         1.7857142857142858::float8 AS mean_exec_time, 1.1::float8 AS stddev_exec_time, 70::bigint AS rows,
                         100::bigint AS shared_blks_hit, 3::bigint AS shared_blks_read)
            TO STDOUT WITH (FORMAT csv, HEADER)
            """))
            csv.Append(await copy.ReadToEndAsync());
        var reader = new StatStatementsReader(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "copy.csv");
        var row = Assert.Single(reader.Rows());
        Assert.Equal("SELECT a, \"b\"\n  FROM t\n WHERE c = $1 AND d = 'x,y'", row.Query);
        Assert.Equal(7, row.Calls);
        Assert.Equal(0.0125, row.TotalTime, 9);
        Assert.Equal(0.00425, row.MaxTime!.Value, 9);
        Assert.True(row.TopLevel);
        Assert.Equal("-42", row.QueryId);
        Assert.Empty(reader.Problems);
    }

    private static bool RunPsql(NpgsqlConnectionStringBuilder target, List<string> commands)
    {
        var info = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-X", "-q", "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database!]) info.ArgumentList.Add(a);
        foreach (var c in commands) info.ArgumentList.Add(c);
        info.Environment["PGPASSWORD"] = target.Password;
        info.Environment["PGAPPNAME"] = "hypercare-pglog-psql";
        try
        {
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            // The last command fails on purpose (no such table): psql then exits 1, the others ran.
            return process.ExitCode is 0 or 1;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No psql on this machine: the simple-protocol part is left out.
            return false;
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>
/// A test that needs the PostgreSQL server ./test.sh starts (<c>HYPERCARE_TEST_POSTGRES</c>). Without it the test
/// is skipped, except under CI (CI=true), where it runs and fails: a missing service must never pass as a skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "HYPERCARE_TEST_POSTGRES";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } && !IsCi)
            Skip = $"PostgreSQL is not configured ({Variable}); ./test.sh starts it";
    }
}
