using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Data;

/// <summary>One entry of the audit trail. Its hash covers its fields and the previous entry's hash.</summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3, ... with no gaps.</summary>
    public long Sequence { get; set; }
    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Who: a user's e-mail, a member's name, or a system actor.</summary>
    public string Actor { get; set; } = "";
    /// <summary>What, e.g. <c>engagement.state-changed</c> or <c>user.created</c>.</summary>
    public string Action { get; set; } = "";
    /// <summary>On what, e.g. <c>engagement/1f13aa1a-...</c>.</summary>
    public string Target { get; set; } = "";
    /// <summary>Details as JSON (never secrets).</summary>
    public string Details { get; set; } = "{}";
    /// <summary>The previous entry's hash; 64 zeros for the first.</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>SHA-256 over the canonical text of this entry, lower-case hex.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The text that is hashed: every field, one per line, in a fixed order.</summary>
    internal string CanonicalText() =>
        string.Join('\n', "hypercare-audit/1", Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            Actor, Action, Target, Details, PreviousHash);

    internal string ComputeHash() => AuditTrail.Sha256(CanonicalText());
}

/// <summary>The newest entry's sequence and hash, kept apart so that removing entries from the end shows.</summary>
public sealed class AuditHead
{
    /// <summary>Always 1: there is one head.</summary>
    public int Id { get; set; }
    /// <summary>The newest entry's sequence.</summary>
    public long Sequence { get; set; }
    /// <summary>The newest entry's hash.</summary>
    public string Hash { get; set; } = "";
}

/// <summary>A break in the chain, named so a person can find the row.</summary>
/// <param name="Sequence">The entry where the break shows.</param>
/// <param name="Kind"><c>edited</c>, <c>deleted</c>, <c>reordered</c>, <c>truncated</c> or <c>event-edited</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record AuditBreak(long Sequence, string Kind, string Message);

/// <summary>The result of verifying the trail.</summary>
public sealed record AuditVerification(long Entries, string HeadHash, IReadOnlyList<AuditBreak> Breaks)
{
    /// <summary>True when no entry was edited, deleted or reordered.</summary>
    public bool Intact => Breaks.Count == 0;
}

