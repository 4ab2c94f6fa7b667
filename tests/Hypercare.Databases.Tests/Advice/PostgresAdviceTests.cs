using Hypercare.Core.Problems;
using Hypercare.Databases.Advice;
using Hypercare.Databases.Digest;
using Hypercare.Databases.MySql;
using Npgsql;

namespace Hypercare.Databases.Tests.Advice;

/// <summary>
/// A test that needs the PostgreSQL server ./test.sh starts (<c>HYPERCARE_TEST_POSTGRES</c>), or with
/// hypoPg its database with HypoPG installed (<c>HYPERCARE_TEST_HYPOPG</c>). Without it the test is
/// skipped, except under CI=true, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute(bool hypoPg = false)
    {
        var variable = hypoPg ? PostgresAdviceTests.HypoPgVariable : PostgresAdviceTests.PostgresVariable;
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"{variable} is not set; ./test.sh starts PostgreSQL{(hypoPg ? " and installs HypoPG" : "")}";
    }
}

public class PostgresAdviceTests
{
    public const string PostgresVariable = "HYPERCARE_TEST_POSTGRES";
    public const string HypoPgVariable = "HYPERCARE_TEST_HYPOPG";

    private static string Variable(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh");

    private const string Setup = """
        CREATE TABLE items (id bigint PRIMARY KEY, kind text NOT NULL, price integer NOT NULL, score real NOT NULL);
        INSERT INTO items SELECT i, 'k' || (i % 40), (i * 7919) % 10000, (i % 50) / 10.0 FROM generate_series(1, 40000) i;
        ANALYZE items;
        """;

    private const string Search = "SELECT * FROM items WHERE kind = 'k3' AND price BETWEEN 100 AND 5000 ORDER BY score DESC LIMIT 20";

    private static QueryClass Class(string statement) =>
        QueryDigest.FromEvents([new SlowLogEvent(null, "u", "h", "db", 1, 0.02, 0, 20, 40_000, new Dictionary<string, string>(), statement, false, 0, 1)]).Classes[0];

    private static async Task Run(string connection, string sql)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Indexes(string connection)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_indexes WHERE tablename = 'items'", c);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [PostgresFact]
    public async Task WithoutHypoPg_ARealIndexOnATemporaryCopy_IsVerified_AndTheLiveTableIsUnchanged()
    {
        var admin = Variable(PostgresVariable);
        var name = $"hypercare_advice_{Guid.NewGuid():N}";
        await Run(admin, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            await Run(connection, Setup);
            Assert.Equal(1, await Indexes(connection));
            using (var verifier = PostgresPlanVerifier.Open(connection))
            {
                Assert.False(verifier.HypoPg);
                Assert.Contains("temporary copies", verifier.Description, StringComparison.Ordinal);
                var advice = Advisor.For(Class(Search), verifier);
                var best = advice.Indexes[0];
                Assert.True(best.Verification!.Verified, best.Verification.Reason + "\n" + string.Join("\n", best.Verification.PlanAfter));
                Assert.Equal("kind", best.Candidate.Columns[0].Name);
                Assert.Contains(best.Verification.PlanBefore, l => l.Contains("Seq Scan on items", StringComparison.Ordinal));
                Assert.Contains(best.Verification.PlanAfter, l => l.Contains($"using {best.Candidate.Name} on items", StringComparison.Ordinal));
                Assert.True(best.Verification.CostAfter < best.Verification.CostBefore);
                // The primary key already serves a lookup by id.
                Assert.Empty(Advisor.For(Class("SELECT * FROM items WHERE id = 7"), verifier).Indexes);
            }
            Assert.Equal(1, await Indexes(connection));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Run(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [PostgresFact(hypoPg: true)]
    public async Task WithHypoPg_AHypotheticalIndex_IsVerified_AndNothingIsCreated()
    {
        var database = Variable(HypoPgVariable);
        var schema = $"advice_{Guid.NewGuid():N}";
        await Run(database, $"CREATE SCHEMA {schema}");
        var connection = new NpgsqlConnectionStringBuilder(database) { SearchPath = schema, Pooling = false }.ConnectionString;
        try
        {
            await Run(connection, Setup);
            using (var verifier = PostgresPlanVerifier.Open(connection))
            {
                Assert.True(verifier.HypoPg);
                var advice = Advisor.For(Class(Search), verifier);
                var best = advice.Indexes[0];
                Assert.True(best.Verification!.Verified, best.Verification.Reason + "\n" + string.Join("\n", best.Verification.PlanAfter));
                Assert.Contains(best.Verification.PlanBefore, l => l.Contains("Seq Scan on items", StringComparison.Ordinal));
                Assert.Contains(best.Verification.PlanAfter, l => l.Contains("btree_items_kind", StringComparison.Ordinal));
                Assert.True(best.Verification.CostAfter < best.Verification.CostBefore);
            }
            Assert.Equal(1, await Indexes(connection));
        }
        finally
        {
            await Run(database, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    [Theory]
    [InlineData("Host=10.0.0.5;Username=u;Password=p;Database=d")]
    [InlineData("Host=127.0.0.1,db.example.com;Username=u;Database=d")]
    public void HostsOffLoopback_AreRefusedBeforeConnecting(string connection)
    {
        var e = Assert.Throws<SafetyRefusalException>(() => PostgresPlanVerifier.Open(connection));
        Assert.Equal(FailureKind.Refused, e.Kind);
        Assert.Contains("not a loopback address", e.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoServerListening_IsBadInputNotAStackTrace()
    {
        var e = Assert.Throws<BadInputException>(() => PostgresPlanVerifier.Open("Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d;Timeout=2"));
        Assert.Equal("database-unreachable", e.Problems[0].Code);
    }
}
