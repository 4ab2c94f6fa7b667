using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hypercare.LoadTesting.Distributed;

/// <summary>
/// Writes the Kubernetes objects that run a plan on N agents: the plan as a ConfigMap, a
/// ReadWriteMany claim for the results, an Indexed Job whose pod i runs segment i of N, and a merge
/// Job that combines the agents' results once they are all written.
/// </summary>
public static partial class KubernetesJobWriter
{
    /// <summary>The most agents one Job may run.</summary>
    public const int MaxAgents = 1000;

    /// <summary>The longest job name: the merge Job's name adds "-merge" and must stay a 63-character label.</summary>
    public const int MaxNameLength = 57;

    /// <summary>Where the plan ConfigMap is mounted in every pod.</summary>
    public const string PlanDirectory = "/plan";

    /// <summary>Where the results claim is mounted in every pod.</summary>
    public const string ResultsDirectory = "/results";

    /// <summary>The environment variable that carries the pod's completion index.</summary>
    public const string CompletionIndexVariable = "JOB_COMPLETION_INDEX";

    // Kubernetes sets JOB_COMPLETION_INDEX in Indexed Jobs, but $(VAR) in args expands only
    // variables declared in the container's env, so it is declared from the pod annotation.
    private const string CompletionIndexFieldPath = "metadata.annotations['batch.kubernetes.io/job-completion-index']";

    /// <summary>
    /// All objects as one multi-document YAML: ConfigMap, PersistentVolumeClaim (unless
    /// <see cref="KubernetesJobOptions.CreateResultsClaim"/> is false), the agent Job and, last, the merge Job.
    /// The merge Job fails if applied before every agent has written its result; apply it after
    /// the agent Job completes (or use <see cref="WriteAgents"/> and <see cref="WriteMerge"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An option is not valid; the message names it.</exception>
    public static string Write(KubernetesJobOptions options)
    {
        Validate(options);
        var text = new StringBuilder();
        AppendHeader(text, options);
        AppendDocuments(text, AgentDocuments(options));
        text.Append(CultureInfo.InvariantCulture, $"""
            # Apply after the agents complete:
            #   kubectl wait --for=condition=complete --timeout=-1s job/{options.Name}{NamespaceFlag(options)}

            """);
        AppendDocuments(text, [MergeJob(options)]);
        return text.ToString();
    }

    /// <summary>The ConfigMap, the claim and the agent Job: what to apply first.</summary>
    /// <exception cref="ArgumentException">An option is not valid; the message names it.</exception>
    public static string WriteAgents(KubernetesJobOptions options)
    {
        Validate(options);
        var text = new StringBuilder();
        AppendHeader(text, options);
        AppendDocuments(text, AgentDocuments(options));
        return text.ToString();
    }

    /// <summary>The merge Job alone: what to apply once the agent Job has completed.</summary>
    /// <exception cref="ArgumentException">An option is not valid; the message names it.</exception>
    public static string WriteMerge(KubernetesJobOptions options)
    {
        Validate(options);
        var text = new StringBuilder();
        AppendDocuments(text, [MergeJob(options)]);
        return text.ToString();
    }

    private static void AppendHeader(StringBuilder text, KubernetesJobOptions options) =>
        text.Append(CultureInfo.InvariantCulture, $"""
            # Hypercare stress run "{options.Name}": {options.Agents} agent(s) as one Indexed Job; agent i runs segment i/{options.Agents}:(i+1)/{options.Agents}.
            # Results go to the ReadWriteMany claim {options.EffectiveResultsClaimName}, one file per agent, then the merge Job combines them.

            """);

    private static IEnumerable<YamlMappingNode> AgentDocuments(KubernetesJobOptions options)
    {
        yield return PlanConfigMap(options);
        if (options.CreateResultsClaim)
        {
            yield return ResultsClaim(options);
        }

        yield return AgentJob(options);
    }

