namespace Hypercare.Inspection.Tests.Fixtures;

/// <summary>Kubernetes rules: for each, a configuration that fails it, one that passes it, one it cannot judge, and the failure's message.</summary>
internal static class KubernetesFixtures
{
    private const string RequestsNoProbe = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n";
    private const string ProbedNoRequests = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n";
    private const string ProbedWithRequests = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n";
    private const string SingleReplica = "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 1\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: shop:1\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          resources: { requests: { cpu: 500m, memory: 512Mi } }\n";

    private const string Readiness = "          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }\n";
    private const string SameLiveness = "          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }\n";
    private const string OwnLiveness = "          livenessProbe: { httpGet: { path: /livez, port: 8080 }, failureThreshold: 5 }\n";

    /// <summary>
    /// Deployment shop/web (pods labelled app: web), 3 replicas unless told otherwise; <paramref name="spec"/> lines are
    /// indented 2 spaces, <paramref name="pod"/> lines 6 and <paramref name="container"/> lines 10.
    /// </summary>
    private static string Web(string container = "", string pod = "", string spec = "", int replicas = 3, string image = "shop:1", string annotations = "") =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{ name: web, namespace: shop }}\nspec:\n  replicas: {replicas}\n{spec}  selector: {{ matchLabels: {{ app: web }} }}\n  template:\n    metadata:\n      labels: {{ app: web }}\n{annotations}    spec:\n{pod}      containers:\n        - name: web\n          image: {image}\n          resources: {{ requests: {{ cpu: 500m, memory: 512Mi }} }}\n{container}";

    private static string Budget(string rule, string app = "web") =>
        $"---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{ name: web, namespace: shop }}\nspec:\n  {rule}\n  selector: {{ matchLabels: {{ app: {app} }} }}\n";

    private static string Autoscaler(string min, string max) =>
        $"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{ name: web, namespace: shop }}\nspec:\n  scaleTargetRef: {{ apiVersion: apps/v1, kind: Deployment, name: web }}\n  minReplicas: {min}\n  maxReplicas: {max}\n";

    private static string Service(string type = "ClusterIP", int port = 80, string extra = "") =>
        $"---\napiVersion: v1\nkind: Service\nmetadata: {{ name: web, namespace: shop, labels: {{ app: web }} }}\nspec:\n  type: {type}\n  selector: {{ app: web }}\n  ports:\n    - port: {port}\n{extra}";

    private const string ServiceMonitor = "---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: web, namespace: shop }\nspec:\n  selector: { matchLabels: { app: web } }\n  endpoints: [{ port: http, path: /metrics }]\n";

    /// <summary>Deployment shop/web behind Service shop/web, ready for an autoscaler after a document separator.</summary>
    private static readonly string Served = Web() + Service() + "---\n";

    public static readonly Dictionary<string, RuleFixture> Cases = new()
    {
        ["HC-K8S-AVL-001"] = new(
            RequestsNoProbe, ProbedWithRequests, null, "container web has no readinessProbe"),
        ["HC-K8S-CAP-001"] = new(
            ProbedNoRequests, ProbedWithRequests, null, "container web requests no cpu and no memory"),
        ["HC-K8S-AVL-002"] = new(
            SingleReplica, SingleReplica + "---\n" + Autoscaler("2", "6"), null, "replicas is 1 and no autoscaler targets it"),
        ["HC-K8S-AVL-003"] = new(
            Web(), Web() + Budget("maxUnavailable: 1"), null,
            "3 replicas and no PodDisruptionBudget selects its pods"),
        ["HC-K8S-AVL-004"] = new(
            Web() + Budget("minAvailable: 3"), Web() + Budget("minAvailable: 2"), Web() + Budget("minAvailable: 2", app: "api"),
            "minAvailable 3 is not below the 3 replicas of Deployment/shop/web: no pod may be evicted, so node drains hang"),
        ["HC-K8S-AVL-005"] = new(
            Web(Readiness + SameLiveness), Web(Readiness + OwnLiveness), null,
            "container web: livenessProbe and readinessProbe both check httpGet /healthz on port 8080"),
        ["HC-K8S-AVL-006"] = new(
            Web(Readiness), Web(Readiness + OwnLiveness), null,
            "container web has no livenessProbe"),
        ["HC-K8S-AVL-007"] = new(
            Web(),
            Web(pod: "      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }\n"),
            null,
            "3 replicas with neither podAntiAffinity nor topologySpreadConstraints"),
        ["HC-K8S-AVL-008"] = new(
            Web(spec: "  strategy: { type: Recreate }\n"),
            Web(spec: "  strategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }\n"),
            null,
            "strategy is Recreate: every pod stops before the new ones start"),
        ["HC-K8S-AVL-009"] = new(
            Web() + Service(),
            Web("          lifecycle: { preStop: { exec: { command: [sleep, \"10\"] } } }\n") + Service(),
            null,
            "container web is behind a Service and has no lifecycle.preStop hook"),
        ["HC-K8S-CAP-002"] = new(
            Served + Autoscaler("3", "12"), Served + Autoscaler("3", "20"), Autoscaler("3", "20"),
            "maxReplicas 12 × 150/s per pod holds 1800/s; the peak of 2000/s with 30% headroom needs 2600/s (18 pods)"),
        ["HC-K8S-CAP-003"] = new(
            Autoscaler("4", "4"), Autoscaler("4", "20"), null,
            "minReplicas 4 and maxReplicas 4: the autoscaler cannot add a pod"),
        ["HC-K8S-CAP-004"] = new(
            Served + Autoscaler("3", "20"), Served + Autoscaler("14", "30"), Served + Autoscaler("\"${MIN_REPLICAS}\"", "30"),
            "minReplicas 3 × 150/s per pod holds 450/s, below the peak of 2000/s: the peak's first minutes wait for scale-out (14 pods hold it)"),
        ["HC-K8S-CAP-005"] = new(
            Web(), Web("          resources: { requests: { cpu: 500m, memory: 512Mi }, limits: { memory: 1Gi } }\n").Replace("          resources: { requests: { cpu: 500m, memory: 512Mi } }\n", "", StringComparison.Ordinal), null,
            "container web has no memory limit"),
        ["HC-K8S-CAP-006"] = new(
            Web(image: "registry.example/shop:latest"), Web(image: "registry.example:5000/shop:1.4.2"), null,
            "container web runs image registry.example/shop:latest without a fixed tag: imagePullPolicy defaults to Always and every pod start asks the registry for it"),
        ["HC-K8S-SEC-001"] = new(
            Web("          securityContext: { privileged: true }\n"), Web("          securityContext: { privileged: false, allowPrivilegeEscalation: false }\n"), null,
            "container web runs privileged (securityContext.privileged true)"),
        ["HC-K8S-SEC-002"] = new(
            Web(pod: "      hostNetwork: true\n"), Web(pod: "      hostNetwork: false\n"), null,
            "the pod shares the node's namespaces: hostNetwork true"),
        ["HC-K8S-SEC-003"] = new(
            Web(), Web(pod: "      securityContext: { runAsNonRoot: true, runAsUser: 10001 }\n"), null,
            "container web sets neither runAsNonRoot true nor a non-zero runAsUser: it runs as the image's user, often root"),
        ["HC-K8S-SEC-004"] = new(
            Service("LoadBalancer", 6379).TrimStart('-', '\n'),
            Service("LoadBalancer", 6379, "  loadBalancerSourceRanges: [10.0.0.0/8]\n").TrimStart('-', '\n'),
            null,
            "type LoadBalancer exposes port 6379, Redis (6379), outside the cluster"),
        ["HC-K8S-OBS-001"] = new(
            Web() + Service(), Web() + Service() + ServiceMonitor, null,
            "behind Service web, and neither a prometheus.io/scrape annotation nor a ServiceMonitor or PodMonitor covers it"),
    };
}
