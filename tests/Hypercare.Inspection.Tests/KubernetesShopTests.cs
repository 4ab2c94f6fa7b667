using Hypercare.Inventory;

namespace Hypercare.Inspection.Tests;

public sealed class KubernetesShopTests
{
    private static readonly EventTargets Launch = new(PeakRate: 2000, Headroom: 0.3, PerInstanceRate: 150, PeakConcurrency: 20000);

    [Fact]
    public void TheShopsManifests_ShowTheirRisks_MostSevereFirst()
    {
        var graph = InventoryReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "k8s-shop", "app.yaml"));
        Assert.Empty(graph.Problems);
        var findings = Inspector.Run(new InspectionContext(graph, Launch));
        Assert.All(findings, f => Assert.Equal(Outcome.Fail, f.Outcome));
        Assert.Equal(
        [
            ("HC-K8S-CAP-002", "HorizontalPodAutoscaler/shop/web"),
            ("HC-K8S-AVL-001", "StatefulSet/shop/cache"),
            ("HC-K8S-AVL-002", "StatefulSet/shop/cache"),
            ("HC-K8S-AVL-007", "Deployment/shop/web"),
            ("HC-K8S-CAP-001", "StatefulSet/shop/cache"),
            ("HC-K8S-CAP-004", "HorizontalPodAutoscaler/shop/web"),
            ("HC-K8S-CAP-005", "StatefulSet/shop/cache"),
            ("HC-K8S-SEC-003", "Deployment/shop/web"),
            ("HC-K8S-SEC-003", "StatefulSet/shop/cache"),
            ("HC-K8S-AVL-006", "Deployment/shop/web"),
            ("HC-K8S-AVL-006", "StatefulSet/shop/cache"),
            ("HC-K8S-AVL-009", "Deployment/shop/web"),
            ("HC-K8S-OBS-001", "Deployment/shop/web"),
        ], findings.Select(f => (f.Rule.Id, f.Resource)));
        // The budget (minAvailable 2) leaves room below the 3 to 12 replicas, so neither budget rule fires.
        Assert.DoesNotContain(findings, f => f.Rule.Id is "HC-K8S-AVL-003" or "HC-K8S-AVL-004");
        var spread = findings.Single(f => f.Rule.Id == "HC-K8S-AVL-007");
        Assert.Equal("3 to 12 replicas (autoscaled) with neither podAntiAffinity nor topologySpreadConstraints", spread.Message);
    }

    [Fact]
    public void WithoutTheEventsNumbers_TheAutoscalerCapacityRulesCouldNotVerify()
    {
        var graph = InventoryReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "k8s-shop", "app.yaml"));
        var findings = Inspector.Run(new InspectionContext(graph, EventTargets.None)).Where(f => f.Rule.Id is "HC-K8S-CAP-002" or "HC-K8S-CAP-004").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal((Outcome.CouldNotVerify, "HorizontalPodAutoscaler/shop/web"), (f.Outcome, f.Resource)));
    }
}
