using System.CommandLine;
using Hypercare.Data;
using Hypercare.Engagements.Lifecycle;

namespace Hypercare.Cli.Commands;

/// <summary>An open database and its engagement store for one command.</summary>
internal sealed class EngagementSession : IAsyncDisposable
{
    private readonly HypercareDbContext _db;

    private EngagementSession(HypercareDbContext db)
    {
        _db = db;
        Store = new EngagementStore(db);
    }

    public EngagementStore Store { get; }

    public static async Task<EngagementSession> OpenAsync(ParseResult parse, CancellationToken cancellationToken) =>
        new(await HypercareDatabase.OpenAsync(parse.GetValue(CliOptions.Database)!, cancellationToken));

    public static async Task<EngagementSession> OpenAsync(string database, CancellationToken cancellationToken) =>
        new(await HypercareDatabase.OpenAsync(database, cancellationToken));

    /// <summary>
    /// The shape of every command that changes an engagement: load it, apply the change (which checks the rules
    /// and returns what to tell the user), store the new events, then report. Nothing is reported unless stored.
    /// </summary>
    public static async Task<int> UpdateAsync(CliContext context, ParseResult parse, Argument<string> id, Func<Engagement, string> change, CancellationToken cancellationToken)
    {
        await using var session = await OpenAsync(parse, cancellationToken);
        var engagement = await session.GetAsync(parse.GetValue(id)!, cancellationToken);
        var report = change(engagement);
        await session.SaveAsync(engagement, cancellationToken);
        context.Out.WriteLine(report);
        return 0;
    }

    public Task<Engagement> GetAsync(string id, CancellationToken cancellationToken) => Store.GetAsync(id, cancellationToken);

    public Task SaveAsync(Engagement engagement, CancellationToken cancellationToken) => Store.SaveAsync(engagement, cancellationToken: cancellationToken);

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
