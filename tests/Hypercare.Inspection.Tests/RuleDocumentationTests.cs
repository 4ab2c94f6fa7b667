namespace Hypercare.Inspection.Tests;

public sealed class RuleDocumentationTests
{
    private const string Begin = "<!-- rules:begin (written from the rules' metadata; tests/Hypercare.Inspection.Tests checks it) -->\n";
    private const string End = "<!-- rules:end -->";

    private static string Docs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "hypercare.slnx"))) return Path.Combine(dir.FullName, "docs", "inspection.md");
        throw new InvalidOperationException("hypercare.slnx not found above the test binaries");
    }

    [Fact]
    public void TheDocumentedRuleList_IsTheRulesOwn()
    {
        var text = File.ReadAllText(Docs()).Replace("\r\n", "\n", StringComparison.Ordinal);
        var from = text.IndexOf(Begin, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "docs/inspection.md needs the rules:begin and rules:end markers");
        var documented = text[(from + Begin.Length)..to];
        if (documented != Inspector.RuleTable() && Environment.GetEnvironmentVariable("HYPERCARE_WRITE_DOCS") == "1")
        {
            File.WriteAllText(Docs(), text[..(from + Begin.Length)] + Inspector.RuleTable() + text[to..]);
            return;
        }
        Assert.True(documented == Inspector.RuleTable(), "docs/inspection.md lists other rules than the code has; run the tests with HYPERCARE_WRITE_DOCS=1 to rewrite the list");
    }
}
