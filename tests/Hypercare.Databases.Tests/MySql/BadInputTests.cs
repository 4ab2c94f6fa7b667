using System.Text;
using Hypercare.Databases.Digest;
using Hypercare.Databases.MySql;

namespace Hypercare.Databases.Tests.MySql;

/// <summary>What the reader must do with logs that are damaged or not logs: skip, count and locate; never throw.</summary>
public class BadInputTests
{
    private const string Good = "# Time: 2026-11-26T10:00:00.000000Z\n# User@Host: a[a] @ localhost []  Id: 1\n# Query_time: 0.100000  Lock_time: 0.000000 Rows_sent: 1  Rows_examined: 1\nSET timestamp=1795687200;\nSELECT 1;\n";

    private static (List<SlowLogEvent> Events, SlowLogReader Reader) Read(byte[] bytes, int max = 64 * 1024 * 1024)
    {
        var reader = new SlowLogReader(new MemoryStream(bytes), "bad.log", max);
        return (reader.Events().ToList(), reader);
    }

    private static (List<SlowLogEvent> Events, SlowLogReader Reader) Read(string text, int max = 64 * 1024 * 1024) => Read(Encoding.UTF8.GetBytes(text), max);

    /// <summary>Damaged logs, the events still read, and the located problem each must report.</summary>
    public static TheoryData<string, int, string, int> Damaged => new()
    {
        // The log cut in the middle of a statement.
        { Good + "# User@Host: a[a] @ localhost []\n# Query_time: 0.2  Lock_time: 0 Rows_sent: 0  Rows_examined: 0\nSELECT * FROM t WHERE", 1, "bad.log:6:1: the event at byte 187 is skipped: the log ends inside its statement (truncated?)", 1 },
        // The log cut inside the header lines.
        { Good + "# Time: 2026-11-26T10:00:01.000000Z\n# User@Host: a[a] @ localhost []", 1, "bad.log:6:1: the event at byte 187 is skipped: it has no '# Query_time:' line", 1 },
        // A header without a statement, then the next event.
        { "# User@Host: a[a] @ localhost []\n# Query_time: 0.2  Lock_time: 0 Rows_sent: 0  Rows_examined: 0\n" + Good, 1, "bad.log:1:1: the event at byte 0 is skipped: it has no statement (truncated?)", 1 },
        // A PostgreSQL line among MySQL events.
        { "2017-09-06 08:48:45 CEST [1234]: [1-1] user=u,db=d LOG:  duration: 12.345 ms  statement: SELECT 1\n" + Good, 1, "bad.log:1:1: a line outside any event is ignored (not a slow-log line)", 0 },
        // A time in a format no server writes.
        { Good.Replace("2026-11-26T10:00:00.000000Z", "yesterday", StringComparison.Ordinal), 1, "bad.log:1:1: '# Time: yesterday' is not a time this reader knows (071015 21:43:52 or 2016-07-20T18:13:25.698433Z)", 0 },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void Events_DamagedLog_SkipsCountsAndLocates(string log, int events, string problem, int skipped)
    {
        var (read, reader) = Read(log);
        Assert.Equal(events, read.Count);
        Assert.Equal(skipped, reader.SkippedEvents);
        Assert.Equal(problem, reader.Problems[0].ToString());
    }

    [Fact]
    public void Events_BinaryGarbage_NeverThrowsAndReadsTheEventsAround()
    {
        var random = new Random(7);
        var garbage = new byte[200_000];
        random.NextBytes(garbage);
        var bytes = Encoding.UTF8.GetBytes(Good).Concat(Encoding.UTF8.GetBytes("\n")).Concat(garbage).Concat(Encoding.UTF8.GetBytes("\n" + Good)).ToArray();
        var (read, reader) = Read(bytes);
        Assert.True(read.Count >= 1);
        Assert.Equal("SELECT 1", read[^1].Statement);
        Assert.True(reader.ProblemCount + reader.SkippedEvents > 0 || read.Count == 2);
    }

    [Fact]
    public void Events_GarbageOnly_ReportsStrayLines()
    {
        var garbage = new byte[50_000];
        new Random(3).NextBytes(garbage);
        var (read, reader) = Read(garbage.Select(b => b == (byte)'#' ? (byte)'x' : b).ToArray());
        Assert.Empty(read);
        Assert.True(reader.StrayLines > 0);
        Assert.Equal("stray-text", reader.Problems[0].Code);
    }

    [Fact]
    public void Events_TenMegabyteStatement_IsRead()
    {
        var big = "SELECT * FROM t WHERE id IN (" + string.Join(",", Enumerable.Range(0, 1_500_000)) + ")";
        Assert.True(big.Length > 10_000_000);
        var (read, reader) = Read(Good.Replace("SELECT 1", big, StringComparison.Ordinal) + Good);
        Assert.Equal(2, read.Count);
        Assert.Equal(big.Length, read[0].Statement.Length);
        Assert.Equal(0, reader.SkippedEvents);
        Assert.Equal("select * from t where id in(?+)", Hypercare.Databases.Fingerprints.Fingerprint.Of(read[0].Statement));
    }

    [Fact]
    public void Events_StatementLongerThanTheCap_IsSkippedAndTheNextEventRead()
    {
        var big = "SELECT '" + new string('x', 5000) + "'";
        var (read, reader) = Read(Good.Replace("SELECT 1", big, StringComparison.Ordinal) + Good, max: 1024);
        Assert.Single(read);
        Assert.Equal(1, reader.SkippedEvents);
        Assert.Contains("longer than 1024 bytes", reader.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_CutAtAnyByte_NeverThrow()
    {
        var log = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "reopened.log"));
        for (var cut = 0; cut <= log.Length; cut++)
        {
            var (read, reader) = Read(log[..cut]);
            Assert.True(read.Count <= 3);
            Assert.All(read, e => Assert.False(string.IsNullOrEmpty(e.Statement)));
        }
    }

    [Fact]
    public void Events_DamagedGzip_KeepsWhatWasReadAndSaysWhere()
    {
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.NoCompression, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Good, 2000))));
        var bytes = compressed.ToArray();
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        var (read, reader) = Read(bytes);
        Assert.InRange(read.Count, 1, 1999);
        Assert.Contains(reader.Problems, p => p.Code is "damaged-gzip" or "skipped-event" or "stray-text");
    }

    [Fact]
    public void Events_InvalidUtf8InAStatement_IsReadWithReplacementCharacters()
    {
        var bytes = Encoding.UTF8.GetBytes(Good.Replace("SELECT 1", "SELECT 'caf\u00e9'", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf(0xC3);
        bytes.RemoveRange(at, 2);
        bytes.InsertRange(at, [0xC3, 0x28, 0xFF]);
        var e = Assert.Single(Read([.. bytes]).Events);
        Assert.Contains('\uFFFD', e.Statement);
        Assert.Equal("select ?", Hypercare.Databases.Fingerprints.Fingerprint.Of(e.Statement));
    }

    [Fact]
    public void Events_TenMegabyteInsert_IsReadAndFingerprinted()
    {
        var big = "INSERT INTO t (a, b) VALUES " + string.Join(",", Enumerable.Range(0, 600_000).Select(i => $"({i},'v{i}')"));
        Assert.True(big.Length > 10_000_000);
        var e = Assert.Single(Read(Good.Replace("SELECT 1", big, StringComparison.Ordinal)).Events);
        Assert.Equal("insert into t (a, b) values(?+)", Hypercare.Databases.Fingerprints.Fingerprint.Of(e.Statement));
    }

    [Fact]
    public void Digest_RandomlyDamagedLogs_NeverThrow()
    {
        var random = new Random(42);
        var log = Encoding.UTF8.GetBytes(new Digest.SlowLogGenerator(9, Digest.LogShape.Mixed).Write(300));
        byte[] noise = [(byte)'\n', (byte)'#', (byte)' ', (byte)';', (byte)'\'', 0, 0xFF, (byte)':'];
        for (var round = 0; round < 100; round++)
        {
            var damaged = (byte[])log.Clone();
            for (var i = 0; i < 20; i++) damaged[random.Next(damaged.Length)] = random.Next(2) == 0 ? noise[random.Next(noise.Length)] : (byte)random.Next(256);
            var reader = new SlowLogReader(new MemoryStream(damaged[..random.Next(damaged.Length / 2, damaged.Length)]), "damaged.log");
            var report = QueryDigest.FromEvents(reader.Events());
            Assert.True(report.Events + reader.SkippedEvents > 0);
        }
    }

    [Fact]
    public void Events_EmptyLog_HasNoEventsAndNoProblems()
    {
        var (read, reader) = Read([]);
        Assert.Empty(read);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Digest_MixedFormats_CountsSkippedAndReportsTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("mixed.log");
        File.WriteAllText(path, "2017-09-06 08:48:45 CEST [1]: LOG:  duration: 1.0 ms  statement: SELECT 1\n" + Good + "# Query_time: 0.1\nSELECT");
        var report = QueryDigest.Read([path]);
        Assert.Equal(1, report.Events);
        Assert.Equal(1, report.SkippedEvents);
        Assert.Equal(1, report.StrayLines);
        Assert.All(report.Problems, p => Assert.Equal(path, p.Location!.File));
    }
}
