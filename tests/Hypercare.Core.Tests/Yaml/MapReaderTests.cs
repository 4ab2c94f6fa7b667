using Hypercare.Core.Problems;
using Hypercare.Core.Yaml;

namespace Hypercare.Core.Tests.Yaml;

public class MapReaderTests
{
    private static (MapReader Map, YamlDocumentReader Doc) Read(string text)
    {
        var (doc, root) = YamlDocumentReader.Parse("f.yaml", text);
        return (doc.Map(root, "")!, doc);
    }

    [Fact]
    public void Done_ReportsUnknownKeysWithTheClosestKnownOne()
    {
        var (map, doc) = Read("name: x\nnmae: y\n");
        map.Text("name");
        map.Done();
        var problem = Assert.Single(doc.Problems);
        Assert.Equal("f.yaml:2:1: nmae: unknown key 'nmae' (did you mean 'name'?)", problem.ToString());
    }

    [Fact]
    public void Accessors_ReportWrongTypesAtTheValue()
    {
        var (map, doc) = Read("count: many\nwhen: tomorrow\nflag: perhaps\nlist: 3\n");
        Assert.Null(map.WholeNumber("count"));
        Assert.Null(map.Date("when"));
        Assert.Null(map.Boolean("flag"));
        Assert.Empty(map.Strings("list"));
        Assert.Equal(
            ["f.yaml:1:8: count: expected a whole number, found 'many'", "f.yaml:2:7: when: expected a date (YYYY-MM-DD), found 'tomorrow'", "f.yaml:3:7: flag: expected true or false, found 'perhaps'", "f.yaml:4:7: list: expected a list ('- item' lines or [a, b]), found the text '3'"],
            doc.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Bounds_AreOutOfRange()
    {
        var (map, doc) = Read("n: 70000\n");
        Assert.Null(map.WholeNumber("n", min: 1, max: 65535));
        Assert.Equal(("out-of-range", "70000 is outside 1..65535"), (doc.Problems[0].Code, doc.Problems[0].Message));
    }

    [Fact]
    public void Required_MissingKey_PointsAtTheMapping()
    {
        var (map, doc) = Read("a:\n  b: 1\n");
        var inner = map.Map("a")!;
        inner.Text("c", required: true, hint: "say c");
        Assert.Equal("f.yaml:2:3: a.c: 'c' is required here (say c)", doc.Problems.Single().ToString());
    }

    [Fact]
    public void Enum_AcceptsKebabCaseAndSuggests()
    {
        var (map, doc) = Read("kind: rule-not-met\nother: refusd\n");
        Assert.Equal(FailureKind.RuleNotMet, map.Enum<FailureKind>("kind"));
        Assert.Null(map.Enum<FailureKind>("other"));
        Assert.Equal("did you mean 'refused'?", doc.Problems.Single().Hint);
    }

    [Fact]
    public void Timestamp_NeedsAnOffset()
    {
        var (map, doc) = Read("a: 2027-10-05T10:00:00-04:00\nb: 2027-10-05T10:00Z\nc: 2027-10-05T10:00:00\n");
        Assert.Equal(new DateTimeOffset(2027, 10, 5, 10, 0, 0, TimeSpan.FromHours(-4)), map.Timestamp("a"));
        Assert.Equal(new DateTimeOffset(2027, 10, 5, 10, 0, 0, TimeSpan.Zero), map.Timestamp("b"));
        Assert.Null(map.Timestamp("c"));
        Assert.Single(doc.Problems);
    }

    [Fact]
    public void Parse_DuplicateKeys_AreASyntaxProblem()
    {
        var (doc, root) = YamlDocumentReader.Parse("f.yaml", "a: 1\na: 2\n");
        Assert.Null(root);
        Assert.Equal("yaml-syntax", doc.Problems.Single().Code);
    }

    [Fact]
    public void ThrowIfAny_ThrowsBadInputWithEveryProblem()
    {
        var (map, doc) = Read("x: 1\ny: 2\n");
        map.Done();
        var e = Assert.Throws<BadInputException>(doc.ThrowIfAny);
        Assert.Equal(2, e.Problems.Count);
    }
}
