using System.Text.Json;
using Hypercare.Inventory.Graph;
using Hypercare.Inventory.TerraformPlan;
using Hypercare.Inventory.TerraformState;

namespace Hypercare.Inventory.Tests.TerraformPlan;

public sealed class PlanReaderTests
{
    [Fact]
    public void PlannedValues_WithChildModules_UnknownsMarked_AndDeletionsLeftOut()
    {
        using var doc = TestData.Json("alicloud-web", "plan.json");
        var graph = PlanReader.Read("plan.json", doc);

        Assert.Empty(graph.Problems);
        Assert.Equal(["alicloud_vpc.main", "alicloud_vswitch.web[0]", "alicloud_vswitch.web[1]", "module.cache.alicloud_kvstore_instance.this[\"sessions\"]"],
            graph.Resources.Select(r => r.Address));
        var vpc = graph.Find("alicloud_vpc.main")!;
        Assert.Equal(ValueKind.Unknown, vpc["id"]!.Kind);
        Assert.Equal("172.16.0.0/12", vpc["cidr_block"]!.AsString);
        Assert.Equal("planned_values.root_module.resources[0].values.cidr_block", vpc["cidr_block"]!.Location!.Path);
        Assert.Equal(ValueKind.Unknown, graph.Find("alicloud_vswitch.web[0]")!["vpc_id"]!.Kind);
        Assert.Null(graph.Find("alicloud_vswitch.web[1]")!["vpc_id"]);   // the fixture's change for [1] is absent: nothing to mark

        var cache = graph.Resources[^1];
        Assert.Equal(("cache", "sessions", "alicloud"), (string.Join(".", cache.ModulePath), cache.Index, cache.Provider));
        Assert.Equal("{ env = \"prod\" }", cache["tags"]!.ToString());
        Assert.Equal(Origin.Plan, cache.Origin);
    }

    [Fact]
    public void PlanAndState_AgreeOnWhatBothKnow()
    {
        using var planDoc = TestData.Json("alicloud-web", "plan.json");
        using var stateDoc = TestData.Json("alicloud-web", "terraform.tfstate");
        var plan = PlanReader.Read("plan.json", planDoc);
        var state = StateReader.Read("terraform.tfstate", stateDoc);
        foreach (var address in new[] { "alicloud_vpc.main", "alicloud_vswitch.web[0]", "alicloud_vswitch.web[1]" })
        {
            var planned = plan.Find(address)!;
            var stored = state.Find(address)!;
            Assert.Equal((stored.Type, stored.Name, stored.Index, stored.Provider), (planned.Type, planned.Name, planned.Index, planned.Provider));
            foreach (var (name, value) in planned.Attributes.Where(a => a.Value.IsWhollyKnown))
                Assert.True(value.Equals(stored[name]), $"{address}.{name}: plan {value}, state {stored[name]}");
        }
    }

    [Fact]
    public void NotAPlan_IsAProblem()
    {
        using var doc = JsonDocument.Parse("{\"version\": 4}");
        Assert.StartsWith("not a Terraform plan", Assert.Single(PlanReader.Read("x.json", doc).Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("module.net.aws_vpc.this[0]", "module.net")]
    [InlineData("module.net.module.sub.aws_vpc.this", "module.net.module.sub")]
    [InlineData("module.net[\"a\"].aws_vpc.this", "module.net[\"a\"]")]
    [InlineData("aws_vpc.this", null)]
    public void ModuleAddresses_AreSplitOff(string address, string? module) => Assert.Equal(module, PlanReader.ModuleOf(address));
}
