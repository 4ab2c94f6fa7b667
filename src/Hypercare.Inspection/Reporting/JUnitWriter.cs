using System.Globalization;
using System.Xml.Linq;
using Hypercare.Inspection.Baselines;

namespace Hypercare.Inspection.Reporting;

/// <summary>
/// Writes the inspection as a JUnit XML report, the summary CI servers (Jenkins, GitLab, GitHub actions' test
/// reporters) show without a plug-in: one test suite per rule, one test case per resource the rule found, a
/// failure for a finding, "skipped" for what could not be verified or was accepted by the baseline, and one passing
/// case for a rule that found nothing.
/// </summary>
public static class JUnitWriter
{
    /// <summary>The report as XML text.</summary>
    public static string Write(IReadOnlyList<Finding> findings, IReadOnlyList<Rule> rules, int resources, IReadOnlyList<(Finding Finding, AcceptedFinding Entry)>? accepted = null)
    {
        var byRule = findings.Select(f => (Finding: f, Entry: (AcceptedFinding?)null))
            .Concat((accepted ?? []).Select(a => (a.Finding, Entry: (AcceptedFinding?)a.Entry)))
            .ToLookup(x => x.Finding.Rule.Id, StringComparer.Ordinal);
        var suites = new XElement("testsuites", new XAttribute("name", "hypercare inspect"));
        int tests = 0, failures = 0, skipped = 0;
        foreach (var rule in rules)
        {
            var suite = new XElement("testsuite", new XAttribute("name", $"{rule.Id} {rule.Title}"));
            int t = 0, f = 0, s = 0;
            foreach (var (finding, entry) in byRule[rule.Id])
            {
                var @case = new XElement("testcase", new XAttribute("classname", rule.Id), new XAttribute("name", finding.Resource), new XAttribute("file", Where(finding)));
                if (entry is not null)
                {
                    @case.Add(new XElement("skipped", new XAttribute("message", string.Create(CultureInfo.InvariantCulture, $"accepted until {entry.Expires:yyyy-MM-dd}: {entry.Reason}"))));
                    s++;
                }
                else if (finding.Outcome == Outcome.CouldNotVerify)
                {
                    @case.Add(new XElement("skipped", new XAttribute("message", $"could not verify: {finding.Message}")));
                    s++;
                }
                else
                {
                    @case.Add(new XElement("failure",
                        new XAttribute("message", finding.Message),
                        new XAttribute("type", rule.Severity.ToString().ToLowerInvariant()),
                        $"{finding.Resource}: {finding.Message}\nat {Where(finding)}\nfix: {rule.Remediation}"));
                    f++;
                }
                suite.Add(@case);
                t++;
            }
            if (t == 0)
            {
                suite.Add(new XElement("testcase", new XAttribute("classname", rule.Id), new XAttribute("name", string.Create(CultureInfo.InvariantCulture, $"all {resources} resources"))));
                t = 1;
            }
            suite.Add(new XAttribute("tests", t), new XAttribute("failures", f), new XAttribute("errors", 0), new XAttribute("skipped", s));
            suites.Add(suite);
            tests += t; failures += f; skipped += s;
        }
        suites.Add(new XAttribute("tests", tests), new XAttribute("failures", failures), new XAttribute("errors", 0), new XAttribute("skipped", skipped));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).Declaration + "\n" + suites;
    }

    private static string Where(Finding f) => f.Location switch
    {
        null => "",
        { Line: > 0 } l => string.Create(CultureInfo.InvariantCulture, $"{l.File}:{l.Line}"),
        var l => $"{l.File} {l.Path}".Trim(),
    };
}
