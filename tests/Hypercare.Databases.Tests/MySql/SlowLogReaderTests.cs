using System.IO.Compression;
using System.Text;
using Hypercare.Databases.MySql;

namespace Hypercare.Databases.Tests.MySql;

public class SlowLogReaderTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static (List<SlowLogEvent> Events, SlowLogReader Reader) Read(string name)
    {
        using var stream = File.OpenRead(Data(name));
        var reader = new SlowLogReader(stream, name);
        return (reader.Events().ToList(), reader);
    }

    private static (List<SlowLogEvent> Events, SlowLogReader Reader) ReadText(string text, int max = 64 * 1024 * 1024)
    {
        var reader = new SlowLogReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.log", max);
        return (reader.Events().ToList(), reader);
    }

    [Fact]
    public void Events_MySql51Format_ReadsTimesUsersAndWholeSeconds()
    {
        var (events, reader) = Read("mysql51.log");
        Assert.Equal(2, events.Count);
        var first = events[0];
        Assert.Equal(new DateTimeOffset(2007, 10, 15, 1, 43, 52, TimeSpan.Zero), first.Time);
        Assert.Equal(("root", "localhost", "test"), (first.User, first.Host, first.Database));
        Assert.Equal(2.0, first.QueryTime);
        Assert.Equal("select sleep(2) from n", first.Statement);
        Assert.Equal(4, first.Line);
        Assert.Equal(0, reader.SkippedEvents);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Events_WithoutTimeLine_InheritThePreviousTime()
    {
        var (events, _) = Read("mysql51.log");
        Assert.Equal(events[0].Time, events[1].Time);
        Assert.Equal(("app", "web-1"), (events[1].User, events[1].Host));
        Assert.Equal(0.000652, events[1].QueryTime);
        Assert.Equal(0.000109, events[1].LockTime);
    }

    [Fact]
    public void Events_MySql57Format_ReadsMicrosecondsOffsetsIdsAndReplicationUser()
    {
        var (events, _) = Read("mysql57.log");
        Assert.Equal(new DateTimeOffset(2016, 7, 20, 18, 13, 25, TimeSpan.Zero).AddTicks(6984330), events[0].Time);
        Assert.Equal(3, events[0].ThreadId);
        Assert.Equal(("shop", "localhost", "shop"), (events[0].User, events[0].Host, events[0].Database));
        Assert.Equal((1000L, 2000L), (events[0].RowsSent, events[0].RowsExamined));
        Assert.Equal(new DateTimeOffset(2016, 7, 20, 18, 13, 26, 100, TimeSpan.Zero), events[1].Time);
        Assert.Equal("SQL_SLAVE", events[1].User);
        Assert.Null(events[1].Host);
    }

    [Fact]
    public void Events_PerconaExtendedLines_KeepEveryAttributeAndTakeTheSchema()
    {
        var (events, reader) = Read("percona.log");
        var e = Assert.Single(events);
        Assert.Equal("billing", e.Database);
        Assert.Equal("10.1.2.3", e.Host);
        Assert.Equal("Yes", e.Attributes["Full_scan"]);
        Assert.Equal("Yes", e.Attributes["Tmp_table_on_disk"]);
        Assert.Equal("12", e.Attributes["InnoDB_IO_r_ops"]);
        Assert.Equal("1A2B", e.Attributes["InnoDB_trx_id"]);
        Assert.Equal("0", e.Attributes["Rows_affected"]);
        Assert.Equal(90000, e.RowsExamined);
        Assert.StartsWith("SELECT customer_id", e.Statement, StringComparison.Ordinal);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Events_MySql80LogSlowExtra_KeepsTheExtraAttributes()
    {
        var e = Assert.Single(Read("mysql80-extra.log").Events);
        Assert.Equal(12, e.ThreadId);
        Assert.Equal("500001", e.Attributes["Read_rnd_next"]);
        Assert.Equal("2023-05-06T07:08:08.250001Z", e.Attributes["Start"]);
        Assert.Equal("0", e.Attributes["Errno"]);
        Assert.Equal(500000, e.RowsExamined);
    }

    [Fact]
    public void Events_LogReopenedWithBanners_ReadsAdministratorCommandsAndMultiLineStatements()
    {
        var (events, reader) = Read("reopened.log");
        Assert.Equal(3, events.Count);
        Assert.Equal("INSERT INTO orders (customer_id, total)\nVALUES (42, 19.99)", events[0].Statement);
        Assert.Equal("shop", events[0].Database);
        Assert.True(events[1].IsAdministratorCommand);
        Assert.Equal("administrator command: Quit", events[1].Statement);
        Assert.Equal(events[0].Time, events[1].Time);
        Assert.EndsWith("AND note = 'first line;\nsecond line'", events[2].Statement, StringComparison.Ordinal);
        Assert.Equal(18, events[2].Line);
        Assert.Equal(0, reader.SkippedEvents);
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Events_WithoutUse_TakeTheLastDatabaseUntilTheLogIsReopened()
    {
        var (events, _) = Read("reopened.log");
        Assert.Equal(["shop", "shop", null], events.Select(e => e.Database));
        Assert.Equal(["test", "test"], Read("mysql51.log").Events.Select(e => e.Database));
    }

    [Fact]
    public void Events_ByteOffsets_PointAtTheEventsFirstLine()
    {
        var bytes = File.ReadAllBytes(Data("reopened.log"));
        foreach (var e in Read("reopened.log").Events)
            Assert.StartsWith("# ", Encoding.UTF8.GetString(bytes, (int)e.ByteOffset, 2), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("071015 21:43:52", "2007-10-15T21:43:52+00:00")]
    [InlineData("071015  1:43:52", "2007-10-15T01:43:52+00:00")]
    [InlineData("2016-07-20T18:13:25.698433Z", "2016-07-20T18:13:25.6984330+00:00")]
    [InlineData("2016-07-20T20:13:25.5+02:00", "2016-07-20T18:13:25.5000000+00:00")]
    public void ParseTime_ServerFormats_AreRead(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SlowLogReader.ParseTime(Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("071315 21:43:52")]
    [InlineData("070230 10:00:00")]
    [InlineData("071015 25:00:00")]
    [InlineData("2016-13-20T18:13:25Z")]
    public void ParseTime_Nonsense_IsNull(string text) => Assert.Null(SlowLogReader.ParseTime(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Events_GzipInput_IsRecognisedByItsMagicBytes()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(File.ReadAllBytes(Data("reopened.log")));
        compressed.Position = 0;
        var reader = new SlowLogReader(compressed, "reopened.log.gz");
        var events = reader.Events().ToList();
        Assert.True(reader.Compressed);
        Assert.Equal(3, events.Count);
        Assert.Equal("administrator command: Quit", events[1].Statement);
    }

    [Fact]
    public void Events_CrLfLineEnds_AreRead()
    {
        var (events, _) = ReadText(File.ReadAllText(Data("mysql57.log")).Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal(2, events.Count);
        Assert.Equal("SELECT * FROM orders WHERE customer_id = 42", events[0].Statement);
    }

    [Fact]
    public void Events_SetInsertIdAndTimestamp_IsNotTheStatement()
    {
        var (events, _) = Read("reopened.log");
        Assert.StartsWith("INSERT", events[0].Statement, StringComparison.Ordinal);
    }
}
