using Hypercare.Databases.Digest;
using Hypercare.Databases.MySql;

namespace Hypercare.Databases.Tests.Digest;

public class QueryDigestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoAttributes = [];

    private static SlowLogEvent Event(string sql, double seconds, int at = 0, long examined = 10, string user = "app", string db = "shop") =>
        new(T0.AddSeconds(at), user, "localhost", db, 1, seconds, seconds / 100, 1, examined, NoAttributes, sql, false, at * 100, at + 1);

    [Fact]
    public void FromEvents_Classes_AreRankedByTotalTime()
    {
        var report = QueryDigest.FromEvents([
            Event("SELECT 1 FROM a", 0.5), Event("SELECT 2 FROM a", 0.5),
            Event("SELECT * FROM b WHERE id = 1", 0.1), Event("SELECT * FROM b WHERE id = 2", 0.1), Event("SELECT * FROM b WHERE id = 3", 0.1),
            Event("UPDATE c SET x = 1", 2.0)]);
        Assert.Equal(["update c set x = ?", "select ? from a", "select * from b where id = ?"], report.Classes.Select(c => c.Fingerprint));
        Assert.Equal([1, 2, 3], report.Classes.Select(c => c.Rank));
        Assert.Equal(2.0 / 3.3, report.Classes[0].Share, 9);
        Assert.Equal(3, report.Classes[2].Calls);
        Assert.Equal("SELECT b", report.Classes[2].Item);
        Assert.Equal("UPDATE c", report.Classes[0].Item);
    }

    [Fact]
    public void FromEvents_SmallClass_HasExactStatistics()
    {
        var times = new[] { 0.010, 0.020, 0.030, 0.040, 1.000 };
        var report = QueryDigest.FromEvents(times.Select((t, i) => Event($"SELECT * FROM t WHERE id = {i}", t, at: i * 10)));
        var q = Assert.Single(report.Classes).QueryTime;
        Assert.True(q.Exact);
        Assert.Equal((5L, 1.1, 0.01, 1.0, 0.22), (q.Count, Math.Round(q.Total, 9), q.Min, q.Max, Math.Round(q.Average, 9)));
        Assert.Equal(0.03, q.Median);
        Assert.Equal(1.0, q.P95);
        Assert.Equal(1.0, q.P99);
        var mean = 0.22;
        var variance = times.Sum(t => (t - mean) * (t - mean)) / times.Length;
        Assert.Equal(Math.Sqrt(variance), q.StandardDeviation, 9);
        Assert.Equal(variance / mean, report.Classes[0].VarianceToMean, 9);
    }

    [Fact]
    public void FromEvents_TimeRange_GivesQueriesPerSecondAndTheWorstSample()
    {
        var report = QueryDigest.FromEvents([Event("SELECT a FROM t", 0.1, at: 0), Event("SELECT a FROM t", 0.9, at: 5, examined: 20000), Event("SELECT a FROM t", 0.2, at: 10)]);
        var c = Assert.Single(report.Classes);
        Assert.Equal(T0, c.FirstSeen);
        Assert.Equal(T0.AddSeconds(10), c.LastSeen);
        Assert.Equal(0.3, c.QueriesPerSecond!.Value, 9);
        Assert.Equal(0.9, c.Worst.QueryTime);
        Assert.Equal(20000, c.Worst.RowsExamined);
        Assert.Equal(6, c.Worst.Line);
        Assert.Equal(0.3, report.QueriesPerSecond!.Value, 9);
    }

    [Fact]
    public void FromEvents_ManyValues_SwitchToAHistogramWithinOnePercent()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 5000).Select(_ => Math.Round(0.001 + random.NextDouble() * random.NextDouble(), 6)).ToList();
        var report = QueryDigest.FromEvents(values.Select(v => Event("SELECT 1", v)), new DigestOptions { ExactValues = 100 });
        var q = report.Classes[0].QueryTime;
        Assert.False(q.Exact);
        var sorted = values.Order().ToList();
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        Assert.InRange(q.P95, p95 * 0.99, p95 * 1.01);
        Assert.Equal(values.Sum(), q.Total, 6);
        Assert.Equal(sorted[0], q.Min);
        Assert.Equal(sorted[^1], q.Max);
    }

    [Fact]
    public void FromEvents_DatabasesUsersAndHosts_AreCountedMostFrequentFirst()
    {
        var report = QueryDigest.FromEvents([Event("SELECT 1", 0.1, user: "a"), Event("SELECT 1", 0.1, user: "b", db: "billing"), Event("SELECT 1", 0.1, user: "b")]);
        var c = report.Classes[0];
        Assert.Equal([new ValueCount("b", 2), new ValueCount("a", 1)], c.Users);
        Assert.Equal([new ValueCount("shop", 2), new ValueCount("billing", 1)], c.Databases);
        Assert.Equal([new ValueCount("localhost", 3)], c.Hosts);
    }

    [Fact]
    public void FromEvents_LatencyHistogram_CountsDecades()
    {
        var report = QueryDigest.FromEvents([Event("SELECT 1", 0.000005), Event("SELECT 1", 0.0005), Event("SELECT 1", 0.002), Event("SELECT 1", 3), Event("SELECT 1", 42)]);
        Assert.Equal([1L, 0, 1, 1, 0, 0, 1, 1], report.Classes[0].LatencyHistogram);
    }

    [Fact]
    public void Read_InvalidLogLinePrefix_IsBadInput()
    {
        var e = Assert.Throws<Hypercare.Core.Problems.BadInputException>(() => QueryDigest.Read(["x.log"], new DigestOptions { Format = LogFormat.Postgres, LogLinePrefix = "%m %" }));
        Assert.Equal("invalid-log-line-prefix", e.Problems[0].Code);
    }

    [Fact]
    public void Read_MissingFile_IsBadInput()
    {
        var e = Assert.Throws<Hypercare.Core.Problems.BadInputException>(() => QueryDigest.Read(["/nonexistent/slow.log"]));
        Assert.Equal("file-not-found", e.Problems[0].Code);
    }
}
