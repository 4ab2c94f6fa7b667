using System.Xml.Linq;
using Hypercare.Inspection.Reporting;
using Hypercare.Inventory.Terraform;

namespace Hypercare.Inspection.Tests.Reporting;

public sealed class JUnitWriterTests
{
    [Fact]
    public void EachRuleIsASuite_AFindingAFailure_WhatCouldNotBeVerifiedSkipped_AndTheCountsAddUp()
    {
        const string estate = "variable \"c\" {}\nresource \"alicloud_db_instance\" \"a\" {\n  category = \"Basic\"\n}\nresource \"alicloud_db_instance\" \"b\" {\n  category = var.c\n}\n";
        var graph = ConfigurationReader.ReadFiles(new Dictionary<string, string> { ["main.tf"] = estate });
        var findings = Inspector.Run(new InspectionContext(graph, EventTargets.None));

        var xml = XDocument.Parse(JUnitWriter.Write(findings, Inspector.Rules, graph.Resources.Count));

        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(Inspector.Rules.Count, suites.Count);
        var db = suites.Single(s => ((string)s.Attribute("name")!).StartsWith("HC-ALI-AVL-003 ", StringComparison.Ordinal));
        Assert.Equal(("2", "1", "1"), ((string)db.Attribute("tests")!, (string)db.Attribute("failures")!, (string)db.Attribute("skipped")!));
        var failed = db.Elements("testcase").Single(c => c.Element("failure") is not null);
        Assert.Equal(("alicloud_db_instance.a", "main.tf:3", "high"), ((string)failed.Attribute("name")!, (string)failed.Attribute("file")!, (string)failed.Element("failure")!.Attribute("type")!));
        Assert.Equal(findings.Count(f => f.Outcome == Outcome.Fail), (int)root.Attribute("failures")!);
        Assert.Equal(suites.Sum(s => (int)s.Attribute("tests")!), (int)root.Attribute("tests")!);
        Assert.Equal(suites.Sum(s => (int)s.Attribute("skipped")!), (int)root.Attribute("skipped")!);
        Assert.All(suites.Where(s => !s.Elements("testcase").Any(c => c.HasElements)), s => Assert.Equal("1", (string)s.Attribute("tests")!));
    }
}
