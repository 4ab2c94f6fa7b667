using Hypercare.Core.Calendar;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Data.Tests;

/// <summary>The audit trail's tamper checks, run once per provider by the classes at the end of this file.</summary>
public abstract class AuditTrailContract
{
    protected abstract string Provider { get; }

    private static readonly DateTimeOffset T0 = new(2027, 9, 1, 14, 0, 0, TimeSpan.Zero);

    /// <summary>A database with one engagement saved three times (three audit entries) and one account entry.</summary>
    private async Task<TestDatabase> SeededAsync()
    {
        var database = await DatabaseProviders.CreateAsync(Provider);
        var file = EngagementFileLoader.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml"));
        var engagement = Engagement.Create(Guid.NewGuid(), file.Definition, "Ravi Menon", T0);
        await using var db = await HypercareDatabase.OpenAsync(database.Connection);
        var store = new EngagementStore(db);
        await store.SaveAsync(engagement);
        engagement.AcceptRequest("Ravi Menon", T0.AddDays(1), BusinessCalendars.Resolve("US", null));
        await store.SaveAsync(engagement, "ravi.menon@hypercare.example");
        engagement.Advance(EngagementState.Ordered, "Ravi Menon", T0.AddDays(30), "order placed");
        await store.SaveAsync(engagement);
        await new AuditTrail(db).AppendAsync("admin@hypercare.example", "user.created", "user/dana", new { email = "dana.whitfield@shop.example" }, T0.AddDays(31));
        await db.SaveChangesAsync();
        return database;
    }

    private static async Task<AuditVerification> Verify(TestDatabase database)
    {
        await using var db = await HypercareDatabase.OpenAsync(database.Connection);
        return await new AuditTrail(db).VerifyAsync();
    }

    private static async Task Sql(TestDatabase database, string sql)
    {
        await using var db = await HypercareDatabase.OpenAsync(database.Connection);
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    protected async Task UntouchedTrailIsIntact()
    {
        await using var database = await SeededAsync();
        var result = await Verify(database);
        Assert.True(result.Intact, string.Join("; ", result.Breaks));
        Assert.Equal(4, result.Entries);
    }

    protected async Task EditedEntryIsNamed()
    {
        await using var database = await SeededAsync();
        await Sql(database, "UPDATE audit_entries SET actor = 'someone else' WHERE sequence = 2");
        var result = await Verify(database);
        var broken = Assert.Single(result.Breaks);
        Assert.Equal((2L, "edited"), (broken.Sequence, broken.Kind));
        Assert.Contains("entry 2", broken.Message);
    }

    protected async Task DeletedEntryIsNamed()
    {
        await using var database = await SeededAsync();
        await Sql(database, "DELETE FROM audit_entries WHERE sequence = 2");
        var result = await Verify(database);
        Assert.Contains(result.Breaks, b => b is { Sequence: 2, Kind: "deleted" } && b.Message == "entry 2 is missing: it was deleted");
    }

    protected async Task DeletedNewestEntryIsNamed()
    {
        await using var database = await SeededAsync();
        await Sql(database, "DELETE FROM audit_entries WHERE sequence = 4");
        var result = await Verify(database);
        Assert.Contains(result.Breaks, b => b is { Sequence: 4, Kind: "truncated" });
    }

    protected async Task EditedEngagementEventIsNamed()
    {
        await using var database = await SeededAsync();
        await Sql(database, "UPDATE engagement_events SET payload = replace(payload, 'order placed', 'never ordered') WHERE sequence = 2");
        var result = await Verify(database);
        var broken = Assert.Single(result.Breaks);
        Assert.Equal((3L, "event-edited"), (broken.Sequence, broken.Kind));
        Assert.Contains("event 2 was edited after audit entry 3 recorded it", broken.Message);
    }

    protected async Task DeletedEngagementEventIsNamed()
    {
        await using var database = await SeededAsync();
        await Sql(database, "DELETE FROM engagement_events WHERE sequence = 1");
        var result = await Verify(database);
        Assert.Contains(result.Breaks, b => b.Kind == "event-deleted" && b.Message.Contains("event 1, recorded by audit entry 2, was deleted", StringComparison.Ordinal));
    }
}

public sealed class SqliteAuditTrailTests : AuditTrailContract
{
    protected override string Provider => "sqlite";

    [Fact] public Task UntouchedTrail_IsIntact() => UntouchedTrailIsIntact();
    [Fact] public Task EditedEntry_IsNamed() => EditedEntryIsNamed();
    [Fact] public Task DeletedEntry_IsNamed() => DeletedEntryIsNamed();
    [Fact] public Task DeletedNewestEntry_IsNamed() => DeletedNewestEntryIsNamed();
    [Fact] public Task EditedEngagementEvent_IsNamed() => EditedEngagementEventIsNamed();
    [Fact] public Task DeletedEngagementEvent_IsNamed() => DeletedEngagementEventIsNamed();
}

public sealed class PostgresAuditTrailTests : AuditTrailContract
{
    protected override string Provider => "postgres";

    [PostgresFact] public Task UntouchedTrail_IsIntact() => UntouchedTrailIsIntact();
    [PostgresFact] public Task EditedEntry_IsNamed() => EditedEntryIsNamed();
    [PostgresFact] public Task DeletedEntry_IsNamed() => DeletedEntryIsNamed();
    [PostgresFact] public Task DeletedNewestEntry_IsNamed() => DeletedNewestEntryIsNamed();
    [PostgresFact] public Task EditedEngagementEvent_IsNamed() => EditedEngagementEventIsNamed();
    [PostgresFact] public Task DeletedEngagementEvent_IsNamed() => DeletedEngagementEventIsNamed();
}
