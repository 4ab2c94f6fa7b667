using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection;

/// <summary>How much a finding matters for the event.</summary>
public enum Severity
{
    /// <summary>Worth knowing.</summary>
    Low,
    /// <summary>Fix before the event if there is time.</summary>
    Medium,
    /// <summary>Fix before the event.</summary>
    High,
    /// <summary>The event is likely to fail, or the estate is open to attack, until it is fixed.</summary>
    Critical,
}

/// <summary>What a rule looks at.</summary>
public enum Area
{
    /// <summary>Surviving the loss of an instance or a zone.</summary>
    Availability,
    /// <summary>Holding the peak.</summary>
    Capacity,
    /// <summary>Subscriptions and certificates that end before the event does.</summary>
    Expiry,
    /// <summary>Exposure to the internet and weak settings.</summary>
    Security,
    /// <summary>Backups and recovery.</summary>
    Backup,
    /// <summary>Seeing what happens.</summary>
    Observability,
}

/// <summary>Whether a resource passed, failed, or could not be judged because a value is unknown here.</summary>
public enum Outcome
{
    /// <summary>The rule's condition is not met.</summary>
    Fail,
    /// <summary>A value the rule needs is unknown (computed by the cloud, or not given): not a pass, not a fail.</summary>
    CouldNotVerify,
}

/// <summary>One finding: a rule, a resource, what is wrong (or what could not be checked), and where.</summary>
/// <param name="Rule">The rule that found it.</param>
/// <param name="Outcome">Fail or could not verify.</param>
/// <param name="Resource">The resource's address, e.g. <c>alicloud_slb_load_balancer.web</c>.</param>
/// <param name="Message">What is wrong, with the values concerned.</param>
/// <param name="Location">The file and line (configuration, manifests) or JSON path (state, plan) of the value.</param>
public sealed record Finding(Rule Rule, Outcome Outcome, string Resource, string Message, SourceLocation? Location);

/// <summary>The event's numbers the capacity and expiry rules hold resources against.</summary>
/// <param name="PeakRate">Requests per second at the peak.</param>
/// <param name="Headroom">Planned headroom above the peak (0.3 = 30%).</param>
/// <param name="PeakEgressMbps">Outbound bandwidth at the peak, in Mbit/s, if known.</param>
/// <param name="EventEnd">When the event's last key phase ends, if known.</param>
/// <param name="PerInstanceRate">Requests per second one service instance holds at the objective (from a capacity search), if known.</param>
/// <param name="PeakConcurrency">Concurrent users (or connections) at the peak, if known.</param>
/// <param name="EventStart">When the event's first key phase starts, if known.</param>
public sealed record EventTargets(double? PeakRate = null, double Headroom = 0.3, double? PeakEgressMbps = null, DateTimeOffset? EventEnd = null, double? PerInstanceRate = null, double? PeakConcurrency = null, DateTimeOffset? EventStart = null)
{
    /// <summary>No targets: capacity and expiry rules that need them say they could not verify.</summary>
    public static EventTargets None { get; } = new();
}

/// <summary>What rules see: the resource graph, the event's targets, and lookups across resources.</summary>
public sealed class InspectionContext(ResourceGraph graph, EventTargets targets)
{
    private readonly Dictionary<string, Resource> _byAddress = graph.Resources.GroupBy(r => r.Address).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private readonly ILookup<string, Resource> _byType = graph.Resources.ToLookup(r => r.Type, StringComparer.Ordinal);
    private Dictionary<string, Resource>? _byId;
    private readonly Dictionary<(string Type, string Attribute), (ILookup<string, Resource> Lookup, bool Unresolved)> _referrers = [];

    /// <summary>The resources.</summary>
    public ResourceGraph Graph { get; } = graph;

    /// <summary>The event's targets.</summary>
    public EventTargets Targets { get; } = targets;

    /// <summary>Resources of a type.</summary>
    public IEnumerable<Resource> OfType(string type) => _byType[type];

    /// <summary>Resources of any of the types.</summary>
    public IEnumerable<Resource> OfTypes(params string[] types) => types.SelectMany(t => _byType[t]);

    /// <summary>
    /// Whether an instance is a management host (bastion, jump host, ops box) rather than part of a tier that serves
    /// the peak: its name, or its <c>role</c>/<c>tier</c> tag, says so.
    /// </summary>
    public static bool IsManagementHost(Resource resource)
    {
        static bool Says(string? text) => text is not null && text.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Any(w => ManagementWords.Contains(w, StringComparer.OrdinalIgnoreCase));
        var tags = resource["tags"];
        return Says(resource.Name) || Says(resource["instance_name"]?.AsString) || Says(tags?["role"]?.AsString) || Says(tags?["tier"]?.AsString);
    }

