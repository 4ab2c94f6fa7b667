using System.Globalization;
using System.Text.RegularExpressions;
using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hypercare.Inventory.Kubernetes;

/// <summary>
/// Reads Kubernetes manifests: multi-document YAML, and <c>List</c> kinds whose items are objects. Each object is a
/// resource addressed <c>Kind/namespace/name</c>, with its fields as typed values located by line and column.
/// Selectors are resolved to references: a Service's and a PodDisruptionBudget's selectors to the workloads whose pod
/// labels match, an HPA's scale target, an Ingress's backend services, and the ConfigMaps and Secrets pods use.
/// </summary>
public static partial class ManifestReader
{
    private static readonly HashSet<string> Workloads = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod" };

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex Number();

    /// <summary>Whether a YAML text looks like Kubernetes objects (has apiVersion and kind at the top level).</summary>
    public static bool LooksLikeManifest(string text) =>
        text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal);

    /// <summary>Reads the objects of a manifest file; YAML errors are located problems, objects before them are kept.</summary>
    public static ResourceGraph Read(string file, string text)
    {
        var resources = new List<Resource>();
        var problems = new List<Problem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new Problem("invalid-yaml", Clean(e.Message), new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column, null), "check the indentation and quoting around this place"));
        }
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root) continue;
            Objects(file, root, resources, problems);
        }
        Link(resources);
        return new ResourceGraph(resources, problems);
    }

    private static void Objects(string file, YamlMappingNode node, List<Resource> resources, List<Problem> problems)
    {
        var value = From(file, node);
        var kind = value["kind"]?.AsString;
        if (kind is null || value["apiVersion"]?.AsString is null)
        {
            problems.Add(new Problem("invalid-manifest", "an object without 'apiVersion' and 'kind'", Location(file, node), "every Kubernetes object names its apiVersion and kind"));
            return;
        }
        if (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal) && node.Children.ContainsKey(new YamlScalarNode("items")))
        {
            if (node.Children.TryGetValue(new YamlScalarNode("items"), out var items) && items is YamlSequenceNode list)
                foreach (var item in list.Children.OfType<YamlMappingNode>()) Objects(file, item, resources, problems);
            return;
        }
        var metadata = value["metadata"];
        var name = metadata?["name"]?.AsString ?? metadata?["generateName"]?.AsString;
        if (name is null)
        {
            problems.Add(new Problem("invalid-manifest", $"a {kind} without metadata.name", Location(file, node), null));
            return;
        }
        var ns = metadata?["namespace"]?.AsString ?? "default";
        var attributes = value.Members.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        resources.Add(new Resource($"{kind}/{ns}/{name}", "managed", kind, name, null, "kubernetes", null, [], attributes, [], Origin.Manifest, Location(file, node)));
    }

    /// <summary>Resolves selectors and names to references between the objects read.</summary>
    private static void Link(List<Resource> resources)
    {
        for (var i = 0; i < resources.Count; i++)
        {
            var r = resources[i];
            var ns = r.Address.Split('/')[1];
            var references = new List<ResourceReference>();
            var spec = r["spec"];
            var selector = spec?["selector"];
            var target = spec?["scaleTargetRef"];
            switch (r.Type)
            {
                case "Service" when selector is { Kind: ValueKind.Map }:
                    foreach (var w in Matching(resources, ns, selector, null)) references.Add(new ResourceReference("spec.selector", w.Address, null));
                    break;
                case "PodDisruptionBudget" when selector is not null:
                    foreach (var w in Matching(resources, ns, selector["matchLabels"] ?? Value.Map([]), selector["matchExpressions"]))
                        references.Add(new ResourceReference("spec.selector", w.Address, null));
                    break;
                case "HorizontalPodAutoscaler" when TargetOf(target) is { } scaled:
                    references.Add(new ResourceReference("spec.scaleTargetRef", $"{scaled.Kind}/{ns}/{scaled.Name}", null));
                    break;
                case "Ingress":
                    foreach (var service in IngressServices(spec).Distinct()) references.Add(new ResourceReference("spec.rules", $"Service/{ns}/{service}", null));
                    break;
            }
            if (Workloads.Contains(r.Type))
                foreach (var (attribute, kind, name) in PodReferences(PodSpec(r)))
                    references.Add(new ResourceReference(attribute, $"{kind}/{ns}/{name}", null));
            if (references.Count > 0) resources[i] = r with { References = references };
        }
    }

    private static (string Kind, string Name)? TargetOf(Value? target) =>
        target?["kind"]?.AsString is { } kind && target["name"]?.AsString is { } name ? (kind, name) : null;

    private static Value? PodSpec(Resource r) => r.Type switch
    {
        "Pod" => r["spec"],
        "CronJob" => r["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"],
        _ => r["spec"]?["template"]?["spec"],
    };

    private static Value? PodLabels(Resource r) => r.Type switch
    {
        "Pod" => r["metadata"]?["labels"],
        "CronJob" => r["spec"]?["jobTemplate"]?["spec"]?["template"]?["metadata"]?["labels"],
        _ => r["spec"]?["template"]?["metadata"]?["labels"],
    };

    private static IEnumerable<Resource> Matching(List<Resource> resources, string ns, Value matchLabels, Value? expressions)
    {
        if (matchLabels.Members.Count == 0 && (expressions is null || expressions.Items.Count == 0)) yield break;
        foreach (var w in resources)
        {
            if (!Workloads.Contains(w.Type) || w.Address.Split('/')[1] != ns || PodLabels(w) is not { Kind: ValueKind.Map } labels) continue;
            if (!matchLabels.Members.All(m => labels[m.Key]?.AsString == m.Value.AsString)) continue;
            if (expressions is not null && !expressions.Items.All(e => Holds(e, labels))) continue;
            yield return w;
        }
    }

    private static bool Holds(Value expression, Value labels)
    {
        var key = expression["key"]?.AsString ?? "";
        var values = expression["values"]?.Items.Select(v => v.AsString).ToList() ?? [];
        var actual = labels[key]?.AsString;
        return expression["operator"]?.AsString switch
        {
            "In" => actual is not null && values.Contains(actual),
            "NotIn" => actual is null || !values.Contains(actual),
            "Exists" => actual is not null,
            "DoesNotExist" => actual is null,
            _ => false,
        };
    }

    private static IEnumerable<string> IngressServices(Value? spec)
    {
        if (spec is null) yield break;
        var backends = new List<Value?> { spec["defaultBackend"], spec["backend"] };
        foreach (var rule in spec["rules"]?.Items ?? [])
            foreach (var path in rule["http"]?["paths"]?.Items ?? [])
                backends.Add(path["backend"]);
        foreach (var b in backends)
        {
            if (b?["service"]?["name"]?.AsString is { } v1) yield return v1;
            else if (b?["serviceName"]?.AsString is { } beta) yield return beta;
        }
    }

    private static IEnumerable<(string Attribute, string Kind, string Name)> PodReferences(Value? pod)
    {
        if (pod is null) yield break;
        foreach (var volume in pod["volumes"]?.Items ?? [])
        {
            if (volume["configMap"]?["name"]?.AsString is { } cm) yield return ("spec.volumes", "ConfigMap", cm);
            if (volume["secret"]?["secretName"]?.AsString is { } secret) yield return ("spec.volumes", "Secret", secret);
            if (volume["persistentVolumeClaim"]?["claimName"]?.AsString is { } claim) yield return ("spec.volumes", "PersistentVolumeClaim", claim);
        }
        foreach (var container in (pod["containers"]?.Items ?? []).Concat(pod["initContainers"]?.Items ?? []))
        {
            foreach (var from in container["envFrom"]?.Items ?? [])
            {
                if (from["configMapRef"]?["name"]?.AsString is { } cm) yield return ("spec.containers.envFrom", "ConfigMap", cm);
                if (from["secretRef"]?["name"]?.AsString is { } s) yield return ("spec.containers.envFrom", "Secret", s);
            }
            foreach (var env in container["env"]?.Items ?? [])
            {
                if (env["valueFrom"]?["configMapKeyRef"]?["name"]?.AsString is { } cm) yield return ("spec.containers.env", "ConfigMap", cm);
                if (env["valueFrom"]?["secretKeyRef"]?["name"]?.AsString is { } s) yield return ("spec.containers.env", "Secret", s);
            }
        }
    }

    /// <summary>A YAML node as a typed value (YAML 1.2 core schema for plain scalars; quoted scalars are strings).</summary>
    private static Value From(string file, YamlNode node) => node switch
    {
        YamlMappingNode map => Value.Map(map.Children.Select(kv => new KeyValuePair<string, Value>(kv.Key is YamlScalarNode k ? k.Value ?? "" : kv.Key.ToString(), From(file, kv.Value))).ToList(), Location(file, node)),
        YamlSequenceNode seq => Value.List(seq.Children.Select(c => From(file, c)).ToList(), Location(file, node)),
        YamlScalarNode scalar => Scalar(scalar, Location(file, node)),
        _ => Value.Null(Location(file, node)),
    };

    private static Value Scalar(YamlScalarNode s, SourceLocation at)
    {
        var text = s.Value ?? "";
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded) return Value.Of(text, at);
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => Value.Null(at),
            "true" or "True" or "TRUE" => Value.Of(true, at),
            "false" or "False" or "FALSE" => Value.Of(false, at),
            _ when Number().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => Value.Of(n, at),
            _ => Value.Of(text, at),
        };
    }

    private static SourceLocation Location(string file, YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column, null);

    private static string Clean(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }
}
