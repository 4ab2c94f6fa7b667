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

    public Task<Engagement> GetAsync(string id, CancellationToken cancellationToken) => Store.GetAsync(id, cancellationToken);

    public Task SaveAsync(Engagement engagement, CancellationToken cancellationToken) => Store.SaveAsync(engagement, cancellationToken);

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
