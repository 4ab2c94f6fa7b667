using System.Text.Json;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using static Hypercare.Engagements.Tests.TestEngagements;

namespace Hypercare.Engagements.Tests.Lifecycle;

public class ReplayTests
{
    [Fact]
    public void Replay_OfSerializedEvents_RebuildsTheSameEngagement()
    {
        var e = InImplementation();
        e.RecordRegisterEntry(Register.RegisterKind.Risk, "Campaign may double", Register.Severity.High, null, CustomerPm, Ordered);
        var json = e.History.Select(x => JsonSerializer.Serialize(x, EngagementJson.Options)).ToList();
        var replayed = Engagement.Replay(e.Id, json.Select(j => JsonSerializer.Deserialize<EngagementEvent>(j, EngagementJson.Options)!));

        Assert.Equal(
            JsonSerializer.Serialize(e.Snapshot(DuringEvent), EngagementJson.Options),
            JsonSerializer.Serialize(replayed.Snapshot(DuringEvent), EngagementJson.Options));
        Assert.Empty(replayed.PendingEvents);
        Assert.Equal(e.History.Count, replayed.StoredVersion);
    }

    [Fact]
    public void Events_SerializeWithKebabCaseTypesAndSnakeCaseFields()
    {
        var e = NewSample();
        e.AcceptRequest(ProviderPm, Created, Us, "ok");
        var json = JsonSerializer.Serialize(e.History[^1], EngagementJson.Options);
        Assert.Equal("{\"type\":\"request-accepted\",\"note\":\"ok\",\"by\":\"Ravi Menon\",\"at\":\"2027-09-01T14:00:00+00:00\"}", json);
    }
}

public class StrictJsonTests
{
    [Fact]
    public void Read_AnUnknownProperty_IsAnError_NotSilentlyDropped()
    {
        const string json = "{\"type\":\"request-accepted\",\"note\":\"ok\",\"by\":\"Ravi Menon\",\"at\":\"2027-09-01T14:00:00+00:00\",\"calendar_file\":\"x.yaml\"}";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EngagementEvent>(json, EngagementJson.Options));
    }

    [Fact]
    public void Durations_AreWrittenAsInTheEngagementFile()
    {
        var slo = new Objectives.LatencySlo(99, TimeSpan.FromMilliseconds(300));
        var json = JsonSerializer.Serialize(slo, EngagementJson.Options);
        Assert.Equal("{\"percentile\":99,\"threshold\":\"300ms\"}", json);
        Assert.Equal(slo, JsonSerializer.Deserialize<Objectives.LatencySlo>(json, EngagementJson.Options));
    }
}
