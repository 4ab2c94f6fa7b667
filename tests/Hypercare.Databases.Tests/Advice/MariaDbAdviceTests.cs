using Hypercare.Core.Problems;
using Hypercare.Databases.Advice;
using Hypercare.Databases.Digest;
using Hypercare.Databases.MySql;
using MySqlConnector;

namespace Hypercare.Databases.Tests.Advice;

/// <summary>
/// A test that needs the MariaDB server ./test.sh starts (<c>HYPERCARE_TEST_MARIADB</c>). Without it the test is
/// skipped, except under CI=true, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MariaDbFactAttribute : FactAttribute
{
    public MariaDbFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(MariaDbAdviceTests.Variable) is not { Length: > 0 } && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"{MariaDbAdviceTests.Variable} is not set; ./test.sh starts MariaDB";
    }
}

public class MariaDbAdviceTests
{
    public const string Variable = "HYPERCARE_TEST_MARIADB";

    private static async Task Run(string connection, params string[] statements)
    {
        await using var c = new MySqlConnection(connection);
        await c.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new MySqlCommand(sql, c);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> Indexes(string connection, string database)
    {
        await using var c = new MySqlConnection(connection);
        await c.OpenAsync();
        await using var command = new MySqlCommand($"SELECT count(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '{database}' AND TABLE_NAME = 'items'", c);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static QueryClass Class(string statement) =>
        QueryDigest.FromEvents([new SlowLogEvent(null, "u", "h", "db", 1, 0.02, 0, 20, 20_000, new Dictionary<string, string>(), statement, false, 0, 1)]).Classes[0];

    [MariaDbFact]
    public async Task MissingIndex_IsVerifiedOnATemporaryCopy_AndTheLiveTableIsUnchanged()
    {
        var server = Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set: run the tests through ./test.sh");
        var database = $"hypercare_test_{Guid.NewGuid():N}";
        await Run(server, $"CREATE DATABASE {database}");
        var connection = new MySqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString;
        try
        {
            await Run(connection,
                "CREATE TABLE items (id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL, price INT NOT NULL, score DOUBLE NOT NULL) ENGINE=InnoDB",
                "INSERT INTO items SELECT seq, CONCAT('k', seq % 40), (seq * 7919) % 10000, (seq % 50) / 10.0 FROM seq_1_to_20000",
                "ANALYZE TABLE items");
            Assert.Equal(1, await Indexes(connection, database));
            using (var verifier = PlanVerifiers.Open(connection))
            {
                Assert.StartsWith("MariaDB 10.", verifier.Description, StringComparison.Ordinal);
                var advice = Advisor.For(Class("SELECT * FROM items WHERE kind = 'k3' AND price BETWEEN 100 AND 5000 ORDER BY score DESC LIMIT 20"), verifier);
                var best = advice.Indexes[0];
                Assert.True(best.Verification!.Verified, best.Verification.Reason + "\n" + string.Join("\n", best.Verification.PlanBefore.Concat(best.Verification.PlanAfter)));
                Assert.Equal("kind", best.Candidate.Columns[0].Name);
                Assert.Contains("type ALL", best.Verification.PlanBefore[0], StringComparison.Ordinal);
                Assert.Contains($"key {best.Candidate.Name}", best.Verification.PlanAfter[0], StringComparison.Ordinal);
                Assert.Empty(Advisor.For(Class("SELECT * FROM items WHERE id = 7"), verifier).Indexes);
            }
            Assert.Equal(1, await Indexes(connection, database));
        }
        finally
        {
            await Run(server, $"DROP DATABASE IF EXISTS {database}");
        }
    }

    [Fact]
    public void HostsOffLoopback_AreRefused_AndADatabaseIsRequired()
    {
        Assert.Equal(FailureKind.Refused, Assert.Throws<SafetyRefusalException>(() => PlanVerifiers.Open("Server=192.0.2.1;User=u;Password=p;Database=d")).Kind);
        Assert.Equal("invalid-connection", Assert.Throws<BadInputException>(() => PlanVerifiers.Open("Server=127.0.0.1;User=u;Password=p")).Problems[0].Code);
    }
}
