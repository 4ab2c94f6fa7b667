using System.Globalization;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inspection.Rules.Security;

/// <summary>A container that runs privileged or may gain privileges.</summary>
public sealed class PrivilegedContainer : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-SEC-001";
    /// <inheritdoc />
    public override string Title => "Privileged container or privilege escalation allowed";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "An event draws attackers as well as customers, and the team's attention is on the peak; a privileged container, or one whose process may gain privileges, turns a flaw in the app into control of the node and of every other pod scheduled on it.";
    /// <inheritdoc />
    public override string Remediation => "Remove securityContext.privileged (or set it to false) and set securityContext.allowPrivilegeEscalation: false; grant single capabilities under securityContext.capabilities.add only where needed.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/security/pod-security-standards/", "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
        {
            var security = c["securityContext"];
            if (BoolOf(security?["privileged"]) == true)
                yield return Fail(w, $"container {Pods.Name(c)} runs privileged (securityContext.privileged true)", security!["privileged"]);
            else if (BoolOf(security?["allowPrivilegeEscalation"]) == true)
                yield return Fail(w, $"container {Pods.Name(c)} allows privilege escalation (securityContext.allowPrivilegeEscalation true)", security!["allowPrivilegeEscalation"]);
        }
    }
}

/// <summary>A pod that shares the node's network, process or IPC namespace.</summary>
public sealed class HostNamespaces : Rule
{
    private static readonly string[] Fields = ["hostNetwork", "hostPID", "hostIPC"];

    /// <inheritdoc />
    public override string Id => "HC-K8S-SEC-002";
    /// <inheritdoc />
    public override string Title => "Pod sharing the node's namespaces";
    /// <inheritdoc />
    public override Severity Severity => Severity.High;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A pod on the node's network or process namespace sees and reaches everything on the node, so a compromise during the event spreads beyond the pod; with hostNetwork two replicas cannot bind the same port on one node, so a scale-out at the peak stalls once nodes run out.";
    /// <inheritdoc />
    public override string Remediation => "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false) and expose the app through a Service.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var w in Pods.Workloads.SelectMany(context.OfType))
        {
            var pod = Pods.Spec(w);
            var shared = Fields.Where(f => BoolOf(pod?[f]) == true).ToList();
            if (shared.Count > 0)
                yield return Fail(w, $"the pod shares the node's namespaces: {string.Join(", ", shared)} true", pod![shared[0]]);
        }
    }
}

/// <summary>A container that may run as root.</summary>
public sealed class MayRunAsRoot : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-SEC-003";
    /// <inheritdoc />
    public override string Title => "Container that may run as root";
    /// <inheritdoc />
    public override Severity Severity => Severity.Medium;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "Most images run as root unless told otherwise; when the exposed app is attacked during the event, root inside the container makes a container escape or tampering with mounted secrets and volumes far easier.";
    /// <inheritdoc />
    public override string Remediation => "Set securityContext.runAsNonRoot: true and a non-zero runAsUser (e.g. 10001) on the pod or the container, with an image built to run as that user.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var (w, c) in Pods.Containers(context))
        {
            var pod = Pods.Spec(w)?["securityContext"];
            var own = c["securityContext"];
            var nonRoot = BoolOf(own?["runAsNonRoot"]) ?? BoolOf(pod?["runAsNonRoot"]);
            var userValue = own?["runAsUser"] ?? pod?["runAsUser"];
            var user = Pods.Number(userValue);
            if (user == 0)
                yield return Fail(w, $"container {Pods.Name(c)} runs as root (runAsUser 0)", userValue);
            else if (nonRoot != true && user is null)
                yield return Fail(w, $"container {Pods.Name(c)} sets neither runAsNonRoot true nor a non-zero runAsUser: it runs as the image's user, often root", c);
        }
    }
}

/// <summary>A Service that exposes a database, cache or administration port outside the cluster.</summary>
public sealed class ServiceExposesSensitivePort : Rule
{
    /// <inheritdoc />
    public override string Id => "HC-K8S-SEC-004";
    /// <inheritdoc />
    public override string Title => "Service exposing a sensitive port outside the cluster";
    /// <inheritdoc />
    public override Severity Severity => Severity.Critical;
    /// <inheritdoc />
    public override Area Area => Area.Security;
    /// <inheritdoc />
    public override string Provider => "kubernetes";
    /// <inheritdoc />
    public override string Rationale => "A LoadBalancer or NodePort Service puts its ports on addresses outside the cluster; a database, cache or administration port reachable that way is found by scanners within minutes and brute-forced or flooded while the team is busy with the peak.";
    /// <inheritdoc />
    public override string Remediation => "Make the Service type ClusterIP (reach it through a bastion or port-forward), or restrict spec.loadBalancerSourceRanges to the office or VPN ranges, or use an internal load balancer.";
    /// <inheritdoc />
    public override IReadOnlyList<string> References => ["https://kubernetes.io/docs/concepts/services-networking/service/", "https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InspectionContext context)
    {
        foreach (var s in context.OfType("Service"))
        {
            var spec = s["spec"];
            var type = spec?["type"]?.AsString;
            if (type is not ("LoadBalancer" or "NodePort")) continue;
            if (type == "LoadBalancer" && (Restricted(spec?["loadBalancerSourceRanges"]) || Internal(s["metadata"]?["annotations"]))) continue;
            foreach (var port in spec?["ports"]?.Items ?? [])
            {
                var numbers = new[] { Pods.Number(port["port"]), Pods.Number(port["targetPort"]) }.OfType<decimal>().Select(n => (int)n).Distinct();
                var services = numbers.SelectMany(n => SensitivePorts.Within(n, n)).Where(x => !x.StartsWith("HTTP", StringComparison.Ordinal)).Distinct().ToList();
                if (services.Count > 0)
                    yield return Fail(s, string.Create(CultureInfo.InvariantCulture, $"type {type} exposes port {Pods.Text(port["port"])}, {string.Join(", ", services)}, outside the cluster"), port);
            }
        }
    }

    private static bool Restricted(Value? ranges) =>
        ranges?.Items is { Count: > 0 } items && items.All(r => r.AsString is { } cidr && !SensitivePorts.IsInternet(cidr));

    private static bool Internal(Value? annotations) => annotations?.Members.Any(a =>
        a.Key.EndsWith("load-balancer-internal", StringComparison.Ordinal) && (BoolOf(a.Value) == true || a.Value.AsString == "0.0.0.0/0")
        || a.Key.EndsWith("loadbalancer-address-type", StringComparison.Ordinal) && a.Value.AsString == "intranet"
        || a.Key == "networking.gke.io/load-balancer-type" && a.Value.AsString == "Internal") == true;
}
