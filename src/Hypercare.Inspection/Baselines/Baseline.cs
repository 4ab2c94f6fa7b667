using Hypercare.Core.Problems;
using Hypercare.Core.Yaml;
using NodaTime;

namespace Hypercare.Inspection.Baselines;

/// <summary>
/// A finding the team accepted: which rule, on which resource (or on every resource when none is named), why, who
/// accepted it and until when. An accepted finding stops counting after its expiry date and comes back.
/// </summary>
/// <param name="Rule">The rule's id.</param>
/// <param name="Resource">The resource's address, or null for every resource the rule finds.</param>
/// <param name="Reason">Why it is accepted.</param>
/// <param name="AcceptedBy">Who accepted it, if recorded.</param>
/// <param name="Expires">The last day (UTC) the acceptance holds.</param>
/// <param name="Location">Where the entry is written.</param>
public sealed record AcceptedFinding(string Rule, string? Resource, string Reason, string? AcceptedBy, LocalDate Expires, SourceLocation Location)
{
    /// <summary>Whether the entry covers the finding.</summary>
    public bool Covers(Finding finding) => finding.Rule.Id == Rule && (Resource is null || Resource == finding.Resource);

    /// <summary>Whether the acceptance still holds on the day of <paramref name="now"/> (UTC).</summary>
    public bool HoldsOn(DateTimeOffset now) => LocalDate.FromDateTime(now.UtcDateTime) <= Expires;
}

/// <summary>The findings after a baseline: what still counts, what was accepted and why, what came back because its acceptance expired, and entries that matched nothing.</summary>
/// <param name="Findings">The findings that count.</param>
/// <param name="Accepted">Findings the baseline suppresses, with the entry that does.</param>
/// <param name="Expired">Findings whose acceptance expired: they count again, listed here with the expired entry.</param>
/// <param name="Unused">Entries that matched no finding (fixed, renamed, or misspelt).</param>
public sealed record BaselineResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<(Finding Finding, AcceptedFinding Entry)> Accepted,
    IReadOnlyList<(Finding Finding, AcceptedFinding Entry)> Expired,
    IReadOnlyList<AcceptedFinding> Unused);

/// <summary>
/// A baseline file: findings the team accepted for this event, each with a reason and an expiry, so that a CI gate
/// fails only on what is new. Written in YAML:
/// <code>
/// accepted:
///   - rule: HC-ALI-SEC-001
///     resource: alicloud_security_group_rule.bastion_ssh
///     reason: the bastion's SSH is limited by the cloud firewall in front of it
///     accepted_by: Lena Fischer
///     expires: 2027-12-08
/// </code>
/// </summary>
public sealed class Baseline
{
    /// <summary>The longest an acceptance may run: a baseline is for one event, not forever.</summary>
    public static readonly Period MaximumTerm = Period.FromDays(366);

    private Baseline(IReadOnlyList<AcceptedFinding> entries) => Entries = entries;

    /// <summary>The accepted findings.</summary>
    public IReadOnlyList<AcceptedFinding> Entries { get; }

    /// <summary>An empty baseline.</summary>
    public static Baseline Empty { get; } = new([]);

    /// <summary>Reads a baseline file; every mistake is reported with its line and column.</summary>
    /// <exception cref="BadInputException">The file is not a valid baseline.</exception>
    public static Baseline Parse(string file, string text, IEnumerable<string> knownRules, DateTimeOffset now)
    {
        var known = knownRules.ToHashSet(StringComparer.Ordinal);
        var (doc, root) = YamlDocumentReader.Parse(file, text);
        var entries = new List<AcceptedFinding>();
        if (doc.Map(root, "") is { } top)
        {
            var today = LocalDate.FromDateTime(now.UtcDateTime);
            entries.AddRange(top.ListOfMaps("accepted", e =>
            {
                var rule = e.Text("rule", required: true, hint: "the rule's id, e.g. HC-ALI-SEC-001");
                if (rule is not null && !known.Contains(rule))
                    e.Error("rule", "unknown-rule", $"'{rule}' is not a rule of this version", "copy the id from hypercare inspect's output or docs/inspection.md");
                var resource = e.Text("resource");
                var reason = e.Text("reason", required: true, hint: "say why the finding is acceptable for this event");
                if (reason is { Length: < 10 })
                    e.Error("reason", "impossible-value", $"'{reason}' does not say why", "write a sentence someone can check, e.g. what else mitigates the risk");
                var by = e.Text("accepted_by");
                var expires = e.Date("expires", required: true, hint: "the last day the acceptance holds, e.g. 2027-12-08; at most a year ahead");
                if (expires is { } x && x > today.Plus(MaximumTerm))
                    e.Error("expires", "impossible-value", $"{x:yyyy-MM-dd} is more than a year ahead", "accept a finding for the event at hand, at most a year; renew it when it is still true");
                return rule is not null && reason is not null && expires is { } day ? new AcceptedFinding(rule, resource, reason, by, day, e.At("rule")) : null;
            }, required: true, hint: "list the accepted findings with rule, resource, reason and expires"));
            top.Done();
        }
        doc.ThrowIfAny();
        return new Baseline(entries);
    }

    /// <summary>Reads a baseline file from disk.</summary>
    /// <exception cref="BadInputException">The file is missing or not a valid baseline.</exception>
    public static Baseline Load(string path, IEnumerable<string> knownRules, DateTimeOffset now)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException("unreadable-file", $"cannot read the baseline {path}: {e.Message}", "give the path of a readable YAML file", new SourceLocation(path, 0, 0, null));
        }
        return Parse(path, text, knownRules, now);
    }

    /// <summary>
    /// Splits findings into those that count and those accepted. Only failures are accepted; a finding that could not
    /// be verified stays, since nobody can accept what was not seen.
    /// </summary>
    public BaselineResult Apply(IReadOnlyList<Finding> findings, DateTimeOffset now)
    {
        var counted = new List<Finding>();
        var accepted = new List<(Finding, AcceptedFinding)>();
        var expired = new List<(Finding, AcceptedFinding)>();
        var used = new HashSet<AcceptedFinding>();
        foreach (var f in findings)
        {
            var entry = f.Outcome == Outcome.Fail ? Entries.FirstOrDefault(e => e.Covers(f) && e.HoldsOn(now)) ?? Entries.FirstOrDefault(e => e.Covers(f)) : null;
            if (entry is null) { counted.Add(f); continue; }
            used.Add(entry);
            if (entry.HoldsOn(now)) accepted.Add((f, entry));
            else { expired.Add((f, entry)); counted.Add(f); }
        }
        return new BaselineResult(counted, accepted, expired, Entries.Where(e => !used.Contains(e)).ToList());
    }
}