    private static void AppendDocuments(StringBuilder text, IEnumerable<YamlMappingNode> documents)
    {
        foreach (var document in documents)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
            var yaml = writer.ToString().ReplaceLineEndings("\n");
            // The emitter closes every document with "..."; "---" before each is the usual form for kubectl.
            if (yaml.EndsWith("...\n", StringComparison.Ordinal))
            {
                yaml = yaml[..^4];
            }

            text.Append("---\n").Append(yaml);
        }
    }

    private static YamlMappingNode PlanConfigMap(KubernetesJobOptions options) =>
        new Mapping()
            .Add("apiVersion", "v1")
            .Add("kind", "ConfigMap")
            .Add("metadata", Metadata(options, PlanConfigMapName(options), "plan"))
            .Add("data", new Mapping().Add(options.PlanFileName, Literal(options.PlanText)))
            .Node;

    private static YamlMappingNode ResultsClaim(KubernetesJobOptions options)
    {
        var spec = new Mapping()
            .Add("accessModes", Sequence("ReadWriteMany"))
            .Add("resources", new Mapping().Add("requests", new Mapping().Add("storage", options.ResultsStorage)));
        if (options.StorageClassName is not null)
        {
            spec.Add("storageClassName", options.StorageClassName);
        }

        return new Mapping()
            .Add("apiVersion", "v1")
            .Add("kind", "PersistentVolumeClaim")
            .Add("metadata", Metadata(options, options.EffectiveResultsClaimName, "results"))
            .Add("spec", spec)
            .Node;
    }

    private static YamlMappingNode AgentJob(KubernetesJobOptions options)
    {
        var index = $"$({CompletionIndexVariable})";
        var arguments = new List<string>
        {
            "stress", "run", $"{PlanDirectory}/{options.PlanFileName}",
            "--segment-index", index,
            "--segments", options.Agents.ToString(CultureInfo.InvariantCulture),
            "--out", $"{ResultsDirectory}/agent-{index}.json",
        };
        arguments.AddRange(options.ExtraArgs);

        var container = new Mapping()
            .Add("name", "agent")
            .Add("image", options.Image)
            .Add("command", Sequence("hypercare"))
            .Add("args", Sequence([.. arguments]))
            .Add("env", new YamlSequenceNode(new Mapping()
                .Add("name", CompletionIndexVariable)
                .Add("valueFrom", new Mapping().Add("fieldRef", new Mapping().Add("fieldPath", CompletionIndexFieldPath)))
                .Node))
            .Add("volumeMounts", new YamlSequenceNode(
                new Mapping().Add("name", "plan").Add("mountPath", PlanDirectory).Add("readOnly", Boolean(true)).Node,
                new Mapping().Add("name", "results").Add("mountPath", ResultsDirectory).Node));

        var podSpec = new Mapping()
            .Add("restartPolicy", "Never")
            .Add("containers", new YamlSequenceNode(container.Node))
            .Add("volumes", new YamlSequenceNode(
                new Mapping().Add("name", "plan").Add("configMap", new Mapping().Add("name", PlanConfigMapName(options))).Node,
                ResultsVolume(options)));

        return new Mapping()
            .Add("apiVersion", "batch/v1")
            .Add("kind", "Job")
            .Add("metadata", Metadata(options, options.Name, "agent"))
            .Add("spec", new Mapping()
                .Add("completionMode", "Indexed")
                .Add("completions", Integer(options.Agents))
                .Add("parallelism", Integer(options.Agents))
                .Add("backoffLimit", Integer(0))
                .Add("template", new Mapping()
                    .Add("metadata", new Mapping().Add("labels", Labels(options, "agent")))
                    .Add("spec", podSpec)))
            .Node;
    }

    private static YamlMappingNode MergeJob(KubernetesJobOptions options)
    {
        // Kubernetes turns $$ into $ in args, so the shell sees $(ls …) rather than a variable reference.
        var script = string.Create(CultureInfo.InvariantCulture, $"""
            set -e
            found=$$(ls {ResultsDirectory}/agent-*.json 2>/dev/null | wc -l)
            if [ "$found" -ne {options.Agents} ]; then echo "expected {options.Agents} agent results in {ResultsDirectory}, found $found; apply the merge after job/{options.Name} completes" >&2; exit 1; fi
            exec hypercare stress merge {ResultsDirectory}/agent-*.json --out {ResultsDirectory}/merged.json
            """);
        var container = new Mapping()
            .Add("name", "merge")
            .Add("image", options.Image)
            .Add("command", Sequence("sh", "-c"))
            .Add("args", new YamlSequenceNode(Literal(script.ReplaceLineEndings("\n") + "\n")))
            .Add("volumeMounts", new YamlSequenceNode(
                new Mapping().Add("name", "results").Add("mountPath", ResultsDirectory).Node));

        return new Mapping()
            .Add("apiVersion", "batch/v1")
            .Add("kind", "Job")
            .Add("metadata", Metadata(options, $"{options.Name}-merge", "merge"))
            .Add("spec", new Mapping()
                .Add("completions", Integer(1))
                .Add("parallelism", Integer(1))
                .Add("backoffLimit", Integer(0))
                .Add("template", new Mapping()
                    .Add("metadata", new Mapping().Add("labels", Labels(options, "merge")))
                    .Add("spec", new Mapping()
                        .Add("restartPolicy", "Never")
                        .Add("containers", new YamlSequenceNode(container.Node))
                        .Add("volumes", new YamlSequenceNode(ResultsVolume(options))))))
            .Node;
    }

    private static YamlMappingNode ResultsVolume(KubernetesJobOptions options) =>
        new Mapping()
            .Add("name", "results")
            .Add("persistentVolumeClaim", new Mapping().Add("claimName", options.EffectiveResultsClaimName))
            .Node;

    private static Mapping Metadata(KubernetesJobOptions options, string name, string component)
    {
        var metadata = new Mapping().Add("name", name);
        if (options.Namespace is not null)
        {
            metadata.Add("namespace", options.Namespace);
        }

        return metadata.Add("labels", Labels(options, component));
    }

    private static Mapping Labels(KubernetesJobOptions options, string component) =>
        new Mapping()
            .Add("app.kubernetes.io/name", "hypercare")
            .Add("app.kubernetes.io/component", component)
            .Add("app.kubernetes.io/instance", options.Name);

    private static string PlanConfigMapName(KubernetesJobOptions options) => $"{options.Name}-plan";

    private static string NamespaceFlag(KubernetesJobOptions options) =>
        options.Namespace is null ? string.Empty : $" -n {options.Namespace}";

    private static YamlSequenceNode Sequence(params string[] items) =>
        new([.. items.Select(item => (YamlNode)Text(item))]);

    private static YamlScalarNode Integer(int value) =>
        new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    private static YamlScalarNode Boolean(bool value) =>
        new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    private static YamlScalarNode Literal(string value) =>
        new(value) { Style = ScalarStyle.Literal };

    /// <summary>
    /// A string scalar: plain when no YAML reader could take it for anything but a string,
    /// double-quoted otherwise (numbers, YAML 1.1 booleans such as "on", text with ':' or '#').
    /// </summary>
    private static YamlScalarNode Text(string value) =>
        new(value) { Style = SafePlainText().IsMatch(value) && !ReservedWords.Contains(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null",
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._/-]*$")]
    private static partial Regex SafePlainText();

    private static void Validate(KubernetesJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Name is null || options.Name.Length > MaxNameLength || !DnsLabel().IsMatch(options.Name))
        {
            throw new ArgumentException($"The job name '{options.Name}' must be a DNS-1123 label of at most {MaxNameLength} characters: lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }

        if (options.Namespace is not null && (options.Namespace.Length > 63 || !DnsLabel().IsMatch(options.Namespace)))
        {
            throw new ArgumentException($"The namespace '{options.Namespace}' must be a DNS-1123 label of at most 63 characters: lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(options.Image) || options.Image.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"The image '{options.Image}' must be an image reference without spaces, such as {KubernetesJobOptions.DefaultImage}.");
        }

        if (options.Agents is < 1 or > MaxAgents)
        {
            throw new ArgumentException($"The number of agents must be between 1 and {MaxAgents}, not {options.Agents}.");
        }

        if (options.PlanFileName is null || options.PlanFileName.Length > 253 || options.PlanFileName is "." or ".." || !ConfigMapKey().IsMatch(options.PlanFileName))
        {
            throw new ArgumentException($"The plan file name '{options.PlanFileName}' must be a file name of letters, digits, '-', '_' and '.' (it is the key of the plan in a ConfigMap).");
        }

        if (options.PlanText is null)
        {
            throw new ArgumentException("The plan text is missing.");
        }

        if (options.ResultsClaimName is not null && (options.ResultsClaimName.Length > 253 || !DnsSubdomain().IsMatch(options.ResultsClaimName)))
        {
            throw new ArgumentException($"The results claim name '{options.ResultsClaimName}' must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.");
        }

        if (options.ResultsStorage is null || !Quantity().IsMatch(options.ResultsStorage))
        {
            throw new ArgumentException($"The results storage '{options.ResultsStorage}' must be a Kubernetes quantity such as 1Gi or 500Mi.");
        }

        if (options.StorageClassName is not null && (options.StorageClassName.Length > 253 || !DnsSubdomain().IsMatch(options.StorageClassName)))
        {
            throw new ArgumentException($"The storage class name '{options.StorageClassName}' must be a DNS-1123 subdomain.");
        }

        if (options.ExtraArgs is null || options.ExtraArgs.Any(argument => argument is null))
        {
            throw new ArgumentException("The extra arguments must not be or contain null.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKey();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")]
    private static partial Regex Quantity();

    /// <summary>A mapping built in order, keys as plain or quoted strings like any other text.</summary>
    private sealed class Mapping
    {
        public YamlMappingNode Node { get; } = [];

        public Mapping Add(string key, string value) => Add(key, Text(value));

        public Mapping Add(string key, Mapping value) => Add(key, value.Node);

        public Mapping Add(string key, YamlNode value)
        {
            Node.Add(Text(key), value);
            return this;
        }
    }
}
