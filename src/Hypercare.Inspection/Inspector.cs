namespace Hypercare.Inspection;

/// <summary>The inspection's entry point: every rule run over an estate, findings ranked.</summary>
public static class Inspector
{
    /// <summary>Every rule, in id order, found by reflection over this assembly.</summary>
    public static IReadOnlyList<Rule> Rules { get; } = typeof(Rule).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Rule)) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (Rule)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>The rule list of docs/inspection.md, written from the rules' own metadata.</summary>
    public static string RuleTable()
    {
        var b = new System.Text.StringBuilder();
        foreach (var group in Rules.GroupBy(r => r.Provider))
        {
            b.Append("### ").Append(group.Key).Append("\n\n| id | severity | area | rule | why it matters | fix |\n|---|---|---|---|---|---|\n");
            foreach (var r in group)
                b.Append($"| {r.Id} | {r.Severity.ToString().ToLowerInvariant()} | {r.Area.ToString().ToLowerInvariant()} | {Cell(r.Title)} | {Cell(r.Rationale)} | {Cell(r.Remediation)} |\n");
            b.Append('\n');
        }
        return b.ToString().TrimEnd() + "\n";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Runs the rules; findings come most severe first, failures before what could not be verified.</summary>
    public static IReadOnlyList<Finding> Run(InspectionContext context, IEnumerable<Rule>? rules = null) =>
        (rules ?? Rules).SelectMany(r => r.Check(context))
            .OrderBy(f => f.Outcome)
            .ThenByDescending(f => f.Rule.Severity)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Resource, StringComparer.Ordinal)
            .ToList();
}
