namespace Hypercare.Inspection.Tests.Fixtures;

/// <summary>Kubernetes rules: for each, a configuration that fails it, one that passes it, one it cannot judge, and the failure's message.</summary>
internal static class KubernetesFixtures
{
    private const string RequestsNoProbe = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n";
    private const string ProbedNoRequests = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n";
    private const string ProbedWithRequests = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n";
    private const string SingleReplica = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 1\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n";

    public static readonly Dictionary<string, RuleFixture> Cases = new()
    {
        ["HC-K8S-AVL-001"] = new(
            RequestsNoProbe, ProbedWithRequests, null, "container web has no readinessProbe"),
        ["HC-K8S-CAP-001"] = new(
            ProbedNoRequests, ProbedWithRequests, null, "container web requests no cpu and no memory"),
        ["HC-K8S-AVL-002"] = new(
            SingleReplica, ProbedWithRequests, null, "replicas is 1 and no autoscaler targets it"),
    };
}
