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
    /// <summary>
    /// Saves the engagement's pending events (and creates its row the first time) together with one audit entry
    /// that records each event's hash, in one transaction.
    /// </summary>
    /// <param name="engagement">The engagement with pending events.</param>
    /// <param name="actor">Who is recorded in the audit trail; defaults to the last event's author.</param>
    /// <param name="organizationId">For a new engagement: the customer organization it belongs to.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <exception cref="RuleViolationException">Someone else changed the engagement since it was loaded.</exception>
    public async Task SaveAsync(Engagement engagement, string? actor = null, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        if (engagement.PendingEvents.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TrySaveAsync(engagement, actor, organizationId, cancellationToken);
                break;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                // Another writer appended to the audit trail at the same moment: the engagement itself is unchanged,
                // so try again on the new head. A changed engagement is the caller's conflict to resolve.
                var version = await db.Engagements.AsNoTracking().Where(e => e.Id == engagement.Id).Select(e => (int?)e.Version).FirstOrDefaultAsync(cancellationToken);
                var unchanged = version == (engagement.StoredVersion == 0 ? null : engagement.StoredVersion);
                if (!unchanged || attempt == 5)
                    throw new RuleViolationException("concurrent-change", $"engagement {engagement.Id} changed while saving", "load it again and repeat the action");
            }
        }
        db.ChangeTracker.Clear();
        engagement.MarkStored();
    }

    private async Task TrySaveAsync(Engagement engagement, string? actor, Guid? organizationId, CancellationToken cancellationToken)
    {
        var row = await db.Engagements.FirstOrDefaultAsync(e => e.Id == engagement.Id, cancellationToken);
        var stored = engagement.StoredVersion;
        var last = engagement.PendingEvents[^1];
        if (row is null)
        {
            row = new EngagementRecord { Id = engagement.Id, CreatedAt = engagement.CreatedAt.ToUniversalTime(), OrganizationId = organizationId };
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
        row.UpdatedAt = last.At.ToUniversalTime();
        row.Version = stored + engagement.PendingEvents.Count;
        var sequence = stored;
        var audited = new List<EngagementAuditEvent>(engagement.PendingEvents.Count);
        foreach (var e in engagement.PendingEvents)
        {
            var payload = JsonSerializer.Serialize<EngagementEvent>(e, EngagementJson.Options);
            var type = TypeOf(payload);
            audited.Add(new EngagementAuditEvent(sequence, type, AuditTrail.Sha256(payload)));
            db.EngagementEvents.Add(new EngagementEventRecord
            {
                EngagementId = engagement.Id,
                Sequence = sequence++,
                Type = type,
                By = e.By,
                At = e.At.ToUniversalTime(),
                Payload = payload,
            });
        }
        var action = stored == 0 ? "engagement.created" : $"engagement.{audited[^1].Type}";
        await new AuditTrail(db).AppendAsync(actor ?? last.By, action, $"engagement/{engagement.Id}",
            new EngagementAuditDetails(engagement.Id, audited), last.At, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
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

    /// <summary>The customer organization an engagement belongs to, or null (also when it does not exist).</summary>
    public Task<Guid?> OrganizationOfAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Engagements.AsNoTracking().Where(e => e.Id == id).Select(e => e.OrganizationId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>All engagements, newest first.</summary>
    public Task<IReadOnlyList<EngagementSummary>> ListAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    /// <summary>All engagements, newest first; with <paramref name="organizationId"/>, only that organization's.</summary>
    public async Task<IReadOnlyList<EngagementSummary>> ListAsync(Guid? organizationId, CancellationToken cancellationToken = default)
    {
        var query = db.Engagements.AsNoTracking();
        if (organizationId is { } org) query = query.Where(e => e.OrganizationId == org);
        var rows = await query.ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.CreatedAt)
            .Select(r => new EngagementSummary(r.Id, r.Name, r.Customer, r.Edition, r.State, r.CreatedAt, r.UpdatedAt))
            .ToList();
    }

    private static BadInputException NotFound(string id) =>
        new("engagement-not-found", $"no engagement '{id}' in this database", "list them with: hypercare engagement list (check --db)", SourceLocation.ForField("id"));

    internal static string TypeOf(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.GetProperty("type").GetString() ?? "";
    }
}
