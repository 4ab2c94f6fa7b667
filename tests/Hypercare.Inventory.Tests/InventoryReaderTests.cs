using Hypercare.Inventory.Graph;

namespace Hypercare.Inventory.Tests;

public sealed class InventoryReaderTests
{
    [Fact]
    public void ADirectoryWalk_ReadsRootModulesStatesPlansAndManifests_Once()
    {
        var graph = InventoryReader.Read(TestData.Path());
        // The configuration's local module is read through its caller, not again as a root.
        Assert.Single(graph.Resources, r => r.Address == "module.db.alicloud_db_instance.orders" && r.Origin == Origin.Configuration);
        Assert.Contains(graph.Resources, r => r.Origin == Origin.State && r.Address == "alicloud_vpc.main");
        Assert.Contains(graph.Resources, r => r.Origin == Origin.Plan && r.Address == "alicloud_vswitch.web[1]");
        Assert.Contains(graph.Resources, r => r.Origin == Origin.Manifest && r.Address == "Deployment/shop/web");
        Assert.DoesNotContain(graph.Resources, r => r.Origin == Origin.Configuration && r.ModulePath.Count == 0 && r.Location!.File!.Contains("/modules/db/", StringComparison.Ordinal));
        Assert.Empty(graph.Problems);
    }

    [Fact]
    public void AMissingPath_IsAProblem()
    {
        var graph = InventoryReader.Read("/nonexistent/infra");
        Assert.Equal("not-found", Assert.Single(graph.Problems).Code);
    }

    [Fact]
    public void ASingleFile_IsReadByItsKind()
    {
        Assert.Equal(5, InventoryReader.Read(TestData.Path("alicloud-web", "terraform.tfstate")).Resources.Count);
        Assert.Equal(7, InventoryReader.Read(TestData.Path("k8s-shop", "app.yaml")).Resources.Count);
        Assert.Equal("unsupported-file", Assert.Single(InventoryReader.Read(TestData.Path("alicloud-web", "config", "terraform.tfvars")).Problems).Code);
    }
}
