using System.Text.Json;
using Hypercare.Inventory.Graph;
using Hypercare.Inventory.TerraformState;

namespace Hypercare.Inventory.Tests.TerraformState;

public sealed class StateReaderTests
{
    [Fact]
    public void Version4_GivesAddressesProvidersTypedAttributesAndDependencies()
    {
        using var doc = TestData.Json("alicloud-web", "terraform.tfstate");
        var graph = StateReader.Read("terraform.tfstate", doc);

        Assert.Empty(graph.Problems);
        Assert.Equal(["data.alicloud_zones.available", "alicloud_vpc.main", "alicloud_vswitch.web[0]", "alicloud_vswitch.web[1]", "module.db.alicloud_db_instance.orders"],
            graph.Resources.Select(r => r.Address));
        var vswitch = graph.Find("alicloud_vswitch.web[1]")!;
        Assert.Equal(("alicloud", 1L, Origin.State), (vswitch.Provider, vswitch.Index, vswitch.Origin));
        Assert.Equal("cn-hangzhou-i", vswitch["zone_id"]!.AsString);
        Assert.Equal("resources[2].instances[1].attributes.zone_id", vswitch["zone_id"]!.Location!.Path);
        Assert.Equal(["alicloud_vpc.main", "data.alicloud_zones.available"], vswitch.References.Select(r => r.Target));
        Assert.Equal("data", graph.Resources[0].Mode);
        Assert.Equal("{ env = \"prod\" }", graph.Find("alicloud_vpc.main")!["tags"]!.ToString());

        // Renamed attributes read under their current names.
        var db = graph.Find("module.db.alicloud_db_instance.orders")!;
        Assert.Equal("rds.mysql.s2.large", db["instance_type"]!.AsString);
        Assert.Equal(100m, db["instance_storage"]!.AsNumber);
        Assert.Null(db["db_instance_class"]);
    }

    [Fact]
    public void Version3_FlattenedAttributesBecomeMapsAndLists_AndModulesAndAliasesAreKept()
    {
        using var doc = TestData.Json("alicloud-web", "terraform-v3.tfstate");
        var graph = StateReader.Read("old.tfstate", doc);

        Assert.Empty(graph.Problems);
        var vpc = graph.Find("alicloud_vpc.main")!;
        Assert.Equal("{ env = \"prod\" }", vpc["tags"]!.ToString());
        Assert.Equal("shop-prod", vpc["vpc_name"]!.AsString);
        var vswitch = graph.Find("alicloud_vswitch.web[1]")!;
        Assert.Equal("cn-hangzhou-i", vswitch["zone_id"]!.AsString);
        var sg = graph.Find("module.security.alicloud_security_group.web")!;
        Assert.Equal(["security"], sg.ModulePath);
        Assert.Equal(("alicloud", "hangzhou"), (sg.Provider, sg.ProviderAlias));
        Assert.Equal("[{ cidr_ip = \"0.0.0.0/0\", port_range = \"80/80\" }, { cidr_ip = \"0.0.0.0/0\", port_range = \"22/22\" }]", sg["rules"]!.ToString());
    }

    [Theory]
    [InlineData("{}", "not a Terraform state")]
    [InlineData("{\"version\": 5, \"resources\": []}", "state version 5 is not supported")]
    [InlineData("[1, 2]", "not a Terraform state")]
    public void NotAState_IsAProblemNotACrash(string json, string message)
    {
        using var doc = JsonDocument.Parse(json);
        var graph = StateReader.Read("x.tfstate", doc);
        Assert.Empty(graph.Resources);
        Assert.StartsWith(message, Assert.Single(graph.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResourceWithoutItsType_IsReported_AndTheOthersRead()
    {
        using var doc = JsonDocument.Parse("""{"version":4,"resources":[{"name":"x","instances":[]},{"mode":"managed","type":"aws_vpc","name":"main","provider":"provider[\"registry.terraform.io/hashicorp/aws\"].west","instances":[{"attributes":{"cidr_block":"10.0.0.0/16"}}]}]}""");
        var graph = StateReader.Read("x.tfstate", doc);
        Assert.Equal("resources[0]", Assert.Single(graph.Problems).Location!.Path);
        var vpc = Assert.Single(graph.Resources);
        Assert.Equal(("aws", "west"), (vpc.Provider, vpc.ProviderAlias));
    }
}
