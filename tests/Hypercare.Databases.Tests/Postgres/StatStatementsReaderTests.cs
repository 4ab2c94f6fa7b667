using System.IO.Compression;
using System.Text;
using Hypercare.Databases.Digest;
using Hypercare.Databases.Postgres;

namespace Hypercare.Databases.Tests.Postgres;

public class StatStatementsReaderTests
{
    private static (List<StatStatementsRow> Rows, StatStatementsReader Reader) Read(string text)
    {
        var reader = new StatStatementsReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "pgss.csv");
        return (reader.Rows().ToList(), reader);
    }

    private const string Pg15 = """
        userid,dbid,toplevel,queryid,query,plans,total_plan_time,calls,total_exec_time,min_exec_time,max_exec_time,mean_exec_time,stddev_exec_time,rows,shared_blks_hit,shared_blks_read
        10,16384,t,-4152395432346,"SELECT id, name
        FROM products
        WHERE category = $1 AND note = 'say ""hi""'",0,0,100,250.5,1.5,9.25,2.505,0.5,2000,400,12
        10,16384,t,77,UPDATE products SET stock = stock - $1 WHERE id = $2,0,0,10,5,0.25,1,0.5,0.125,10,30,0
        10,16385,f,-4152395432346,"SELECT id, name FROM products WHERE category = $1 AND note = 'say ""hi""'",0,0,50,49.5,0.5,2,0.99,0.25,1000,100,1
        """;

    [Fact]
    public void Rows_Pg13PlusNames_AreReadByName_WithMultiLineQuotedQueries()
    {
        var (rows, reader) = Read(Pg15);
        Assert.Equal(3, rows.Count);
        var first = rows[0];
        Assert.Equal("SELECT id, name\nFROM products\nWHERE category = $1 AND note = 'say \"hi\"'", first.Query);
        Assert.Equal(100, first.Calls);
        Assert.Equal(0.2505, first.TotalTime, 9);
        Assert.Equal(0.0015, first.MinTime!.Value, 9);
        Assert.Equal(0.00925, first.MaxTime!.Value, 9);
        Assert.Equal(0.002505, first.MeanTime, 9);
        Assert.Equal(2000, first.Rows);
        Assert.Equal(400, first.SharedBlocksHit);
        Assert.Equal(12, first.SharedBlocksRead);
        Assert.Equal("-4152395432346", first.QueryId);
        Assert.True(first.TopLevel);
        Assert.Equal(2, first.Line);
        Assert.Equal(5, rows[1].Line);
        Assert.True(reader.HasExtremes);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Rows_Pre13Names_AreRead()
    {
        var (rows, reader) = Read("userid,dbid,queryid,query,calls,total_time,rows\n10,1,5,select pg_sleep($1),3,3000.5,3\n");
        Assert.Single(rows);
        Assert.Equal(3.0005, rows[0].TotalTime, 9);
        Assert.Equal(3.0005 / 3, rows[0].MeanTime, 9);
        Assert.Null(rows[0].MaxTime);
        Assert.False(reader.HasExtremes);
    }

    [Fact]
    public void Rows_BadRowsAndMissingColumns_AreLocatedAndSkipped()
    {
        var (rows, reader) = Read("query,calls,total_exec_time\nselect 1,abc,1\nselect 2,1\nselect 3,2,4.5\n\"select 4,1,1\n");
        Assert.Equal(["select 3"], rows.Select(r => r.Query));
        Assert.Equal(2, reader.SkippedRows);
        Assert.Contains(reader.Problems, p => p.Code == "skipped-row" && p.Location!.Line == 2);
        Assert.Contains(reader.Problems, p => p.Code == "skipped-row" && p.Location!.Line == 3);
        Assert.Contains(reader.Problems, p => p.Code == "unterminated-quote");

        (rows, reader) = Read("a,b\n1,2\n");
        Assert.Empty(rows);
        Assert.Contains(reader.Problems, p => p.Code == "not-pg-stat-statements" && p.Message.Contains("query, calls, total_exec_time", StringComparison.Ordinal));
    }

    [Fact]
    public void Digest_PgStatStatements_MergesRowsWithTheSameTextAndKeepsTheServersSums()
    {
        using var folder = new TempFolder();
        var path = folder.File("pgss.csv.gz");
        using (var output = File.Create(path))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(Pg15));
        var report = QueryDigest.Read([path]);
        Assert.Equal(LogFormat.PgStatStatements, report.Files[0].Format);
        Assert.True(report.Files[0].Compressed);
        Assert.Equal(160, report.Events);
        Assert.Equal(2, report.Classes.Count);
        var select = report.Classes[0];
        Assert.Equal(LogFormat.PgStatStatements, select.Source);
        Assert.Equal(ClassStatistics.ServerSumsWithExtremes, select.Statistics);
        Assert.Equal(150, select.Calls);
        Assert.Equal(0.300, select.QueryTime.Total, 9);
        Assert.Equal(0.0005, select.QueryTime.Min, 9);
        Assert.Equal(0.00925, select.QueryTime.Max, 9);
        Assert.Equal(0.002, select.QueryTime.Average, 9);
        // Pooled deviation of (100 calls, mean 2.505 ms, sd 0.5 ms) and (50 calls, mean 0.99 ms, sd 0.25 ms).
        var squares = (100 * (0.5 * 0.5 + 2.505 * 2.505) + 50 * (0.25 * 0.25 + 0.99 * 0.99)) / 150;
        Assert.Equal(Math.Sqrt(squares - 2.0 * 2.0) / 1000, select.QueryTime.StandardDeviation, 9);
        Assert.Equal(3000, select.RowsSent.Total);
        Assert.Equal([new ValueCount("16384", 100), new ValueCount("16385", 50)], select.Databases);
        Assert.Equal("select id, name from products where category = ? and note = ?", select.Fingerprint);
    }
}
