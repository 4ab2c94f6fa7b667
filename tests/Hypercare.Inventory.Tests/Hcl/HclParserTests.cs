using Hypercare.Inventory.Hcl;

namespace Hypercare.Inventory.Tests.Hcl;

public sealed class HclParserTests
{
    private static HclFile Parse(string text)
    {
        var file = HclParser.Parse("main.tf", text);
        Assert.True(file.Errors.Count == 0, string.Join("\n", file.Errors.Select(e => $"{e.Location}: {e.Message}")));
        return file;
    }

    private static HclExpression Expr(string text)
    {
        var (expression, errors) = HclParser.ParseExpression("expr", text);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Location}: {e.Message}")));
        return expression!;
    }

    /// <summary>An expression written back in a canonical form with full parentheses, to check structure.</summary>
    private static string Show(HclExpression e) => e switch
    {
        HclLiteral l => l.Text,
        HclVariable v => v.Name,
        HclGetAttr g => $"{Show(g.Source)}.{g.Name}",
        HclIndex i => $"{Show(i.Source)}[{Show(i.Key)}]",
        HclSplat s => $"{Show(s.Source)}{(s.Full ? "[*]" : ".*")}→{Show(s.Each)}",
        HclSplatItem => "@",
        HclCall c => $"{c.Name}({string.Join(", ", c.Arguments.Select(Show))}{(c.ExpandFinal ? "..." : "")})",
        HclBinary b => $"({Show(b.Left)} {b.Operator} {Show(b.Right)})",
        HclUnary u => $"({u.Operator}{Show(u.Operand)})",
        HclConditional c => $"({Show(c.Condition)} ? {Show(c.True)} : {Show(c.False)})",
        HclParentheses p => Show(p.Inner),
        HclTuple t => $"[{string.Join(", ", t.Items.Select(Show))}]",
        HclObject o => "{" + string.Join(", ", o.Items.Select(i => $"{i.BareKey ?? Show(i.KeyExpression!)} = {Show(i.Value)}")) + "}",
        HclTemplate t => "\"" + string.Concat(t.Parts.Select(Part)) + "\"",
        HclFor f => (f.IsObject ? "{" : "[") + $"for {(f.KeyVariable is null ? "" : f.KeyVariable + ", ")}{f.ValueVariable} in {Show(f.Collection)} : "
            + (f.IsObject ? $"{Show(f.KeyResult!)} => " : "") + Show(f.ValueResult) + (f.Grouping ? "..." : "") + (f.Condition is null ? "" : $" if {Show(f.Condition)}") + (f.IsObject ? "}" : "]"),
        _ => e.GetType().Name,
    };

    private static string Part(HclTemplatePart p) => p switch
    {
        HclTemplateText t => t.Text,
        HclInterpolation i => "${" + Show(i.Expression) + "}",
        HclTemplateIf i => "%{if " + Show(i.Condition) + "}" + string.Concat(i.Then.Select(Part)) + (i.Else.Count > 0 ? "%{else}" + string.Concat(i.Else.Select(Part)) : "") + "%{endif}",
        HclTemplateFor f => "%{for " + f.ValueVariable + " in " + Show(f.Collection) + "}" + string.Concat(f.Body.Select(Part)) + "%{endfor}",
        _ => "?",
    };

    [Fact]
    public void BlocksAttributesAndLabels_KeepTheirPlaces()
    {
        var file = Parse("""
            # the web tier
            resource "alicloud_instance" "web" {
              instance_type = "ecs.g7.large"   // burstable would be t6
              count         = 4
              tags = {
                Name = "web"
              }
              lifecycle { create_before_destroy = true }
            }

            locals { zones = ["cn-hangzhou-h", "cn-hangzhou-i"] }
            """);

        var block = Assert.Single(file.Body.Blocks, b => b.Type == "resource");
        Assert.Equal(["alicloud_instance", "web"], block.Labels);
        Assert.Equal((2, 1), (block.Range.Start.Line, block.Range.Start.Column));
        var type = block.Body.Attribute("instance_type")!;
        Assert.Equal("ecs.g7.large", ((HclTemplate)type.Value).LiteralText);
        Assert.Equal("main.tf:3:3", type.Range.ToString());
        Assert.Equal((3, 19), (type.Value.Range.Start.Line, type.Value.Range.Start.Column));
        Assert.Equal("{Name = \"web\"}", Show(block.Body.Attribute("tags")!.Value));
        Assert.Equal("true", Show(Assert.Single(block.Body.Blocks).Body.Attribute("create_before_destroy")!.Value));
        Assert.Equal("[\"cn-hangzhou-h\", \"cn-hangzhou-i\"]", Show(file.Body.Blocks[1].Body.Attribute("zones")!.Value));
    }

    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("a || b && c == d", "(a || (b && (c == d)))")]
    [InlineData("a < b == c >= d", "((a < b) == (c >= d))")]
    [InlineData("!a && -b > 2 % 3", "((!a) && ((-b) > (2 % 3)))")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("x ? y : z ? 1 : 2", "(x ? y : (z ? 1 : 2))")]
    [InlineData("(1 + 2) * 3", "((1 + 2) * 3)")]
    [InlineData("var.cidr", "var.cidr")]
    [InlineData("alicloud_vpc.main.cidr_block", "alicloud_vpc.main.cidr_block")]
    [InlineData("data.alicloud_zones.all.zones[0].id", "data.alicloud_zones.all.zones[0].id")]
    [InlineData("aws_instance.web.0.id", "aws_instance.web[0].id")]
    [InlineData("module.net.vswitch_ids[count.index]", "module.net.vswitch_ids[count.index]")]
    [InlineData("aws_instance.web[*].id", "aws_instance.web[*]→@.id")]
    [InlineData("aws_instance.web.*.private_ip", "aws_instance.web.*→@.private_ip")]
    [InlineData("var.list[*].tags[\"Name\"]", "var.list[*]→@.tags[\"Name\"]")]
    [InlineData("cidrsubnet(alicloud_vpc.main.cidr_block, 8, count.index)", "cidrsubnet(alicloud_vpc.main.cidr_block, 8, count.index)")]
    [InlineData("max(var.sizes...)", "max(var.sizes...)")]
    [InlineData("merge(local.tags, { Tier = \"web\" })", "merge(local.tags, {Tier = \"web\"})")]
    [InlineData("[for s in var.list : upper(s) if s != \"\"]", "[for s in var.list : upper(s) if (s != \"\")]")]
    [InlineData("{for k, v in var.map : v => k...}", "{for k, v in var.map : v => k...}")]
    [InlineData("{ (local.key) = 1, \"quoted\" : 2 }", "{local.key = 1, \"quoted\" = 2}")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData("provider::terraform::encode_tfvars(var.x)", "provider::terraform::encode_tfvars(var.x)")]
    public void Expressions_FollowPrecedenceAndTraversalRules(string text, string expected) => Assert.Equal(expected, Show(Expr(text)));

    [Fact]
    public void NewlinesAreIgnoredInsideBrackets_AndSeparateObjectItems()
    {
        var file = Parse("""
            a = [
              1,
              2,
            ]
            b = merge(
              local.x,
              local.y
            )
            c = {
              x = 1
              y = 2, z = 3
            }
            d = {
              for k, v in var.m :
              k => v
              if v != null
            }
            """);
        Assert.Equal("[1, 2]", Show(file.Body.Attribute("a")!.Value));
        Assert.Equal("merge(local.x, local.y)", Show(file.Body.Attribute("b")!.Value));
        Assert.Equal("{x = 1, y = 2, z = 3}", Show(file.Body.Attribute("c")!.Value));
        Assert.Equal("{for k, v in var.m : k => v if (v != null)}", Show(file.Body.Attribute("d")!.Value));
    }

    [Fact]
    public void Templates_InterpolateEscapeAndDirect()
    {
        Assert.Equal("\"web-${var.env}-${(count.index + 1)}\"", Show(Expr("\"web-${var.env}-${count.index + 1}\"")));
        Assert.Equal("\"a\"b\\c\n\t☃😀\"", Show(Expr("\"a\\\"b\\\\c\\n\\t\\u2603\\U0001F600\"")));
        Assert.Equal("\"${not} %{this}\"", Show(Expr("\"$${not} %%{this}\"")));
        Assert.Equal("\"%{if var.on}yes%{else}no%{endif}\"", Show(Expr("\"%{ if var.on }yes%{ else }no%{ endif }\"")));
        Assert.Equal("\"%{for z in var.zones}[${z}]%{endfor}\"", Show(Expr("\"%{for z in var.zones}[${z}]%{endfor}\"")));
        Assert.Equal("\"a${b}c\"", Show(Expr("\"a   ${~ b ~}   c\"")));
        Assert.Equal("\"${{x = 1}}\"", Show(Expr("\"${ {x = 1} }\"")));
    }

    [Fact]
    public void Heredocs_KeepTheirLines_AndTheIndentedFormDedents()
    {
        var file = Parse("""
            user_data = <<EOT
            #!/bin/bash
            echo ${var.name}
            EOT
            policy = <<-JSON
                {
                  "Version": "1"
                }
                JSON
            after = 1
            """);
        Assert.Equal("\"#!/bin/bash\necho ${var.name}\n\"", Show(file.Body.Attribute("user_data")!.Value));
        Assert.Equal("\"{\n  \"Version\": \"1\"\n}\n\"", Show(file.Body.Attribute("policy")!.Value));
        Assert.Equal("1", Show(file.Body.Attribute("after")!.Value));
    }

    [Fact]
    public void CrlfBomAndUnicode_AreRead()
    {
        var file = Parse("\uFEFFname = \"café\"\r\nblock \"ü\" {\r\n  n = 1\r\n}\r\n");
        Assert.Equal("café", ((HclTemplate)file.Body.Attribute("name")!.Value).LiteralText);
        Assert.Equal("ü", file.Body.Blocks[0].Labels[0]);
        Assert.Equal(3, file.Body.Blocks[0].Body.Attributes[0].Range.Start.Line);
    }

    [Theory]
    [InlineData("a = ", 1, 5, "expected an expression, found the end of the file")]
    [InlineData("a = \"open\nb = 1\n", 1, 5, "the string is not closed on its line")]
    [InlineData("resource \"x\" \"y\" {\n  a = 1\n", 3, 1, "the file ends inside a block")]
    [InlineData("a = [1, 2\nb = 3\n", 2, 1, "expected ',' or ']' in the list, found 'b'")]
    [InlineData("a = 1 +\n", 1, 8, "expected an expression, found the end of the line")]
    [InlineData("a = f(1 2)\n", 1, 9, "expected ',' or ')' in the arguments of f()")]
    [InlineData("x = <<EOT\nno end\n", 1, 5, "the heredoc is not closed: expected a line with EOT")]
    [InlineData("a = \"\\q\"\n", 1, 6, "'\\q' is not an escape")]
    [InlineData("a = \"%{if x}y\"\n", 1, 14, "the string ends inside a %{if} or %{for} directive")]
    [InlineData("a = \"%{endif}\"\n", 1, 6, "%{endif} without an opening %{if}")]
    [InlineData("a = 1 b = 2\n", 1, 7, "expected a newline after an attribute, found 'b'")]
    [InlineData("a = $\n", 1, 5, "'$' is not valid here")]
    [InlineData("/* open", 1, 1, "a /* comment is not closed with */")]
    [InlineData("block \"${x}\" {}\n", 1, 7, "a block label cannot contain interpolations")]
    public void Errors_NameTheirPlaceAndWhatWasExpected(string text, int line, int column, string message)
    {
        var file = HclParser.Parse("bad.tf", text);
        var error = file.Errors[0];
        Assert.Equal(("bad.tf", line, column), (error.Location!.File, error.Location.Line, error.Location.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterAnError_TheRestOfTheFileIsStillRead()
    {
        var file = HclParser.Parse("bad.tf", """
            resource "a" "one" {
              size = = 3
              zone = "h"
            }
            resource "a" "two" {
              size = 4
            }
            """);
        Assert.Single(file.Errors);
        Assert.Equal(2, file.Body.Blocks.Count);
        Assert.Equal("\"h\"", Show(file.Body.Blocks[0].Body.Attribute("zone")!.Value));
        Assert.Equal("4", Show(file.Body.Blocks[1].Body.Attribute("size")!.Value));
    }

    [Fact]
    public void DeepNesting_IsAnErrorNotAStackOverflow()
    {
        var deep = "a = " + new string('[', 100_000) + new string(']', 100_000) + "\nb = 1\n";
        var file = HclParser.Parse("deep.tf", deep);
        Assert.Contains(file.Errors, e => e.Message.StartsWith($"nesting deeper than {HclParser.MaxDepth} levels", StringComparison.Ordinal));
        Assert.Equal("1", Show(file.Body.Attribute("b")!.Value));

        var blocks = string.Concat(Enumerable.Repeat("b {\n", 5000)) + string.Concat(Enumerable.Repeat("}\n", 5000));
        Assert.NotEmpty(HclParser.Parse("blocks.tf", blocks).Errors);
        var parens = "a = " + new string('(', 50_000) + "1" + new string(')', 50_000);
        Assert.NotEmpty(HclParser.Parse("parens.tf", parens).Errors);
        var unary = "a = " + new string('!', 50_000) + "x";
        Assert.NotEmpty(HclParser.Parse("unary.tf", unary).Errors);
    }

    [Fact]
    public void RandomBytesAndTruncations_NeverCrashOrHang()
    {
        var source = """
            variable "cidr" { default = "10.0.0.0/8" }
            resource "alicloud_vswitch" "a" {
              count      = length(var.zones)
              cidr_block = cidrsubnet(var.cidr, 8, count.index)
              zone_id    = element(var.zones, count.index)
              name       = "vsw-${count.index}%{if var.x} x%{endif}"
              tags       = { for k, v in local.tags : k => v if v != "" }
            }
            output "ids" { value = alicloud_vswitch.a[*].id }
            """;
        for (var cut = 0; cut <= source.Length; cut++)
            _ = HclParser.Parse("cut.tf", source[..cut]);
        const string Alphabet = "{}[]()\"'$%~<>-=!&|*.,:?#/\\\n abc019";
        var random = new Random(20271126);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(1, 200)];
            for (var j = 0; j < chars.Length; j++)
                chars[j] = random.Next(4) == 0 ? (char)random.Next(0, 0x3000) : Alphabet[random.Next(Alphabet.Length)];
            _ = HclParser.Parse("random.tf", new string(chars));
            var mutated = source.ToCharArray();
            mutated[random.Next(mutated.Length)] = chars[0];
            _ = HclParser.Parse("mutated.tf", new string(mutated));
        }
    }

    [Fact]
    public void AHugeHeredoc_IsRead()
    {
        var line = new string('x', 100) + "\n";
        var text = "a = <<EOT\n" + string.Concat(Enumerable.Repeat(line, 100_000)) + "EOT\n";
        var file = Parse(text);
        Assert.Equal(101 * 100_000, ((HclTemplate)file.Body.Attribute("a")!.Value).LiteralText!.Length);
    }
}
