using System.IO.Compression;
using System.Text;
using Hypercare.Databases.Digest;
using Hypercare.Databases.Postgres;

namespace Hypercare.Databases.Tests.Postgres;

public class ServerLogReaderTests
{
    private static (List<ServerLogEvent> Events, ServerLogReader Reader) Read(string text, string? prefix = null)
    {
        var reader = new ServerLogReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "pg.log", prefix);
        return (reader.Events().ToList(), reader);
    }

    private const string DebianLog = """
        2026-11-26 10:00:00.100 UTC [101] LOG:  checkpoint starting: time
        2026-11-26 10:00:01.250 UTC [2001] shop@shopdb LOG:  duration: 12.345 ms  statement: SELECT * FROM orders WHERE id = 42
        2026-11-26 10:00:01.300 UTC [2001] shop@shopdb LOG:  duration: 0.512 ms  statement: select *
        	from orders
        	where id = 7;
        2026-11-26 10:00:02.000 UTC [2002] app@shopdb LOG:  duration: 0.050 ms  parse <unnamed>: SELECT name FROM products WHERE sku = $1 AND stock > $2
        2026-11-26 10:00:02.001 UTC [2002] app@shopdb LOG:  duration: 0.080 ms  bind <unnamed>: SELECT name FROM products WHERE sku = $1 AND stock > $2
        2026-11-26 10:00:02.002 UTC [2002] app@shopdb DETAIL:  parameters: $1 = 'AB-1', $2 = '3'
        2026-11-26 10:00:02.010 UTC [2002] app@shopdb LOG:  duration: 3.500 ms  execute <unnamed>: SELECT name FROM products WHERE sku = $1 AND stock > $2
        2026-11-26 10:00:02.010 UTC [2002] app@shopdb DETAIL:  parameters: $1 = 'it''s', $2 = '10'
        2026-11-26 10:00:02.500 UTC [2002] app@shopdb LOG:  duration: 1.000 ms  execute S_1: UPDATE products SET stock = stock - $1 WHERE sku = $2
        2026-11-26 10:00:02.500 UTC [2002] app@shopdb DETAIL:  parameters: $1 = '1', $2 = NULL
        2026-11-26 10:00:03.000 UTC [2003] shop@shopdb ERROR:  relation "nope" does not exist at character 15
        2026-11-26 10:00:03.000 UTC [2003] shop@shopdb STATEMENT:  select * from nope
        2026-11-26 10:00:04.000 UTC [2003] shop@shopdb LOG:  statement: select 1
        2026-11-26 10:00:05.000 UTC [2001] shop@shopdb LOG:  duration: 2.000 ms  statement: SELECT * FROM orders WHERE id = 43
        """;

    [Fact]
    public void Events_DebianPrefix_ReadsStatementsExecutesAndParameters()
    {
        var (events, reader) = Read(DebianLog);
        Assert.Equal(5, events.Count);
        var first = events[0];
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 1, 250, TimeSpan.Zero), first.Time);
        Assert.Equal(2001, first.ProcessId);
        Assert.Equal("shop", first.User);
        Assert.Equal("shopdb", first.Database);
        Assert.Equal(0.012345, first.Duration, 9);
        Assert.Equal("statement", first.Kind);
        Assert.Equal("SELECT * FROM orders WHERE id = 42", first.Statement);
        Assert.Equal(2, first.Line);

        Assert.Equal("select *\nfrom orders\nwhere id = 7;", events[1].Statement);

        var execute = events[2];
        Assert.Equal("execute", execute.Kind);
        Assert.Equal("<unnamed>", execute.PreparedName);
        Assert.Equal("$1 = 'it''s', $2 = '10'", execute.Parameters);
        Assert.Equal("SELECT name FROM products WHERE sku = 'it''s' AND stock > '10'", execute.Runnable);
        Assert.Equal("UPDATE products SET stock = stock - '1' WHERE sku = NULL", events[3].Runnable);
        Assert.Equal("S_1", events[3].PreparedName);
        Assert.Equal(0.002, events[4].Duration, 9);

        Assert.Equal(2, reader.ProtocolSteps);
        Assert.Equal(1, reader.StatementsWithoutDuration);
        Assert.Equal(0, reader.SkippedEvents);
        Assert.Equal(0, reader.StrayLines);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Events_PgBadgerStylePrefix_ReadsUserDatabaseApplicationAndClient()
    {
        const string prefix = "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ";
        var log = """
            2017-09-06 08:48:45 CEST [1234]: [1-1] user=u,db=d,app=psql,client=10.0.0.7 LOG:  duration: 12.345 ms  statement: SELECT count(*) FROM t
            2017-09-06 08:48:46 CEST [1234]: [2-1] user=u,db=d,app=my app,client=[local] LOG:  duration: 1.5 ms  execute <unnamed>: SELECT a FROM t WHERE b IN ($1, $2, $3)
            2017-09-06 08:48:46 CEST [1234]: [3-1] user=u,db=d,app=my app,client=[local] DETAIL:  parameters: $1 = '1', $2 = '2', $3 = '3'
            2017-09-06 08:48:47 CEST [99]: [1-1] user=,db=,app=,client= LOG:  automatic vacuum of table "d.public.t"
            """;
        var (events, reader) = Read(log, prefix);
        Assert.Equal(2, events.Count);
        Assert.Equal(new DateTimeOffset(2017, 9, 6, 8, 48, 45, TimeSpan.FromHours(2)), events[0].Time);
        Assert.Equal(("u", "d", "psql", "10.0.0.7"), (events[0].User, events[0].Database, events[0].Application, events[0].ClientHost));
        Assert.Equal("my app", events[1].Application);
        Assert.Equal("[local]", events[1].ClientHost);
        Assert.Equal("SELECT a FROM t WHERE b IN ('1', '2', '3')", events[1].Runnable);
        Assert.Empty(reader.Problems);
    }

    [Theory]
    [InlineData("%m [%p] ", "2026-11-26 10:00:01.250 UTC [77] ")]
    [InlineData("%m [%p] %q%u@%d ", "2026-11-26 10:00:01.250 UTC [77] u@db ")]
    [InlineData("%t:%r:%u@%d:[%p]: ", "2026-11-26 10:00:01 UTC:10.1.2.3(51234):u@db:[77]: ")]
    [InlineData("%n [%p] %a %% ", "1795686001.250 [77] psql % ")]
    [InlineData("%m %c %l %v %x %e %i: ", "2026-11-26 10:00:01.250 +01 6565a0.4d 3 3/17 0 00000 SELECT: ")]
    [InlineData("", "")]
    public void Events_VariousPrefixes_AreMatched(string prefix, string linePrefix)
    {
        var (events, reader) = Read(linePrefix + "LOG:  duration: 5.000 ms  statement: SELECT 1", prefix);
        Assert.True(events.Count == 1, string.Join("; ", reader.Problems.Select(p => p.Message)));
        Assert.Equal(0.005, events[0].Duration, 9);
        if (prefix.Contains("%p", StringComparison.Ordinal)) Assert.Equal(77, events[0].ProcessId);
    }

    [Fact]
    public void Events_TimeWithNumericOffsetAndEpoch_AreRead()
    {
        var (events, _) = Read("2026-11-26 10:00:01.250 +01 [77] LOG:  duration: 5 ms  statement: SELECT 1", "%m [%p] ");
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 1, 250, TimeSpan.Zero), events[0].Time!.Value.ToUniversalTime());
        (events, _) = Read("1795686001.250 [77] LOG:  duration: 5 ms  statement: SELECT 1", "%n [%p] ");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795686001250), events[0].Time);
    }

    [Fact]
    public void Events_GarbageAndDamage_AreLocatedAndCountedNeverThrown()
    {
        var log = "garbage at the top\n\tan orphan continuation\n"
            + "2026-11-26 10:00:01.250 UTC [1] u@db LOG:  duration: abc ms  statement: SELECT 1\n"
            + "2026-11-26 10:00:01.250 UTC [1] u@db LOG:  duration: 1.0 ms  frobnicate: SELECT 1\n"
            + "\u0001\u0002 binary\n"
            + "2026-11-26 10:00:01.250 UTC [1] u@db LOG:  duration: 1.0 ms  statement: SELECT 2\n"
            + "2026-11-26 10:00:01.250 UTC [1] u@db LOG:  duration: 1.0 ms  execute <unnamed>: SELECT $1\n"
            + "2026-11-26 10:00:01.250 UTC [1] u@db DETAIL:  parameters: $1 = 'unterminated\n"
            + "2026-11-26 10:00:01.250 UTC [1] u@db LOG:  duration: 1.0 ms  statement: SELECT 3";
        var (events, reader) = Read(log);
        Assert.Equal(["SELECT 2", "SELECT $1", "SELECT 3"], events.Select(e => e.Runnable));
        Assert.Equal(2, reader.SkippedEvents);
        Assert.Equal(3, reader.StrayLines);
        var lines = reader.Problems.Select(p => (p.Code, p.Location!.Line)).ToList();
        Assert.Contains(("stray-text", 1), lines);
        Assert.Contains(("skipped-event", 3), lines);
        Assert.Contains(("skipped-event", 4), lines);
        Assert.Contains(("stray-text", 5), lines);
        Assert.Contains(("unreadable-parameters", 8), lines);
        Assert.All(reader.Problems, p => Assert.Equal("pg.log", p.Location!.File));
    }

    [Fact]
    public void Events_WrongPrefix_SaysWhichPrefixWasTried()
    {
        var (events, reader) = Read("2017-09-06 08:48:45 CEST [1234]: [1-1] user=u,db=d LOG:  duration: 1 ms  statement: SELECT 1\n", "%m [%p] %u@%d ");
        Assert.Empty(events);
        Assert.Contains(reader.Problems, p => p.Code == "prefix-not-matched" && p.Message.Contains("--log-line-prefix", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_JsonLog_IsReadWithItsDetailInsideTheRecord()
    {
        var log = """
            {"timestamp":"2026-11-26 10:00:00.500 UTC","pid":41,"session_id":"1.29","line_num":1,"ps":"idle","error_severity":"LOG","message":"checkpoint starting: time","backend_type":"checkpointer"}
            {"timestamp":"2026-11-26 10:00:01.250 CEST","user":"shop","dbname":"shopdb","pid":42,"remote_host":"10.0.0.7","application_name":"web","error_severity":"LOG","message":"duration: 3.500 ms  execute <unnamed>: SELECT *\n  FROM orders WHERE id = $1","detail":"parameters: $1 = '7'","backend_type":"client backend"}
            {"timestamp":"2026-11-26 10:00:02.000 UTC","user":"shop","dbname":"shopdb","pid":42,"error_severity":"ERROR","message":"relation \"x\" does not exist","statement":"select * from x"}
            {"timestamp":"2026-11-26 10:00:03.000 UTC","user":"shop","dbname":"shopdb","pid":42,"error_severity":"LOG","message":"duration: 1.000 ms  statement: SELECT 1"}
            {"not a record
            """;
        var (events, reader) = Read(log, "%m [%p] ");
        Assert.Equal(2, events.Count);
        var first = events[0];
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 1, 250, TimeSpan.FromHours(2)), first.Time);
        Assert.Equal((42, "shop", "shopdb", "web", "10.0.0.7"), (first.ProcessId!.Value, first.User, first.Database, first.Application, first.ClientHost));
        Assert.Equal("SELECT *\n  FROM orders WHERE id = '7'", first.Runnable);
        Assert.Equal(0.0035, first.Duration, 9);
        Assert.Equal("SELECT 1", events[1].Statement);
        Assert.Equal(4, reader.JsonRecords);
        Assert.Equal(1, reader.StrayLines);
        Assert.Contains(reader.Problems, p => p.Code == "stray-text" && p.Location!.Line == 5);
    }

    [Fact]
    public void Events_CsvLog_IsReportedAsNotSupported()
    {
        var (events, reader) = Read("2026-11-26 10:00:00.123 UTC,\"u\",\"d\",42,\"[local]\",6565a0.2a,1,\"SELECT\",2026-11-26 10:00:00 UTC,3/4,0,\"LOG\",00000,\"duration: 1.0 ms  statement: select 1\",,,,,,,,,\"psql\",\"client backend\",,0\n");
        Assert.Empty(events);
        Assert.Contains(reader.Problems, p => p.Message.Contains("csvlog", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_Gzip_IsRecognisedByItsMagicBytes()
    {
        var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(DebianLog));
        bytes.Position = 0;
        var reader = new ServerLogReader(bytes, "pg.log.gz");
        Assert.Equal(5, reader.Events().Count());
        Assert.True(reader.Compressed);
    }

    [Fact]
    public void Events_LogCutAtAnyByte_NeverThrows()
    {
        var bytes = Encoding.UTF8.GetBytes(DebianLog);
        for (var cut = 0; cut <= bytes.Length; cut += 7)
        {
            var reader = new ServerLogReader(new MemoryStream(bytes, 0, cut), "pg.log");
            Assert.True(reader.Events().Count() <= 5);
        }
    }

    [Fact]
    public void Digest_PostgresLog_GroupsTheSameStatementWithDifferentValues()
    {
        using var folder = new TempFolder();
        var path = folder.File("postgresql.log");
        File.WriteAllText(path, DebianLog);
        var report = QueryDigest.Read([path]);
        Assert.Equal(LogFormat.Postgres, report.Files[0].Format);
        Assert.Equal(5, report.Events);
        Assert.Equal(3, report.Classes.Count);
        var orders = report.Classes[0];
        Assert.Equal("select * from orders where id = ?", orders.Fingerprint);
        Assert.Equal(3, orders.Calls);
        Assert.Equal(LogFormat.Postgres, orders.Source);
        Assert.Equal(ClassStatistics.PerExecutionTimeOnly, orders.Statistics);
        Assert.Equal(0.012345 + 0.000512 + 0.002, orders.QueryTime.Total, 9);
        Assert.Equal("SELECT * FROM orders WHERE id = 42", orders.Worst.Statement);
        Assert.Equal(2, orders.Worst.Line);
        Assert.Equal("shopdb", orders.Databases.Single().Value);
        Assert.Equal(Normalizer.QueryId(orders.Fingerprint), orders.QueryId);
        var products = report.Classes.Single(c => c.Item == "SELECT products");
        Assert.Equal("select name from products where sku = ? and stock > ?", products.Fingerprint);
        Assert.Equal("SELECT name FROM products WHERE sku = 'it''s' AND stock > '10'", products.Worst.Statement);
    }

    [Fact]
    public void Digest_PrefixGivenInOptions_IsUsed()
    {
        using var folder = new TempFolder();
        var path = folder.File("pg.log");
        File.WriteAllText(path, "2017-09-06 08:48:45 CEST [1234]: [1-1] user=u,db=d,app=a,client=h LOG:  duration: 12.5 ms  statement: SELECT 1\n");
        var report = QueryDigest.Read([path], new DigestOptions { LogLinePrefix = "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h " });
        Assert.Equal(1, report.Events);
        Assert.Equal(LogFormat.Postgres, report.Files[0].Format);
        Assert.Equal("h", report.Classes[0].Hosts.Single().Value);
    }
}
