using Hypercare.Inventory.Graph;
using Hypercare.Inventory.Kubernetes;

namespace Hypercare.Inventory.Tests.Kubernetes;

public sealed class ManifestReaderTests
{
    private static ResourceGraph Shop() => ManifestReader.Read("app.yaml", File.ReadAllText(TestData.Path("k8s-shop", "app.yaml")));

    [Fact]
    public void Documents_AndListItems_BecomeResources_WithTypedLocatedFields()
    {
        var graph = Shop();
        Assert.Empty(graph.Problems);
        Assert.Equal(["ConfigMap/shop/shop-config", "Deployment/shop/web", "Service/shop/web", "Ingress/shop/shop", "HorizontalPodAutoscaler/shop/web", "PodDisruptionBudget/shop/web", "StatefulSet/shop/cache"],
            graph.Resources.Select(r => r.Address));
        var web = graph.Find("Deployment/shop/web")!;
        Assert.Equal(("kubernetes", Origin.Manifest), (web.Provider, web.Origin));
        Assert.Equal(3m, web["spec"]!["replicas"]!.AsNumber);
        Assert.Equal((17, 13), (web["spec"]!["replicas"]!.Location!.Line, web["spec"]!["replicas"]!.Location!.Column));
        Assert.Equal("1.4", web["spec"]!["template"]!["metadata"]!["labels"]!["version"]!.AsString);   // quoted: a string
        Assert.Equal("8", graph.Find("ConfigMap/shop/shop-config")!["data"]!["DB_POOL_SIZE"]!.AsString);
        Assert.Equal(70m, graph.Find("HorizontalPodAutoscaler/shop/web")!["spec"]!["metrics"]!.Items[0]["resource"]!["target"]!["averageUtilization"]!.AsNumber);
    }

    [Fact]
    public void Selectors_AndNames_BecomeReferences()
    {
        var graph = Shop();
        Assert.Equal(["Deployment/shop/web"], graph.Find("Service/shop/web")!.References.Select(r => r.Target));
        Assert.Equal(["Deployment/shop/web"], graph.Find("PodDisruptionBudget/shop/web")!.References.Select(r => r.Target));
        Assert.Equal(["Deployment/shop/web"], graph.Find("HorizontalPodAutoscaler/shop/web")!.References.Select(r => r.Target));
        Assert.Equal(["Service/shop/web"], graph.Find("Ingress/shop/shop")!.References.Select(r => r.Target));
        Assert.Equal(["ConfigMap/shop/shop-config"], graph.Find("Deployment/shop/web")!.References.Select(r => r.Target));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   bad: indent\n", 5, "invalid-yaml")]
    [InlineData("apiVersion: v1\nkind: Service\nspec: {}\n", 1, "invalid-manifest")]
    [InlineData("kind: Service\nmetadata: { name: a }\n", 1, "invalid-manifest")]
    public void BadManifests_AreLocatedProblems(string yaml, int line, string code)
    {
        var problem = Assert.Single(ManifestReader.Read("bad.yaml", yaml).Problems);
        Assert.Equal((code, "bad.yaml", line), (problem.Code, problem.Location!.File, problem.Location.Line));
    }

    [Fact]
    public void ObjectsBeforeABrokenDocument_AreKept()
    {
        var graph = ManifestReader.Read("two.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok }\n---\napiVersion: v1\nkind: [unclosed\n");
        Assert.Equal("ConfigMap/default/ok", Assert.Single(graph.Resources).Address);
        Assert.Single(graph.Problems);
    }
}
