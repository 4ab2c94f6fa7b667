using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.WorkPlans;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Data.Tests;

/// <summary>The repository's behaviour, run once per provider by the classes at the end of this file.</summary>
public abstract class EngagementStoreContract
{
    /// <summary>"sqlite" or "postgres".</summary>
    protected abstract string Provider { get; }

    private static readonly DateTimeOffset T0 = new(2027, 9, 1, 14, 0, 0, TimeSpan.FromHours(-4));

    private static Engagement Sample()
    {
        var file = EngagementFileLoader.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml"));
        return Engagement.Create(Guid.NewGuid(), file.Definition, "Ravi Menon", T0);
    }

    protected async Task TransitionsSurviveARestart()
    {
        await using var database = await DatabaseProviders.CreateAsync(Provider);
        var engagement = Sample();
        engagement.AcceptRequest("Ravi Menon", T0.AddDays(2), BusinessCalendars.Resolve("US", null));
        engagement.Advance(EngagementState.Ordered, "Ravi Menon", T0.AddDays(30), "order 4711");
        engagement.Advance(EngagementState.Preparation, "Lena Fischer", T0.AddDays(30));
        foreach (var kind in Consent.NeededForImplementation) engagement.ProvidePrerequisite(kind, "Dana Whitfield", T0.AddDays(31));
        engagement.AddPlanItem("Workshop", ServiceKind.ReadinessAssessment, Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8), "Ravi Menon", T0.AddDays(31));
        engagement.ConfirmPlan("Dana Whitfield", T0.AddDays(32), ConfirmationChannel.Email, "<plan@shop.example>");
        engagement.Advance(EngagementState.Implementation, "Ravi Menon", T0.AddDays(33));

        await using (var db = await HypercareDatabase.OpenAsync(database.Connection))
        {
            await new EngagementStore(db).SaveAsync(engagement);
        }
        Assert.Empty(engagement.PendingEvents);

        // A new process: a new context over the same database.
        await using (var db = await HypercareDatabase.OpenAsync(database.Connection))
        {
            var loaded = await new EngagementStore(db).FindAsync(engagement.Id);
            Assert.NotNull(loaded);
            Assert.Equal(EngagementState.Implementation, loaded.State);
            Assert.Equal(
                [(EngagementState.PreSales, EngagementState.Ordered, "Ravi Menon", "order 4711"), (EngagementState.Ordered, EngagementState.Preparation, "Lena Fischer", null), (EngagementState.Preparation, EngagementState.Implementation, "Ravi Menon", null)],
                loaded.Transitions.Select(t => (t.From, t.To, t.By, t.Reason)));
            Assert.Equal(T0.AddDays(30), loaded.Transitions[0].At);
            Assert.Equal(engagement.CurrentPlan!.Sha256, loaded.CurrentPlan!.Confirmation!.Sha256);
            Assert.Equal(engagement.History.Count, loaded.StoredVersion);

            var summary = Assert.Single(await new EngagementStore(db).ListAsync(CancellationToken.None));
            Assert.Equal(("implementation", "standard", "Sample Shop Inc."), (summary.State, summary.Edition, summary.Customer));
        }
    }

    protected async Task SaveAfterSomeoneElseSavedIsRefusedAndLosesNothing()
    {
        await using var database = await DatabaseProviders.CreateAsync(Provider);
        var engagement = Sample();
        await using (var db = await HypercareDatabase.OpenAsync(database.Connection)) await new EngagementStore(db).SaveAsync(engagement);

        await using var first = await HypercareDatabase.OpenAsync(database.Connection);
        await using var second = await HypercareDatabase.OpenAsync(database.Connection);
        var a = await new EngagementStore(first).FindAsync(engagement.Id);
        var b = await new EngagementStore(second).FindAsync(engagement.Id);
        a!.AcceptRequest("Ravi Menon", T0, BusinessCalendars.Resolve("US", null));
        b!.Advance(EngagementState.Cancelled, "Ravi Menon", T0, "budget cut");
        await new EngagementStore(first).SaveAsync(a);
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => new EngagementStore(second).SaveAsync(b));
        Assert.Equal("concurrent-change", refusal.Problems[0].Code);

        await using var third = await HypercareDatabase.OpenAsync(database.Connection);
        var stored = await new EngagementStore(third).FindAsync(engagement.Id);
        Assert.NotNull(stored!.Decision);
        Assert.Equal(EngagementState.PreSales, stored.State);
    }

    protected async Task GetByPrefixFindsOneAndNamesMissingOnes()
    {
        await using var database = await DatabaseProviders.CreateAsync(Provider);
        await using var db = await HypercareDatabase.OpenAsync(database.Connection);
        var store = new EngagementStore(db);
        var engagement = Sample();
        await store.SaveAsync(engagement);
        Assert.Equal(engagement.Id, (await store.GetAsync(engagement.Id.ToString()[..8])).Id);
        var missing = await Assert.ThrowsAsync<BadInputException>(() => store.GetAsync("ffffffff"));
        Assert.Equal("engagement-not-found", missing.Problems[0].Code);
        Assert.Equal("invalid-id", (await Assert.ThrowsAsync<BadInputException>(() => store.GetAsync("x"))).Problems[0].Code);
    }

    protected async Task OpenAppliesEveryMigration()
    {
        await using var database = await DatabaseProviders.CreateAsync(Provider);
        await using var db = await HypercareDatabase.OpenAsync(database.Connection);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }
}

