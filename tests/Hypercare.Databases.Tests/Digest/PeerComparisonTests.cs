using System.Globalization;
using System.Text.Json;
using Hypercare.Databases.Digest;

namespace Hypercare.Databases.Tests.Digest;

/// <summary>
/// The digest against pt-query-digest 3.2.1 on the same generated logs: the same query IDs, the same number of
/// events and the same total query time per class. These tests run the peer as a process.
/// </summary>
public class PeerComparisonTests
{
    [PerconaFact]
    public void Digest_MySql51Log_MatchesPtQueryDigest() => Compare(1, LogShape.MySql51, 1500);

    [PerconaFact]
    public void Digest_MySql57Log_MatchesPtQueryDigest() => Compare(2, LogShape.MySql57, 1500);

    [PerconaFact]
    public void Digest_PerconaExtendedLog_MatchesPtQueryDigest() => Compare(3, LogShape.Percona, 1500);

    [PerconaFact]
    public void Digest_MySql80LogSlowExtra_MatchesPtQueryDigest() => Compare(4, LogShape.MySql80Extra, 1500);

    [PerconaFact]
    public void Digest_MixedShapesWithBanners_MatchesPtQueryDigest() => Compare(5, LogShape.Mixed, 3000);

    [PerconaFact]
    public void Digest_TheShopsSlowLog_MatchesPtQueryDigest() =>
        Compare(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "slow.log"), minimumClasses: 5);

    private static void Compare(int seed, LogShape shape, int events)
    {
        using var folder = new TempFolder();
        var path = folder.File($"slow-{shape}.log");
        File.WriteAllText(path, new SlowLogGenerator(seed, shape).Write(events));
        // HYPERCARE_KEEP_LOGS=DIR keeps the generated logs, to run pt-query-digest on them by hand when a comparison fails.
        if (Environment.GetEnvironmentVariable("HYPERCARE_KEEP_LOGS") is { } keep) File.Copy(path, Path.Combine(keep, Path.GetFileName(path)), true);
        Compare(path, minimumClasses: 50);
    }

    internal static void Compare(string path, int minimumClasses)
    {
        var ours = QueryDigest.Read([path]);
        var peer = PeerClasses(PerconaToolkit.Run("pt-query-digest", "--output", "json", "--limit", "100%:100000", "--no-version-check", path));

        Assert.Equal(0, ours.SkippedEvents);
        Assert.True(ours.Classes.Count >= minimumClasses, $"only {ours.Classes.Count} classes");
        var mine = ours.Classes.ToDictionary(c => c.QueryId);
        var missing = peer.Keys.Except(mine.Keys).Select(id => $"{id} {peer[id].Fingerprint}").ToList();
        var extra = mine.Keys.Except(peer.Keys).Select(id => $"{id} {mine[id].Fingerprint}").ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"pt only:\n{string.Join('\n', missing)}\nours only:\n{string.Join('\n', extra)}");
        foreach (var (id, p) in peer)
        {
            Assert.True(p.Count == mine[id].Calls, $"{id} {p.Fingerprint}: pt counts {p.Count}, we count {mine[id].Calls}");
            Assert.True(Math.Abs(p.Total - mine[id].QueryTime.Total) < 0.0000015, $"{id} {p.Fingerprint}: pt total {p.Total}, ours {mine[id].QueryTime.Total}");
        }
    }

    private sealed record PeerClass(string Fingerprint, long Count, double Total);

    private static Dictionary<string, PeerClass> PeerClasses(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("classes").EnumerateArray().ToDictionary(
            c => c.GetProperty("checksum").GetString()!,
            c => new PeerClass(
                c.GetProperty("fingerprint").GetString()!,
                c.GetProperty("query_count").GetInt64(),
                double.Parse(c.GetProperty("metrics").GetProperty("Query_time").GetProperty("sum").GetString()!, CultureInfo.InvariantCulture)));
    }
}