/// <summary>
/// The append-only, hash-chained audit trail. Appending adds the entry to the context, so it is saved in the same
/// transaction as the change it records; <see cref="VerifyAsync"/> recomputes every hash and names the first
/// edited, deleted or reordered entry, and any engagement event whose stored text no longer matches its entry.
/// </summary>
/// <remarks>
/// What it gives up: someone who can rewrite the whole table and the head together can forge a consistent chain;
/// publishing the head hash elsewhere (a ticket, an e-mail) closes that gap.
/// </remarks>
public sealed class AuditTrail(HypercareDbContext db)
{
    /// <summary>The hash before the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// Adds an entry after the current head. Call inside the transaction that saves the change; the head row's
    /// concurrency token makes a concurrent appender fail instead of forking the chain.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(string actor, string action, string target, object details, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var head = db.AuditHeads.Local.FirstOrDefault(h => h.Id == 1) ?? await db.AuditHeads.FirstOrDefaultAsync(h => h.Id == 1, cancellationToken);
        if (head is null)
        {
            head = new AuditHead { Id = 1, Sequence = 0, Hash = Genesis };
            db.AuditHeads.Add(head);
        }
        var entry = new AuditEntry
        {
            Sequence = head.Sequence + 1,
            At = at.ToUniversalTime(),
            Actor = actor,
            Action = action,
            Target = target,
            Details = details as string ?? JsonSerializer.Serialize(details),
            PreviousHash = head.Hash,
        };
        entry.Hash = entry.ComputeHash();
        head.Sequence = entry.Sequence;
        head.Hash = entry.Hash;
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Recomputes the chain and checks engagement events against the hashes their entries recorded.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == 1, cancellationToken);
        var breaks = new List<AuditBreak>();
        var previousHash = Genesis;
        long expected = 1;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expected)
            {
                breaks.Add(entry.Sequence > expected
                    ? new AuditBreak(expected, "deleted", expected == entry.Sequence - 1
                        ? $"entry {expected} is missing: it was deleted"
                        : $"entries {expected} to {entry.Sequence - 1} are missing: they were deleted")
                    : new AuditBreak(entry.Sequence, "reordered", $"entry {entry.Sequence} appears out of order"));
                expected = entry.Sequence;
            }
            else if (entry.PreviousHash != previousHash)
            {
                breaks.Add(new AuditBreak(entry.Sequence, "edited", $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: the earlier entry was edited or replaced"));
            }
            if (entry.ComputeHash() != entry.Hash)
                breaks.Add(new AuditBreak(entry.Sequence, "edited", $"entry {entry.Sequence} ({entry.At:u}, {entry.Actor}, {entry.Action}) was edited: its content no longer matches its hash"));
            previousHash = entry.Hash;
            expected++;
        }
        var last = entries.Count == 0 ? 0 : entries[^1].Sequence;
        if (head is not null && (head.Sequence != last || head.Hash != previousHash))
        {
            breaks.Add(head.Sequence > last
                ? new AuditBreak(last + 1, "truncated", $"the newest entries were deleted: the trail ends at {last} but its head says {head.Sequence}")
                : new AuditBreak(head.Sequence, "edited", $"the head (entry {head.Sequence}) does not match the newest entry {last}"));
        }
        else if (head is null && entries.Count > 0)
        {
            breaks.Add(new AuditBreak(1, "truncated", "the trail's head row is missing"));
        }
        await VerifyEngagementEventsAsync(entries, breaks, cancellationToken);
        return new AuditVerification(entries.Count, previousHash, breaks.OrderBy(b => b.Sequence).ToList());
    }

    private async Task VerifyEngagementEventsAsync(List<AuditEntry> entries, List<AuditBreak> breaks, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<(Guid, int), (long Entry, string Hash)>();
        foreach (var entry in entries.Where(e => e.Action.StartsWith("engagement.", StringComparison.Ordinal)))
        {
            EngagementAuditDetails? details;
            try
            {
                details = JsonSerializer.Deserialize<EngagementAuditDetails>(entry.Details);
            }
            catch (JsonException)
            {
                continue; // the entry's own hash check already reports an edited entry
            }
            if (details?.Events is null) continue;
            foreach (var e in details.Events) recorded[(details.Engagement, e.Sequence)] = (entry.Sequence, e.Sha256);
        }
        var rows = await db.EngagementEvents.AsNoTracking().Select(e => new { e.EngagementId, e.Sequence, e.Payload }).ToListAsync(cancellationToken);
        var present = new HashSet<(Guid, int)>();
        foreach (var row in rows)
        {
            present.Add((row.EngagementId, row.Sequence));
            if (!recorded.TryGetValue((row.EngagementId, row.Sequence), out var audit))
            {
                breaks.Add(new AuditBreak(0, "unrecorded", $"engagement {row.EngagementId} event {row.Sequence} has no audit entry: it was added outside Hypercare"));
                continue;
            }
            if (Sha256(row.Payload) != audit.Hash)
                breaks.Add(new AuditBreak(audit.Entry, "event-edited", $"engagement {row.EngagementId} event {row.Sequence} was edited after audit entry {audit.Entry} recorded it"));
        }
        foreach (var ((engagement, sequence), audit) in recorded)
            if (!present.Contains((engagement, sequence)))
                breaks.Add(new AuditBreak(audit.Entry, "event-deleted", $"engagement {engagement} event {sequence}, recorded by audit entry {audit.Entry}, was deleted"));
    }

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>What an engagement change's audit entry records: which events, and the hash of each one's stored text.</summary>
public sealed record EngagementAuditDetails(Guid Engagement, IReadOnlyList<EngagementAuditEvent> Events);

/// <summary>One event in an audit entry.</summary>
public sealed record EngagementAuditEvent(int Sequence, string Type, string Sha256);