public sealed class SqliteEngagementStoreTests : EngagementStoreContract
{
    protected override string Provider => "sqlite";

    [Fact] public Task Transitions_SurviveARestart() => TransitionsSurviveARestart();
    [Fact] public Task Save_AfterSomeoneElseSaved_IsRefusedAndLosesNothing() => SaveAfterSomeoneElseSavedIsRefusedAndLosesNothing();
    [Fact] public Task GetAsync_ByPrefix_FindsOne_AndNamesMissingOnes() => GetByPrefixFindsOneAndNamesMissingOnes();
    [Fact] public Task Open_AppliesEveryMigration() => OpenAppliesEveryMigration();
}

public sealed class PostgresEngagementStoreTests : EngagementStoreContract
{
    protected override string Provider => "postgres";

    [PostgresFact] public Task Transitions_SurviveARestart() => TransitionsSurviveARestart();
    [PostgresFact] public Task Save_AfterSomeoneElseSaved_IsRefusedAndLosesNothing() => SaveAfterSomeoneElseSavedIsRefusedAndLosesNothing();
    [PostgresFact] public Task GetAsync_ByPrefix_FindsOne_AndNamesMissingOnes() => GetByPrefixFindsOneAndNamesMissingOnes();
    [PostgresFact] public Task Open_AppliesEveryMigration() => OpenAppliesEveryMigration();
}

public class HypercareDatabaseTests
{
    [Fact]
    public async Task Open_Sqlite_UsesWriteAheadLogging()
    {
        await using var database = await DatabaseProviders.CreateAsync("sqlite");
        await using var db = await HypercareDatabase.OpenAsync(database.Connection);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Open_UnreachablePostgres_IsABadInputWithAHint()
    {
        var e = await Assert.ThrowsAsync<BadInputException>(() => HypercareDatabase.OpenAsync("Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=2"));
        Assert.Equal("database-unavailable", e.Problems[0].Code);
        Assert.Contains("PostgreSQL connection string", e.Problems[0].Hint);
    }

    [Fact]
    public async Task Open_SqliteInAMissingDirectory_IsABadInput()
    {
        var e = await Assert.ThrowsAsync<BadInputException>(() => HypercareDatabase.OpenAsync("/nonexistent-dir/sub/hypercare.db"));
        Assert.Equal("database-unavailable", e.Problems[0].Code);
    }
}

public class PostgresUrlTests
{
    [Fact]
    public void FromUrl_TurnsAUrlIntoKeyValueSettings()
    {
        var text = HypercareDatabase.FromUrl("postgres://app%40ops:s3cr%3At@db.internal:6543/hyper_care?sslmode=require");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(text);
        Assert.Equal(("db.internal", 6543, "hyper_care", "app@ops", "s3cr:t", Npgsql.SslMode.Require), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SslMode));
        Assert.Equal(DatabaseProvider.Postgres, HypercareDatabase.ProviderOf("postgresql://h/db"));
    }

    [Fact]
    public void FromUrl_UnknownParameter_IsABadInputThatHidesThePassword()
    {
        var e = Assert.Throws<BadInputException>(() => HypercareDatabase.FromUrl("postgres://u:hunter2@h/db?weird=1"));
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.Equal("postgres://u:***@h/db?weird=1", HypercareDatabase.Redact("postgres://u:hunter2@h/db?weird=1"));
        Assert.Equal("Host=h;Password=***;Username=u", HypercareDatabase.Redact("Host=h;Password=hunter2;Username=u"));
    }
}
