using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules;

/// <summary>An Alibaba Cloud rule: its metadata given once, and lookups the Alibaba rules share.</summary>
public abstract class AlicloudRule(string id, string title, Severity severity, Area area, string rationale, string remediation, string? reference = null) : Rule
{
    /// <inheritdoc />
    public sealed override string Id => id;
    /// <inheritdoc />
    public sealed override string Title => title;
    /// <inheritdoc />
    public sealed override Severity Severity => severity;
    /// <inheritdoc />
    public sealed override Area Area => area;
    /// <inheritdoc />
    public sealed override string Provider => "alicloud";
    /// <inheritdoc />
    public sealed override string Rationale => rationale;
    /// <inheritdoc />
    public sealed override string Remediation => remediation;
    /// <inheritdoc />
    public sealed override IReadOnlyList<string> References => reference is null ? [] : [reference];

    /// <summary>Whether a resource refers to another.</summary>
    public enum Link
    {
        /// <summary>No resource of the types points at it.</summary>
        None,
        /// <summary>Some reference is unknown here: it may point at it.</summary>
        Unsure,
        /// <summary>A resource points at it.</summary>
        Found,
    }

    /// <summary>
    /// Whether a resource of one of the types points at <paramref name="target"/> through one of the attributes (a
    /// reference, a known id, or an item of a list of them); unknown references that resolve to nothing make it unsure.
    /// </summary>
    protected static Link ReferencedBy(InspectionContext context, Resource target, IEnumerable<string> types, params string[] attributes)
    {
        var unsure = false;
        foreach (var type in types)
            foreach (var attribute in attributes)
            {
                if (context.ReferringTo(target, type, attribute).Any()) return Link.Found;
                unsure |= context.HasUnresolvedReference(type, attribute);
            }
        return unsure ? Link.Unsure : Link.None;
    }

    /// <summary>The resources of the types that point at <paramref name="target"/> through the attribute.</summary>
    protected static IEnumerable<Resource> Referrers(InspectionContext context, Resource target, string type, string attribute) =>
        context.ReferringTo(target, type, attribute);

    /// <summary>The zone of an instance or disk: its own zone attribute, or its vswitch's.</summary>
    protected static Value? ZoneOf(InspectionContext context, Resource r)
    {
        var own = r["availability_zone"] ?? r["zone_id"];
        if (own is not null) return own;
        var vswitch = r["vswitch_id"];
        if (vswitch is null) return null;
        return context.Target(vswitch)?["zone_id"] ?? Value.Unknown(vswitch.Reference, vswitch.Location);
    }
}
