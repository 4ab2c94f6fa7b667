using System.Text.Json;

namespace Hypercare.Cli.Tests;

public sealed class InventoryCommandTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    private static string Infra => Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "infra");

    [Fact]
    public async Task TheSampleShopsInfra_IsSummarized()
    {
        var r = await _cli.Run("inventory", "show", Infra);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("21 resources (configuration 21)", r.Out, StringComparison.Ordinal);
        Assert.Contains("alicloud_ess_scaling_group", r.Out, StringComparison.Ordinal);
        Assert.Contains("alicloud_vswitch.web[0].vpc_id → alicloud_vpc.main.id", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_HoldsTheWholeGraph_WithUnknownsMarked()
    {
        var r = await _cli.Run("inventory", "show", Infra, "--json");
        Assert.True(r.Code == 0, r.ToString());
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("hypercare.inventory/v1", doc.GetProperty("schema").GetString());
        var slb = doc.GetProperty("resources").EnumerateArray().Single(x => x.GetProperty("address").GetString() == "alicloud_slb_load_balancer.web");
        Assert.Equal("slb.s1.small", slb.GetProperty("attributes").GetProperty("load_balancer_spec").GetString());
        Assert.EndsWith("web.tf:1:1", slb.GetProperty("location").GetString(), StringComparison.Ordinal);
        var vswitch = doc.GetProperty("resources").EnumerateArray().Single(x => x.GetProperty("address").GetString() == "alicloud_vswitch.web[1]");
        Assert.Equal("alicloud_vpc.main.id", vswitch.GetProperty("attributes").GetProperty("vpc_id").GetProperty("$unknown").GetString());
        Assert.Equal(1, vswitch.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task AnInputWithErrors_ExitsTwo_AndStillPrintsWhatWasRead()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_cli.Folder, "infra"));
        File.WriteAllText(Path.Combine(dir.FullName, "good.tf"), "resource \"alicloud_vpc\" \"a\" {\n  cidr_block = \"10.0.0.0/8\"\n}\n");
        File.WriteAllText(Path.Combine(dir.FullName, "bad.tf"), "resource \"alicloud_vpc\" \"b\" {\n  cidr_block = \n}\n");
        var r = await _cli.Run("inventory", "show", dir.FullName);
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("2 resources", r.Out, StringComparison.Ordinal);
        Assert.Contains("bad.tf:2:16: expected an expression", r.Err, StringComparison.Ordinal);
    }
}
