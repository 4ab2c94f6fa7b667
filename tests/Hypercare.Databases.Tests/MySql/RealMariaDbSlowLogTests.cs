using Hypercare.Databases.Digest;
using Hypercare.Databases.Tests.Advice;
using Hypercare.Databases.Tests.Digest;
using MySqlConnector;

namespace Hypercare.Databases.Tests.MySql;

/// <summary>
/// A real workload on the MariaDB server ./test.sh starts, read back from the server's own slow log (which test.sh
/// turns on; this session lowers its long_query_time to 0) and digested, then the same slice of the log given to
/// pt-query-digest.
/// </summary>
public sealed class RealMariaDbSlowLogTests
{
    public const string SlowLogVariable = "HYPERCARE_TEST_MARIADB_SLOWLOG";

    [MariaDbFact]
    public async Task ARealWorkload_IsDigestedFromTheServersSlowLog_WithTheCountsItRan_AndAsPtQueryDigestReadsIt()
    {
        var server = Environment.GetEnvironmentVariable(MariaDbAdviceTests.Variable) ?? throw new InvalidOperationException($"{MariaDbAdviceTests.Variable} is not set: run the tests through ./test.sh");
        var slowLog = Environment.GetEnvironmentVariable(SlowLogVariable) ?? throw new InvalidOperationException($"{SlowLogVariable} is not set: ./test.sh turns MariaDB's slow log on");
        var database = $"hypercare_test_{Guid.NewGuid():N}";
        var marker = $"hypercare-end-{Guid.NewGuid():N}";
        var start = new FileInfo(slowLog).Length;
        await using (var admin = new MySqlConnection(server))
        {
            await admin.OpenAsync();
            await Execute(admin, $"CREATE DATABASE {database}");
        }
        try
        {
            await using (var c = new MySqlConnection(new MySqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString))
            {
                await c.OpenAsync();
                await Execute(c, "SET SESSION long_query_time = 0");
                await Execute(c, "SET SESSION log_slow_verbosity = 'query_plan'");
                await Execute(c, "CREATE TABLE items (id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL, price INT NOT NULL) ENGINE=InnoDB");
                await Execute(c, "INSERT INTO items SELECT seq, CONCAT('k', seq % 7), (seq * 7919) % 10000 FROM seq_1_to_5000");
                for (var i = 0; i < 30; i++)
                    await Execute(c, $"SELECT id, price FROM items WHERE kind = 'k{i % 7}' ORDER BY price LIMIT 5");
                for (var i = 0; i < 10; i++)
                    await Execute(c, $"UPDATE items SET price = price + 1 WHERE id = {i + 1}");
                for (var i = 0; i < 3; i++)
                    await Execute(c, "SELECT kind,\n       count(*) AS n\n  FROM items\n GROUP BY kind");
                await Execute(c, $"SELECT '{marker}'");
            }

            // The server writes each event as it ends; wait until the marker is in the file.
            var slice = Path.Combine(Path.GetTempPath(), $"{database}-slow.log");
            for (var attempt = 0; ; attempt++)
            {
                await using (var log = new FileStream(slowLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    log.Position = start;
                    await using var copy = File.Create(slice);
                    await log.CopyToAsync(copy);
                }
                if ((await File.ReadAllTextAsync(slice)).Contains(marker, StringComparison.Ordinal)) break;
                Assert.True(attempt < 50, "the server's slow log did not show the workload within 5 s");
                await Task.Delay(100);
            }
            try
            {
                var digest = QueryDigest.Read([slice]);
                Assert.Equal(0, digest.SkippedEvents);
                var ours = digest.Classes.Where(q => q.Databases.Any(d => d.Value == database)).ToDictionary(q => q.Fingerprint);
                var select = ours["select id, price from items where kind = ? order by price limit ?"];
                Assert.Equal(30, select.Calls);
                Assert.InRange(select.RowsExamined.Max, 5000, 5010);   // the table, plus the rows the sort reads back
                Assert.Equal(5, select.RowsSent.Max);
                Assert.Equal(30, select.Flags.FullScan);
                Assert.Equal(30, select.Flags.Filesort);
                // pt-query-digest's convention takes a sign for a number: "price + 1" is "price ? ?".
                Assert.Equal(10, ours["update items set price = price ? ? where id = ?"].Calls);
                Assert.Equal(3, ours["select kind, count(*) as n from items group by kind"].Calls);
                Assert.Equal(1, Assert.Single(ours, kv => kv.Key.StartsWith("insert into items select", StringComparison.Ordinal)).Value.Calls);

                if (PerconaToolkit.Find("pt-query-digest") is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                    PeerComparisonTests.Compare(slice, minimumClasses: 5);
            }
            finally
            {
                File.Delete(slice);
            }
        }
        finally
        {
            await using var admin = new MySqlConnection(server);
            await admin.OpenAsync();
            await Execute(admin, $"DROP DATABASE IF EXISTS {database}");
        }
    }

    private static async Task Execute(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
