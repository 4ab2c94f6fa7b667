namespace Hypercare.Inventory.Tests;

/// <summary>Truncated, random and odd inputs give located problems or a partial graph; never a crash or a hang.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hypercare-inventory-bad-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("alicloud-web", "terraform.tfstate")]
    [InlineData("alicloud-web", "terraform-v3.tfstate")]
    [InlineData("alicloud-web", "plan.json")]
    [InlineData("k8s-shop", "app.yaml")]
    public void EveryTruncation_OfAStatePlanOrManifest_IsHandled(string folder, string file)
    {
        var text = File.ReadAllText(TestData.Path(folder, file));
        var step = Math.Max(1, text.Length / 300);
        for (var cut = 0; cut < text.Length; cut += step)
        {
            var graph = InventoryReader.Read(Write(file, text[..cut]));
            Assert.True(graph.Resources.Count > 0 || graph.Problems.Count > 0 || cut < 20, $"cut at {cut}: nothing read and nothing reported");
            Assert.All(graph.Problems, p => Assert.NotNull(p.Location));
        }
    }

    [Fact]
    public void RandomBytes_InEveryKindOfFile_AreHandled()
    {
        var random = new Random(7);
        foreach (var name in new[] { "x.tf", "x.tfstate", "x.json", "x.yaml" })
            for (var i = 0; i < 200; i++)
            {
                var bytes = new byte[random.Next(0, 400)];
                random.NextBytes(bytes);
                var path = Path.Combine(_dir.FullName, name);
                File.WriteAllBytes(path, bytes);
                _ = InventoryReader.Read(path);
            }
    }

    [Fact]
    public void DeeplyNestedJson_IsAProblem_NotAStackOverflow()
    {
        var deep = "{\"version\":4,\"resources\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var graph = InventoryReader.Read(Write("deep.tfstate", deep));
        Assert.Equal("invalid-json", Assert.Single(graph.Problems).Code);
    }

    [Fact]
    public void BomAndCrlf_InEveryFormat_AreRead()
    {
        Assert.Single(InventoryReader.Read(Write("a.yaml", "\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\n")).Resources);
        Assert.Single(InventoryReader.Read(Write("b.tfstate", "\uFEFF{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"type\":\"aws_vpc\",\"name\":\"m\",\"instances\":[{\"attributes\":{}}]}]}\r\n")).Resources);
        var dir = Directory.CreateDirectory(Path.Combine(_dir.FullName, "tf"));
        File.WriteAllText(Path.Combine(dir.FullName, "main.tf"), "\uFEFFresource \"aws_vpc\" \"m\" {\r\n  cidr_block = \"10.0.0.0/16\"\r\n}\r\n");
        var graph = InventoryReader.Read(dir.FullName);
        Assert.Equal("10.0.0.0/16", Assert.Single(graph.Resources)["cidr_block"]!.AsString);
    }
}