    private static readonly string[] ManagementWords = ["bastion", "jump", "jumphost", "jumpbox", "ops", "admin", "management"];

    /// <summary>A resource by address, or null.</summary>
    public Resource? Find(string address) => _byAddress.GetValueOrDefault(address);

    /// <summary>
    /// The resources of <paramref name="type"/> whose <paramref name="attribute"/> (a single reference or a list of
    /// them) points at <paramref name="target"/>: the backup policies of a database, the listeners of a load
    /// balancer. Indexed on first use, so rules that look back from every resource stay linear.
    /// </summary>
    public IEnumerable<Resource> ReferringTo(Resource target, string type, string attribute) => Referrers(type, attribute).Lookup[target.Address];

    /// <summary>Whether some <paramref name="type"/>'s <paramref name="attribute"/> is an unknown reference that resolves to nothing here: it may point at any resource.</summary>
    public bool HasUnresolvedReference(string type, string attribute) => Referrers(type, attribute).Unresolved;

    private (ILookup<string, Resource> Lookup, bool Unresolved) Referrers(string type, string attribute)
    {
        if (_referrers.TryGetValue((type, attribute), out var known)) return known;
        var links = OfType(type)
            .SelectMany(r => (r[attribute] switch { null => [], { Kind: ValueKind.List } list => list.Items, var one => [one] }).Select(v => (Value: v, Target: Target(v), Referrer: r)))
            .ToList();
        var result = (links.Where(x => x.Target is not null).ToLookup(x => x.Target!.Address, x => x.Referrer, StringComparer.Ordinal),
            links.Any(x => x.Target is null && x.Value.Kind == ValueKind.Unknown));
        _referrers[(type, attribute)] = result;
        return result;
    }

    /// <summary>
    /// The resource an attribute value points at: an unknown value that stands for <c>type.name[0].id</c> resolves to
    /// <c>type.name[0]</c>; a known id resolves to the resource whose <c>id</c> attribute holds it (state).
    /// </summary>
    public Resource? Target(Value? value)
    {
        if (value is null) return null;
        if (value.Kind == ValueKind.Unknown && value.Reference is { } reference)
        {
            var dot = reference.LastIndexOf('.');
            return dot > 0 ? Find(reference[..dot]) : null;
        }
        if (value.AsString is { Length: > 0 } id)
        {
            _byId ??= Graph.Resources.Where(r => r["id"]?.AsString is { Length: > 0 }).GroupBy(r => r["id"]!.AsString!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            return _byId.GetValueOrDefault(id);
        }
        return null;
    }
}

/// <summary>
/// A rule of the inspection. Each rule is a class in <c>Rules/&lt;Area&gt;/</c> with its metadata and its check; a
/// check yields failures and, where a value it needs is unknown, "could not verify" — never a guess.
/// </summary>
public abstract class Rule
{
    /// <summary>A stable id, e.g. <c>HC-ALI-SEC-001</c>.</summary>
    public abstract string Id { get; }

    /// <summary>A one-line title.</summary>
    public abstract string Title { get; }

    /// <summary>How much a failure matters.</summary>
    public abstract Severity Severity { get; }

    /// <summary>What it looks at.</summary>
    public abstract Area Area { get; }

    /// <summary>Why it matters for a peak event.</summary>
    public abstract string Rationale { get; }

    /// <summary>How to fix a failure.</summary>
    public abstract string Remediation { get; }

    /// <summary>Where to read more.</summary>
    public virtual IReadOnlyList<string> References => [];

    /// <summary>The provider it applies to: alicloud, aws or kubernetes.</summary>
    public abstract string Provider { get; }

    /// <summary>Checks the estate.</summary>
    public abstract IEnumerable<Finding> Check(InspectionContext context);

    /// <summary>A number, also when written as text (<c>bandwidth = "100"</c>, state v3); null otherwise.</summary>
    protected static decimal? NumberOf(Value? value) => value?.AsNumberOrText;

    /// <summary>A boolean, also when written as text (<c>"true"</c>, state v3); null otherwise.</summary>
    protected static bool? BoolOf(Value? value) => value?.AsBoolOrText;

    /// <summary>Whether the value is unknown here (computed by the cloud, or a variable without a value).</summary>
    protected static bool IsUnknown(Value? value) => value?.Kind == ValueKind.Unknown;

    /// <summary>A failure of this rule.</summary>
    protected Finding Fail(Resource resource, string message, Value? at = null) => new(this, Outcome.Fail, resource.Address, message, at?.Location ?? resource.Location);

    /// <summary>A check this rule could not make.</summary>
    protected Finding Unverified(Resource resource, string message, Value? at = null) => new(this, Outcome.CouldNotVerify, resource.Address, message, at?.Location ?? resource.Location);
}
