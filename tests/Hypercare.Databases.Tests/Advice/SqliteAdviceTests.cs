using System.Security.Cryptography;
using Hypercare.Core.Problems;
using Hypercare.Databases.Advice;
using Hypercare.Databases.Digest;
using Hypercare.Databases.MySql;
using Microsoft.Data.Sqlite;

namespace Hypercare.Databases.Tests.Advice;

public sealed class SqliteAdviceTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hypercare-advice-test-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(true);
    }

    /// <summary>A catalog of 5,000 items and 200 customers; orders has no index on customer_id unless asked.</summary>
    private string Database(params string[] extra)
    {
        var path = Path.Combine(_dir.FullName, $"db{Guid.NewGuid():N}.db");
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var tx = c.BeginTransaction();
        var sql = string.Join(";\n", new[]
        {
            "CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, price INTEGER NOT NULL, score REAL NOT NULL)",
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL)",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, item_id INTEGER NOT NULL, placed TEXT NOT NULL)",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO items SELECT i, 'k' || (i % 25), (i * 7919) % 10000, (i % 50) / 10.0 FROM n",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO customers SELECT i, 'c' || i || '@x' FROM n",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO orders SELECT i, i % 200 + 1, i, '2026-01-01' FROM n",
        }.Concat(extra));
        using (var command = c.CreateCommand()) { command.Transaction = tx; command.CommandText = sql; command.ExecuteNonQuery(); }
        tx.Commit();
        return path;
    }

    private static QueryClass Class(string statement, long sent = 20, long examined = 5000) =>
        QueryDigest.FromEvents([new SlowLogEvent(null, "u", "h", "db", 1, 0.01, 0, sent, examined, new Dictionary<string, string>(), statement, false, 0, 1)]).Classes[0];

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void MissingIndex_IsVerifiedWithExplainOnACopy_AndTheOriginalIsUntouched()
    {
        var path = Database();
        var before = Hash(path);
        using (var verifier = SqlitePlanVerifier.Open(path))
        {
            var advice = Advisor.For(Class("SELECT * FROM items WHERE kind = 'k3' AND price BETWEEN 100 AND 5000 ORDER BY score DESC LIMIT 20"), verifier);
            Assert.Equal("rows-examined-per-row-sent", Assert.Single(advice.Findings).Code);
            var best = advice.Indexes[0];
            Assert.True(best.Verification!.Verified, best.Verification.Reason);
            Assert.Equal(["kind", "score", "price"], best.Candidate.Columns.Select(c => c.Name));
            Assert.Contains("SCAN items", best.Verification.PlanBefore[0], StringComparison.Ordinal);
            Assert.Matches("SEARCH items USING (COVERING )?INDEX hc_items_kind_score_price", string.Join("\n", best.Verification.PlanAfter));
            Assert.True(best.Verification.Reason.Contains("the sort", StringComparison.Ordinal), string.Join("\n", best.Verification.PlanAfter) + " " + best.Verification.Reason);
            Assert.All(advice.Indexes, i => Assert.True(i.Verification!.Verified));
        }
        Assert.Equal(before, Hash(path));
        Assert.Equal([Path.GetFileName(path)], _dir.GetFiles().Select(f => f.Name));
        using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'index'";
        Assert.Equal(0L, count.ExecuteScalar());
    }

    [Fact]
    public void ExistingIndex_GivesNoCandidate()
    {
        var path = Database("CREATE INDEX items_by_kind ON items (kind, price)");
        using var verifier = SqlitePlanVerifier.Open(path);
        var advice = Advisor.For(Class("SELECT * FROM items WHERE kind = 'k3' AND price > 100"), verifier);
        Assert.Empty(advice.Indexes);
        Assert.Contains("items_by_kind", Assert.Single(advice.Skipped), StringComparison.Ordinal);
        Assert.Equal("existing indexes already serve it", advice.NoCandidateReason);
        var byId = Advisor.For(Class("SELECT * FROM items WHERE id = 4"), verifier);
        Assert.Empty(byId.Indexes);
        Assert.Contains("rowid", Assert.Single(byId.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Join_TheInnerTablesLookupColumnIsVerified()
    {
        var path = Database();
        using var verifier = SqlitePlanVerifier.Open($"Data Source={path}");
        var advice = Advisor.For(Class("SELECT c.email, o.placed FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.email = 'c7@x'"), verifier);
        var verified = advice.Verified.Select(i => $"{i.Candidate.Table.Name}({string.Join(", ", i.Candidate.Columns)})").ToList();
        Assert.Contains("orders(customer_id)", verified);
    }

    [Fact]
    public void UselessCandidate_IsRejectedWithTheReason()
    {
        var path = Database();
        using var verifier = SqlitePlanVerifier.Open(path);
        // Every row matches: the planner keeps the scan, or uses the index without removing one.
        var advice = Advisor.For(Class("SELECT * FROM items WHERE price > -1 AND kind LIKE '%3'"), verifier);
        var only = Assert.Single(advice.Indexes);
        Assert.NotNull(only.Verification);
        if (!only.Verification.Verified) Assert.NotEmpty(only.Verification.Reason);
        var bad = Advisor.For(Class("SELECT * FROM items WHERE nosuch = 1"), verifier);
        Assert.Empty(bad.Indexes);
        var syntax = Advisor.For(Class("SELECT * FROM items WHERE kind = 'k1' AND price > 3 ORDER BY score LIMIT 5 FOR UPDATE"), verifier);
        Assert.All(syntax.Indexes, i => Assert.False(i.Verification!.Verified));
        Assert.Contains(syntax.Indexes, i => i.Verification!.Reason.Contains("EXPLAIN failed", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingOrForeignFiles_AreBadInput()
    {
        var missing = Assert.Throws<BadInputException>(() => SqlitePlanVerifier.Open(Path.Combine(_dir.FullName, "nope.db")));
        Assert.Equal("database-not-found", missing.Problems[0].Code);
        var text = Path.Combine(_dir.FullName, "text.db");
        File.WriteAllText(text, "hello, not a database at all");
        Assert.Equal("not-a-sqlite-database", Assert.Throws<BadInputException>(() => SqlitePlanVerifier.Open(text)).Problems[0].Code);
    }

    [Fact]
    public void WithoutADatabase_CandidatesAreListedUnverified()
    {
        var advice = Advisor.For(Class("SELECT * FROM items WHERE kind = 'k3'"), null);
        var only = Assert.Single(advice.Indexes);
        Assert.Null(only.Verification);
        var insert = Advisor.For(Class("INSERT INTO items VALUES (1, 'a', 2, 3)"), null);
        Assert.Contains("INSERT", insert.NoCandidateReason, StringComparison.Ordinal);
    }
}
