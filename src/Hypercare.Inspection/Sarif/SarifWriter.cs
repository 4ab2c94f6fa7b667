using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypercare.Inspection.Sarif;

/// <summary>
/// Writes findings as SARIF 2.1.0, the format code-scanning tools read: every rule in <c>tool.driver.rules</c>, every
/// finding a result naming the resource's address in its message and in <c>logicalLocations</c>, with its file and
/// line as the physical location. Failures are <c>kind: fail</c> with a level from the severity; what could not be
/// verified is <c>kind: review</c> (level none), so it is shown without being counted as a failure.
/// </summary>
public static class SarifWriter
{
    /// <summary>The SARIF version written.</summary>
    public const string Version = "2.1.0";

    /// <summary>
    /// Writes a log of one run; file paths under <paramref name="root"/> become relative URIs. Findings a baseline
    /// accepted are written too, with an external suppression carrying the reason, as code-scanning tools expect.
    /// </summary>
    public static string Write(IReadOnlyList<Finding> findings, IReadOnlyList<Rule> rules, string root, string toolVersion, IReadOnlyList<(Finding Finding, Baselines.AcceptedFinding Entry)>? accepted = null)
    {
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var driverRules = new JsonArray();
        foreach (var r in rules)
        {
            var rule = new JsonObject
            {
                ["id"] = r.Id,
                ["name"] = Name(r.Title),
                ["shortDescription"] = new JsonObject { ["text"] = r.Title },
                ["fullDescription"] = new JsonObject { ["text"] = r.Rationale },
                ["help"] = new JsonObject { ["text"] = r.Remediation },
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(r.Severity) },
                ["properties"] = new JsonObject
                {
                    ["severity"] = r.Severity.ToString().ToLowerInvariant(),
                    ["area"] = r.Area.ToString().ToLowerInvariant(),
                    ["provider"] = r.Provider,
                    ["tags"] = new JsonArray(r.Area.ToString().ToLowerInvariant(), r.Provider),
                },
            };
            if (r.References.Count > 0) rule["helpUri"] = r.References[0];
            driverRules.Add(rule);
        }
        var results = new JsonArray();
        foreach (var (f, entry) in findings.Select(f => (f, (Baselines.AcceptedFinding?)null)).Concat((accepted ?? []).Select(a => (a.Finding, (Baselines.AcceptedFinding?)a.Entry))))
        {
            var fail = f.Outcome == Outcome.Fail;
            var location = new JsonObject
            {
                ["logicalLocations"] = new JsonArray(new JsonObject
                {
                    ["name"] = f.Resource[(f.Resource.LastIndexOf('.') + 1)..],
                    ["fullyQualifiedName"] = f.Resource,
                    ["kind"] = "resource",
                }),
            };
            if (f.Location?.File is { Length: > 0 } file)
            {
                var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = Uri(file, root) } };
                if (f.Location.Line > 0)
                    physical["region"] = new JsonObject { ["startLine"] = f.Location.Line, ["startColumn"] = Math.Max(1, f.Location.Column) };
                location["physicalLocation"] = physical;
            }
            var result = new JsonObject
            {
                ["ruleId"] = f.Rule.Id,
                ["ruleIndex"] = index[f.Rule.Id],
                ["kind"] = fail ? "fail" : "review",
                ["level"] = fail ? Level(f.Rule.Severity) : "none",
                ["message"] = new JsonObject { ["text"] = $"{f.Resource}: {(fail ? "" : "could not verify: ")}{f.Message}" },
                ["locations"] = new JsonArray(location),
            };
            if (f.Location?.Path is { Length: > 0 } path) result["properties"] = new JsonObject { ["jsonPath"] = path };
            if (entry is not null)
                result["suppressions"] = new JsonArray(new JsonObject
                {
                    ["kind"] = "external",
                    ["status"] = "accepted",
                    ["justification"] = $"{entry.Reason} (accepted{(entry.AcceptedBy is { } by ? $" by {by}" : "")} until {entry.Expires:yyyy-MM-dd})",
                    ["location"] = new JsonObject { ["physicalLocation"] = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = Uri(entry.Location.File!, root) }, ["region"] = new JsonObject { ["startLine"] = Math.Max(1, entry.Location.Line) } } },
                });
            results.Add(result);
        }
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = Version,
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Hypercare",
                        ["semanticVersion"] = toolVersion,
                        ["rules"] = driverRules,
                    },
                },
                ["columnKind"] = "unicodeCodePoints",
                ["results"] = results,
            }),
        };
        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>"Sensitive port open to the internet" → "SensitivePortOpenToTheInternet".</summary>
    private static string Name(string title) =>
        string.Concat(title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..] : ""));

    private static string Uri(string file, string root)
    {
        var full = Path.GetFullPath(file);
        var rootFull = Path.GetFullPath(root);
        var relative = Path.GetRelativePath(Directory.Exists(rootFull) ? rootFull : Path.GetDirectoryName(rootFull)!, full);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            return string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(System.Uri.EscapeDataString));
        return new Uri(full).AbsoluteUri;
    }
}
