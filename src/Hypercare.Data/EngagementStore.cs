using System.Text.Json;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Data;

/// <summary>A line of the engagement list.</summary>
public sealed record EngagementSummary(Guid Id, string Name, string Customer, string Edition, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Stores engagements as their events. Saving appends the pending events in one transaction; the unique
/// (engagement, sequence) index and the version token make a concurrent writer fail instead of interleaving.
/// </summary>
public sealed class EngagementStore(HypercareDbContext db)
{
    /// <summary>Saves the engagement's pending events (and creates its row the first time).</summary>
    /// <exception cref="RuleViolationException">Someone else changed the engagement since it was loaded.</exception>
    public async Task SaveAsync(Engagement engagement, CancellationToken cancellationToken = default)
    {
        if (engagement.PendingEvents.Count == 0) return;
        var row = await db.Engagements.FirstOrDefaultAsync(e => e.Id == engagement.Id, cancellationToken);
        var stored = engagement.StoredVersion;
        var last = engagement.PendingEvents[^1].At.ToUniversalTime();
        if (row is null)
        {
            row = new EngagementRecord { Id = engagement.Id, CreatedAt = engagement.CreatedAt.ToUniversalTime() };
            db.Engagements.Add(row);
        }
        else if (row.Version != stored)
        {
            throw new RuleViolationException("concurrent-change", $"engagement {engagement.Id} changed since it was loaded (stored version {row.Version}, expected {stored})", "load it again and repeat the action");
        }
        row.Name = engagement.Definition.Name;
        row.Customer = engagement.Definition.Customer;
        row.Edition = KebabCase.Of(engagement.Definition.Edition);
        row.State = KebabCase.Of(engagement.State);
        row.UpdatedAt = last;
        row.Version = stored + engagement.PendingEvents.Count;
        var sequence = stored;
        foreach (var e in engagement.PendingEvents)
        {
            var payload = JsonSerializer.Serialize<EngagementEvent>(e, EngagementJson.Options);
            db.EngagementEvents.Add(new EngagementEventRecord
            {
                EngagementId = engagement.Id,
                Sequence = sequence++,
                Type = TypeOf(payload),
                By = e.By,
                At = e.At.ToUniversalTime(),
                Payload = payload,
            });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new RuleViolationException("concurrent-change", $"engagement {engagement.Id} changed while saving", "load it again and repeat the action");
        }
        db.ChangeTracker.Clear();
        engagement.MarkStored();
    }

    /// <summary>Loads an engagement by id, or null.</summary>
    public async Task<Engagement?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var rows = await db.EngagementEvents.AsNoTracking()
            .Where(e => e.EngagementId == id)
            .OrderBy(e => e.Sequence)
            .Select(e => e.Payload)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return null;
        var events = new List<EngagementEvent>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                events.Add(JsonSerializer.Deserialize<EngagementEvent>(rows[i], EngagementJson.Options)!);
            }
            catch (JsonException e)
            {
                // Never replay part of a history: a state built from some of the events would be wrong without saying so.
                throw new BadInputException("stored-event-unreadable",
                    $"event {i} of engagement {id} cannot be read by this version of Hypercare: {e.Message}",
                    "open the database with the Hypercare version that wrote it, or restore it from a backup",
                    SourceLocation.ForField($"engagement_events[{id}/{i}]"));
            }
        }
        return Engagement.Replay(id, events);
    }

    /// <summary>
    /// Loads an engagement by its id or a unique prefix of it (as the CLI shows them).
    /// </summary>
    /// <exception cref="BadInputException">No engagement, or more than one, matches.</exception>
    public async Task<Engagement> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var text = idOrPrefix.Trim().ToLowerInvariant();
        if (Guid.TryParse(text, out var id))
            return await FindAsync(id, cancellationToken) ?? throw NotFound(idOrPrefix);
        if (text.Length < 4 || !text.All(Uri.IsHexDigit))
            throw new BadInputException("invalid-id", $"'{idOrPrefix}' is not an engagement id", "give the id or at least its first 4 characters, as 'hypercare engagement list' shows them", SourceLocation.ForField("id"));
        var ids = await db.Engagements.AsNoTracking().Select(e => e.Id).ToListAsync(cancellationToken);
        var matches = ids.Where(i => i.ToString().StartsWith(text, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            0 => throw NotFound(idOrPrefix),
            1 => (await FindAsync(matches[0], cancellationToken))!,
            _ => throw new BadInputException("ambiguous-id", $"'{idOrPrefix}' matches {matches.Count} engagements", "give more characters of the id", SourceLocation.ForField("id")),
        };
    }

    /// <summary>All engagements, newest first.</summary>
    public async Task<IReadOnlyList<EngagementSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Engagements.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.CreatedAt)
            .Select(r => new EngagementSummary(r.Id, r.Name, r.Customer, r.Edition, r.State, r.CreatedAt, r.UpdatedAt))
            .ToList();
    }

    private static BadInputException NotFound(string id) =>
        new("engagement-not-found", $"no engagement '{id}' in this database", "list them with: hypercare engagement list (check --db)", SourceLocation.ForField("id"));

    private static string TypeOf(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.GetProperty("type").GetString() ?? "";
    }
}
