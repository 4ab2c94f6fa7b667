using System.IO.Compression;
using System.Text.Json;

namespace Hypercare.Cli.Tests;

public sealed class DbCommandTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    private static string SlowLog => Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "logs", "slow.log");

    private const string WorstFingerprint = "select id, sku, name, category, price_cents, rating, stock from products where category = ? and price_cents between ? and ? order by rating desc limit ?";

    [Fact]
    public async Task Digest_TheShopsSlowLog_RanksTheUnindexedProductSearchFirst()
    {
        var r = await _cli.Run("db", "digest", SlowLog, "--json");
        Assert.True(r.Code == 0, r.ToString());
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("hypercare.db.digest/v1", root.GetProperty("schema").GetString());
        Assert.Equal(634, root.GetProperty("summary").GetProperty("events").GetInt64());
        var first = root.GetProperty("classes")[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal("0x65A038189275DABBDB2D656F2BF76569", first.GetProperty("query_id").GetString());
        Assert.Equal(WorstFingerprint, first.GetProperty("fingerprint").GetString());
        Assert.Equal(627, first.GetProperty("calls").GetInt64());
        Assert.Equal(20000, first.GetProperty("rows_examined").GetProperty("max").GetDouble());
        Assert.Equal(0.00592, first.GetProperty("worst").GetProperty("query_time").GetDouble());
    }

    [Fact]
    public async Task Digest_Text_ShowsTheProfileAndTheStatisticsOfEachClass()
    {
        var r = await _cli.Run("db", "digest", SlowLog, "--limit", "2");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("634 events in 5 query classes", r.Out, StringComparison.Ordinal);
        Assert.Contains("top 2 of 5", r.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s+1 │ 0x65A038189275DABBDB2D656F2BF76569 │\s+1\.58s │ 98\.3% │\s+627 │", r.Out);
        Assert.Contains("Query 1: SELECT products, ID 0x65A038189275DABBDB2D656F2BF76569", r.Out, StringComparison.Ordinal);
        Assert.Contains("rows examined", r.Out, StringComparison.Ordinal);
        Assert.Contains("  fingerprint: " + WorstFingerprint, r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Query 3:", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_SeveralLogs_AreDigestedTogether()
    {
        var copy = Path.Combine(_cli.Folder, "slow.1.log");
        File.Copy(SlowLog, copy);
        var r = await _cli.Run("db", "digest", SlowLog, copy, "--limit", "1", "--json");
        Assert.True(r.Code == 0, r.ToString());
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(2, root.GetProperty("files").GetArrayLength());
        Assert.Equal(1268, root.GetProperty("summary").GetProperty("events").GetInt64());
        Assert.Equal(5, root.GetProperty("summary").GetProperty("classes").GetInt32());
        Assert.Equal(1, root.GetProperty("classes").GetArrayLength());
        Assert.Equal(1254, root.GetProperty("classes")[0].GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task Digest_GzipLog_GivesTheSameClasses()
    {
        var gz = Path.Combine(_cli.Folder, "slow.log.gz");
        using (var output = File.Create(gz))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(SlowLog));
        var r = await _cli.Run("db", "digest", gz, "--json");
        Assert.True(r.Code == 0, r.ToString());
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.True(root.GetProperty("files")[0].GetProperty("compressed").GetBoolean());
        Assert.Equal(5, root.GetProperty("summary").GetProperty("classes").GetInt32());
    }

    [Theory]
    [InlineData("csv", "'csv' is not a log format")]
    public async Task Digest_UnknownLogFormat_ExitsTwoAndSaysSo(string format, string message)
    {
        var r = await _cli.Run("db", "digest", SlowLog, "--log-format", format);
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_MySqlLogReadAsPostgres_ExitsTwoAndSaysThePrefixDidNotMatch()
    {
        var r = await _cli.Run("db", "digest", SlowLog, "--log-format", "postgres");
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("--log-line-prefix", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    private const string PostgresLog = """
        2017-09-06 08:48:45 CEST [1234]: [1-1] user=shop,db=shopdb,app=web,client=10.0.0.7 LOG:  duration: 12.345 ms  statement: SELECT * FROM orders WHERE id = 42
        2017-09-06 08:48:46 CEST [1234]: [2-1] user=shop,db=shopdb,app=web,client=10.0.0.7 LOG:  duration: 30.000 ms  execute <unnamed>: SELECT * FROM orders WHERE id = $1
        2017-09-06 08:48:46 CEST [1234]: [3-1] user=shop,db=shopdb,app=web,client=10.0.0.7 DETAIL:  parameters: $1 = '7'
        2017-09-06 08:48:47 CEST [1234]: [4-1] user=shop,db=shopdb,app=web,client=10.0.0.7 LOG:  duration: 1.000 ms  statement: SELECT name
        	FROM products
        """;

    [Fact]
    public async Task Digest_PostgresLogWithItsPrefix_GroupsByNormalizedStatement()
    {
        var log = Path.Combine(_cli.Folder, "postgresql.log");
        File.WriteAllText(log, PostgresLog);
        var r = await _cli.Run("db", "digest", log, "--log-line-prefix", "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ", "--json");
        Assert.True(r.Code == 0, r.ToString());
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("postgres", root.GetProperty("files")[0].GetProperty("format").GetString());
        var first = root.GetProperty("classes")[0];
        Assert.Equal("select * from orders where id = ?", first.GetProperty("fingerprint").GetString());
        Assert.Equal("postgres", first.GetProperty("source").GetString());
        Assert.Equal(2, first.GetProperty("calls").GetInt64());
        Assert.Equal("SELECT * FROM orders WHERE id = '7'", first.GetProperty("worst").GetProperty("statement").GetString());

        r = await _cli.Run("db", "digest", log, "--log-format", "postgres", "--log-line-prefix", "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("3 events in 2 query classes", r.Out, StringComparison.Ordinal);
        Assert.Contains("from a PostgreSQL log", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("rows examined", r.Out, StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM orders WHERE id = '7'", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_InvalidLogLinePrefix_ExitsTwoAndSaysSo()
    {
        var log = Path.Combine(_cli.Folder, "postgresql.log");
        File.WriteAllText(log, PostgresLog);
        var r = await _cli.Run("db", "digest", log, "--log-line-prefix", "%m [%p] %");
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("lone '%'", r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_PgStatStatementsCsv_IsDetectedAndShowsTheServersSums()
    {
        var csv = Path.Combine(_cli.Folder, "pgss.csv");
        File.WriteAllText(csv, "queryid,query,calls,total_exec_time,min_exec_time,max_exec_time,mean_exec_time,stddev_exec_time,rows\n"
            + "1,\"SELECT * FROM orders\nWHERE id = $1\",1000,2500,0.5,40,2.5,1.25,1000\n2,SELECT 1,10,1,0.1,0.1,0.1,0,10\n");
        var r = await _cli.Run("db", "digest", csv);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("from pg_stat_statements", r.Out, StringComparison.Ordinal);
        Assert.Contains("no percentiles", r.Out, StringComparison.Ordinal);
        Assert.Contains("pg-stat-statements", r.Out, StringComparison.Ordinal);
        r = await _cli.Run("db", "digest", csv, "--json");
        var first = JsonDocument.Parse(r.Out).RootElement.GetProperty("classes")[0];
        Assert.Equal("pg-stat-statements", first.GetProperty("source").GetString());
        Assert.Equal(1000, first.GetProperty("calls").GetInt64());
        Assert.Equal(2.5, first.GetProperty("query_time").GetProperty("total").GetDouble(), 9);
        Assert.Equal(0.04, first.GetProperty("query_time").GetProperty("max").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("query_time").GetProperty("p95").ValueKind);
    }

    [Fact]
    public async Task Digest_DamagedLog_LocatesProblemsAndCountsSkippedEvents()
    {
        var log = Path.Combine(_cli.Folder, "damaged.log");
        var text = File.ReadAllText(SlowLog);
        File.WriteAllText(log, "\u0001\u0002 garbage\n" + text + "# User@Host: shop[shop] @ localhost []\n# Query_time: 0.5  Lock_time: 0 Rows_sent: 0  Rows_examined: 0\nSELECT * FROM orders WHERE");
        var r = await _cli.Run("db", "digest", log, "--limit", "1");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("Skipped 1 event(s) and 1 line(s) outside events", r.Out, StringComparison.Ordinal);
        Assert.Contains($"warning: {log}:1:1: a line outside any event is ignored", r.Err, StringComparison.Ordinal);
        Assert.Contains($"warning: {log}:3181:1: the event at byte", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_MissingFile_ExitsTwo()
    {
        var r = await _cli.Run("db", "digest", Path.Combine(_cli.Folder, "nope.log"));
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("does not exist", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fingerprint_Statement_PrintsTheFingerprintAndTheQueryId()
    {
        var r = await _cli.Run("db", "fingerprint", "select sleep(2) from test.n;");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Equal("select sleep(?) from test.n\nquery id: 0xA853B50CDEB4866B3A99CC42AEDCCFCD\n", r.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Db_WithoutVerb_ShowsItsHelp()
    {
        var r = await _cli.Run("db");
        Assert.Contains("digest", r.Out, StringComparison.Ordinal);
        Assert.Contains("fingerprint", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_ExplainOnTheShopsDatabase_RanksTheSearchFirstWithAVerifiedIndex()
    {
        var created = await _cli.Run("sample", "shop", "--data", Path.Combine(_cli.Folder, "shop"), "--create-only");
        Assert.True(created.Code == 0, created.ToString());
        var database = Path.Combine(_cli.Folder, "shop", "shop.db");
        Assert.Contains(database, created.Out, StringComparison.Ordinal);
        var original = File.ReadAllBytes(database);

        var r = await _cli.Run("db", "digest", SlowLog, "--explain", database, "--json");
        Assert.True(r.Code == 0, r.ToString());
        var root = JsonDocument.Parse(r.Out).RootElement;
        var first = root.GetProperty("classes")[0];
        Assert.Equal(WorstFingerprint, first.GetProperty("fingerprint").GetString());
        var advice = first.GetProperty("advice");
        Assert.Equal("rows-examined-per-row-sent", advice.GetProperty("findings")[0].GetProperty("code").GetString());
        var best = advice.GetProperty("candidates")[0];
        Assert.True(best.GetProperty("verified").GetBoolean(), best.ToString());
        Assert.Equal("products", best.GetProperty("table").GetString());
        Assert.Equal("category", best.GetProperty("columns")[0].GetString());
        Assert.StartsWith("CREATE INDEX hc_products_category_", best.GetProperty("ddl").GetString(), StringComparison.Ordinal);
        Assert.Equal("SCAN products", best.GetProperty("plan_before")[0].GetString());
        Assert.Contains("SEARCH products USING INDEX hc_products_category_", best.GetProperty("plan_after")[0].GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("advice").GetProperty("verified_indexes").GetInt32() >= 1);
        // The classes served by the primary key and the sessions' key get no candidate.
        Assert.Equal(0, root.GetProperty("classes")[1].GetProperty("advice").GetProperty("candidates").GetArrayLength());
        Assert.Equal(original, File.ReadAllBytes(database));
        Assert.Equal(["shop.db"], Directory.GetFiles(Path.Combine(_cli.Folder, "shop"), "shop.db*").Select(Path.GetFileName));

        var text = await _cli.Run("db", "digest", SlowLog, "--explain", database, "--limit", "1");
        Assert.True(text.Code == 0, text.ToString());
        Assert.Contains("  advice:", text.Out, StringComparison.Ordinal);
        Assert.Contains("    index (verified): CREATE INDEX hc_products_category_", text.Out, StringComparison.Ordinal);
        Assert.Contains("      plan before: SCAN products | USE TEMP B-TREE FOR ORDER BY", text.Out, StringComparison.Ordinal);
        Assert.Matches(@"Advice for the top 1 classes: 1 finding\(s\), \d verified index\(es\) for 1 class\(es\) \(query 1\)", text.Out);
    }

    [Fact]
    public async Task Digest_WithoutExplain_ListsUnverifiedCandidates()
    {
        var r = await _cli.Run("db", "digest", SlowLog, "--limit", "1");
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("    index candidate (not verified): CREATE INDEX hc_products_category_price_cents ON products (category, price_cents)", r.Out, StringComparison.Ordinal);
        Assert.Contains("not verified (--explain DATABASE checks them with EXPLAIN)", r.Out, StringComparison.Ordinal);
        var none = await _cli.Run("db", "digest", SlowLog, "--limit", "1", "--advise", "0");
        Assert.DoesNotContain("advice:", none.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=10.1.2.3;Username=u;Password=p;Database=d", 3, "is not a loopback address")]
    [InlineData("Host=db.example.com;Username=u;Database=d", 3, "is not a loopback address")]
    [InlineData("Server=192.0.2.7;User=u;Database=shop", 3, "is not a loopback address")]
    [InlineData("Server=127.0.0.1;User=u", 2, "names no Database")]
    [InlineData("nope/shop.db", 2, "does not exist")]
    public async Task Digest_ExplainOnARefusedOrMissingDatabase_ExitsBeforeReading(string connection, int code, string message)
    {
        var r = await _cli.Run("db", "digest", SlowLog, "--explain", connection);
        Assert.True(r.Code == code, r.ToString());
        Assert.Contains(message, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheEngagement_ThePoolsAreSizedForThePeak_AndTheShopsPoolsOutgrowItsDatabase()
    {
        var r = await _cli.Run("db", "digest", SlowLog, "--engagement", Cli.Sample, "--queries-per-request", "3", "--advise", "0", "--json");
        Assert.True(r.Code == 0, r.ToString());
        var pools = JsonDocument.Parse(r.Out).RootElement.GetProperty("pools");
        // 2,000 req/s × 3 statements; the web tier scales to 16 with 40 connections each, against max_connections 400.
        Assert.Equal(6000, pools.GetProperty("statements_per_second").GetDouble(), 6);
        Assert.Equal((640, "server-too-small"), (pools.GetProperty("declared_total").GetInt64(), pools.GetProperty("verdict").GetString()));
        Assert.StartsWith("the pools can open 640 connections (16 × 40) but the server accepts 400", pools.GetProperty("findings")[0].GetString(), StringComparison.Ordinal);

        var text = await _cli.Run("db", "digest", SlowLog, "--engagement", Cli.Sample, "--limit", "1");
        Assert.Contains("Connection pools at the peak (Little's law)", text.Out, StringComparison.Ordinal);
        var bad = await _cli.Run("db", "digest", SlowLog, "--engagement", Cli.Sample, "--queries-per-request", "none");
        Assert.True(bad.Code == 2 && bad.Err.Contains("--queries-per-request", StringComparison.Ordinal), bad.ToString());
    }
}
