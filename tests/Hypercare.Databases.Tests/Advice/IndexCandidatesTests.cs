using Hypercare.Databases.Advice;
using Hypercare.Databases.Digest;
using Hypercare.Databases.MySql;
using Hypercare.Databases.Sql;
using Hypercare.Databases.Tests.Digest;

namespace Hypercare.Databases.Tests.Advice;

public class IndexCandidatesTests
{
    private sealed class Schema(params TableSchema[] tables) : ISchemaSource
    {
        public TableSchema? Table(TableReference table) => tables.FirstOrDefault(t => t.Name.Equals(table.Name, StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> Candidates(string sql, ISchemaSource? schema = null) =>
        [.. IndexCandidates.For(SqlReader.Read(sql).Shape!, schema).Candidates.Select(c => $"{c.Table.Name}({string.Join(", ", c.Columns)})")];

    [Fact]
    public void EqualityThenRange_AndEqualityThenSortThenRange()
    {
        Assert.Equal(["products(category, price_cents)", "products(category, rating, price_cents)"],
            Candidates("SELECT * FROM products WHERE category = 'shoes' AND price_cents BETWEEN 1 AND 2 ORDER BY rating DESC LIMIT 20"));
    }

    [Fact]
    public void OnlyOneRangeColumn_AndEqualitiesInOrderOfAppearance()
    {
        Assert.Equal(["t(a, b, c)"], Candidates("SELECT * FROM t WHERE a = 1 AND b IN (1, 2) AND c > 3 AND d < 4"));
        Assert.Equal(["t(a)", "t(a, b)"], Candidates("SELECT * FROM t WHERE a = 1 AND a = 2 ORDER BY a, b"));
    }

    [Fact]
    public void SortOnly_WhenThereIsNoCondition_AndMixedDirectionsKeepDesc()
    {
        Assert.Equal(["t(created_at)"], Candidates("SELECT * FROM t ORDER BY created_at DESC LIMIT 10"));
        Assert.Equal(["t(a, b DESC)"], Candidates("SELECT * FROM t ORDER BY a, b DESC LIMIT 10"));
    }

    [Fact]
    public void Joins_TheInnerTableGetsItsLookupColumn()
    {
        var schema = new Schema(
            new TableSchema("orders", null, ["id", "user_id", "status", "created_at"], [new ExistingIndex("PRIMARY", ["id"])]),
            new TableSchema("users", null, ["id", "email"], [new ExistingIndex("PRIMARY", ["id"])]));
        Assert.Equal(["orders(status, user_id)", "orders(status, user_id, created_at)"],
            Candidates("SELECT * FROM orders o JOIN users u ON u.id = o.user_id WHERE status = 'paid' ORDER BY o.created_at", schema));
    }

    [Fact]
    public void KnownSchema_SkipsCandidatesAnExistingIndexStartsWith_AndUnknownColumns()
    {
        var schema = new Schema(new TableSchema("carts", null, ["id", "user_id", "status"], [new ExistingIndex("carts_by_user", ["user_id", "status"])]));
        var set = IndexCandidates.For(SqlReader.Read("SELECT * FROM carts WHERE user_id = 3").Shape!, schema);
        Assert.Empty(set.Candidates);
        Assert.Contains("carts_by_user", Assert.Single(set.Skipped), StringComparison.Ordinal);
        Assert.Empty(Candidates("SELECT * FROM carts WHERE nope = 3", schema));
        var missing = IndexCandidates.For(SqlReader.Read("SELECT * FROM nowhere WHERE a = 1").Shape!, schema);
        Assert.Contains("not found", Assert.Single(missing.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Ddl_QuotesNamesThatNeedIt()
    {
        var c = IndexCandidates.For(SqlReader.Read("SELECT * FROM `Order Items` WHERE `unit price` > 3").Shape!, null).Candidates[0];
        Assert.Equal("CREATE INDEX hc_order_items_unit_price ON \"Order Items\" (\"unit price\")", c.Ddl());
    }

    private static SlowLogEvent Event(string sql, long sent, long examined, Dictionary<string, string>? attributes = null) =>
        new(null, "u", "h", "db", 1, 0.01, 0, sent, examined, attributes ?? [], sql, false, 0, 1);

    [Fact]
    public void Findings_RatioFullScanTmpTableAndFilesort()
    {
        var percona = new Dictionary<string, string> { ["Full_scan"] = "Yes", ["Tmp_table"] = "Yes", ["Tmp_table_on_disk"] = "Yes", ["Filesort"] = "Yes", ["Filesort_on_disk"] = "No", ["Full_join"] = "No" };
        var events = Enumerable.Range(0, 4).Select(i => Event("SELECT * FROM t WHERE a = 1 ORDER BY b", 10, 50_000, i < 3 ? percona : new Dictionary<string, string> { ["Full_scan"] = "No" }));
        var q = QueryDigest.FromEvents(events).Classes[0];
        Assert.Equal(new ExecutionFlags(4, 3, 0, 3, 3, 3, 0), q.Flags);
        var findings = Findings.For(q);
        Assert.Equal(["rows-examined-per-row-sent", "full-scan", "tmp-table-on-disk", "filesort"], findings.Select(f => f.Code));
        Assert.Contains("5,000 examined per row sent", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("3 of 4 logged calls (75%)", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_MySql80SlowExtraCounters_AndQuietClassesHaveNone()
    {
        var extra = new Dictionary<string, string> { ["Select_scan"] = "0", ["Select_full_join"] = "1", ["Created_tmp_tables"] = "1", ["Created_tmp_disk_tables"] = "0", ["Sort_merge_passes"] = "2", ["Sort_scan_count"] = "1" };
        var q = QueryDigest.FromEvents([Event("SELECT * FROM a JOIN b ON a.x = b.y", 5, 50, extra)]).Classes[0];
        Assert.Equal(["full-join", "tmp-table", "filesort-on-disk"], Findings.For(q).Select(f => f.Code));
        var update = QueryDigest.FromEvents([Event("UPDATE t SET a = 1 WHERE b = 2", 0, 30_000)]).Classes[0];
        Assert.Contains("30,000 rows examined per call and none sent", Assert.Single(Findings.For(update)).Message, StringComparison.Ordinal);
        var quiet = QueryDigest.FromEvents([Event("SELECT * FROM t WHERE id = 1", 1, 1)]).Classes[0];
        Assert.Empty(Findings.For(quiet));
        Assert.Equal(ExecutionFlags.None, quiet.Flags);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryGeneratedStatementShape_GetsAdviceOrAReason(int style)
    {
        var shape = (LogShape)style;
        var log = new SlowLogGenerator(11, shape).Write(2000);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(log));
        var report = QueryDigest.FromEvents(new SlowLogReader(stream, "generated.log").Events());
        var advice = Advisor.Advise(report.Classes, null);
        Assert.Equal(report.Classes.Count, advice.Count);
        Assert.All(advice, a => Assert.True(a.Indexes.Count > 0 || a.NoCandidateReason is not null, $"query {a.Rank}"));
        Assert.Contains(advice, a => a.Indexes.Count > 0);
        if (shape != LogShape.MySql80Extra) Assert.Contains(report.Classes, q => q.Flags.Logged > 0);
    }
}
