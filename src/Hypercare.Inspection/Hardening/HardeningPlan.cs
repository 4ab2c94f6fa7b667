namespace Hypercare.Inspection.Hardening;

/// <summary>One step of the hardening plan.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Kind">The probe's finding kind, or the inspection rule's id.</param>
/// <param name="Source"><c>probe</c> (seen on the wire) or <c>inventory</c> (read from the configuration).</param>
/// <param name="Target">The endpoint, URL or resource address.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">What to do.</param>
public sealed record PlanItem(Severity Severity, string Kind, string Source, string Target, string Message, string Fix);

/// <summary>The hardening plan: what the probes found and the inventory's exposure findings, most severe first, each with its fix.</summary>
/// <param name="Items">The steps, ranked by severity, then kind, then target.</param>
/// <param name="Report">What the probes saw.</param>
public sealed record HardeningPlan(IReadOnlyList<PlanItem> Items, HardeningReport Report)
{
    /// <summary>The JSON schema name of the plan.</summary>
    public const string Schema = "hypercare.hardening/v1";

    /// <summary>Merges the probes' findings with the inventory's security failures (other areas and could-not-verify are left to <c>inspect</c>).</summary>
    public static HardeningPlan Build(HardeningReport report, IEnumerable<Finding>? inventory = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var items = report.Findings.Select(f => new PlanItem(f.Severity, f.Kind, "probe", f.Target, f.Message, f.Fix))
            .Concat((inventory ?? []).Where(f => f.Rule.Area == Area.Security && f.Outcome == Outcome.Fail)
                .Select(f => new PlanItem(f.Rule.Severity, f.Rule.Id, "inventory", f.Resource, f.Message, f.Rule.Remediation)))
            .OrderByDescending(i => i.Severity)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Target, StringComparer.Ordinal)
            .ToList();
        return new HardeningPlan(items, report);
    }
}
