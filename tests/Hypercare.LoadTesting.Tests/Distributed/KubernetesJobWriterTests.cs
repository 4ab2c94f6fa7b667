using Hypercare.LoadTesting.Distributed;
using YamlDotNet.RepresentationModel;

namespace Hypercare.LoadTesting.Tests.Distributed;

public class KubernetesJobWriterTests
{
    private const string Plan = "name: checkout\nstages:\n  - duration: 30s\n    target: 100 # yes: on\n";

    private static KubernetesJobOptions Options(int agents = 3) => new()
    {
        Name = "checkout-peak",
        Namespace = "load",
        Agents = agents,
        PlanFileName = "checkout.yaml",
        PlanText = Plan,
        ExtraArgs = ["--tag", "run=42", "yes", "007"],
    };

    private static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => ((YamlMappingNode)node)[key],
                int index => ((YamlSequenceNode)node)[index],
                _ => throw new ArgumentException("path steps are keys or indices"),
            };
        }

        return node;
    }

    private static string? Text(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value;

    private static string[] Texts(YamlNode node, params object[] path) =>
        [.. ((YamlSequenceNode)At(node, path)).Children.Select(child => ((YamlScalarNode)child).Value!)];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Every_emitted_object_passes_the_strict_Kubernetes_shape_check(int agents)
    {
        var documents = Documents(KubernetesJobWriter.Write(Options(agents)));

        Assert.Equal(["ConfigMap", "PersistentVolumeClaim", "Job", "Job"], documents.Select(document => Text(document, "kind")));
        foreach (var document in documents)
        {
            Assert.Empty(KubernetesShape.CheckDocument(document));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Every_emitted_object_reads_strictly_into_the_official_Kubernetes_models(int agents)
    {
        // KubernetesClient's models are generated from Kubernetes' OpenAPI document; strict reading refuses
        // any field the API does not have and any value of the wrong type.
        var objects = k8s.KubernetesYaml.LoadAllFromString(KubernetesJobWriter.Write(Options(agents)), strict: true);

        Assert.Collection(objects,
            o => Assert.Equal("checkout.yaml", Assert.IsType<k8s.Models.V1ConfigMap>(o).Data.Keys.Single()),
            o => Assert.Contains("ReadWriteMany", Assert.IsType<k8s.Models.V1PersistentVolumeClaim>(o).Spec.AccessModes),
            o =>
            {
                var job = Assert.IsType<k8s.Models.V1Job>(o);
                Assert.Equal("Indexed", job.Spec.CompletionMode);
                Assert.Equal(agents, job.Spec.Completions);
                Assert.Equal(agents, job.Spec.Parallelism);
                Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
            },
            o => Assert.IsType<k8s.Models.V1Job>(o));
    }

    [Fact]
    public void Strict_reading_refuses_a_field_the_Kubernetes_API_does_not_have()
    {
        var broken = KubernetesJobWriter.Write(Options()).Replace("completionMode: Indexed", "completionMode: Indexed\n  completionz: 3", StringComparison.Ordinal);
        var e = Assert.ThrowsAny<Exception>(() => k8s.KubernetesYaml.LoadAllFromString(broken, strict: true));
        Assert.Contains("completionz", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shape_check_catches_what_Kubernetes_would_reject()
    {
        var broken = Documents("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: Bad_Name}
            spec:
              completions: "3"
              completionMode: indexed
              template:
                spec:
                  restartPolicy: Always
                  containers: [{name: a, image: x, args: [3]}]
                  volumes: [{name: v, emptyDir: {}}]
            """)[0];

        var errors = KubernetesShape.CheckDocument(broken);

        Assert.Contains(errors, error => error.StartsWith(".metadata.name:", StringComparison.Ordinal));
        Assert.Contains(".spec.completions: expected a plain integer", errors);
        Assert.Contains(errors, error => error.StartsWith(".spec.completionMode:", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith(".spec.template.spec.restartPolicy:", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith(".spec.template.spec.containers[0].args[0]:", StringComparison.Ordinal));
        Assert.Contains(".spec.template.spec.volumes[0].emptyDir: unknown field", errors);
    }

    [Fact]
    public void The_agent_job_is_indexed_with_one_completion_and_one_pod_per_agent()
    {
        var job = Documents(KubernetesJobWriter.Write(Options(7)))[2];

        Assert.Equal("checkout-peak", Text(job, "metadata", "name"));
        Assert.Equal("load", Text(job, "metadata", "namespace"));
        Assert.Equal("Indexed", Text(job, "spec", "completionMode"));
        Assert.Equal("7", Text(job, "spec", "completions"));
        Assert.Equal("7", Text(job, "spec", "parallelism"));
        Assert.Equal("0", Text(job, "spec", "backoffLimit"));
        Assert.Equal("Never", Text(job, "spec", "template", "spec", "restartPolicy"));
    }

    [Fact]
    public void Each_agent_runs_the_segment_of_its_completion_index_and_writes_its_own_result()
    {
        var container = At(Documents(KubernetesJobWriter.Write(Options(7)))[2], "spec", "template", "spec", "containers", 0);

        Assert.Equal(["hypercare"], Texts(container, "command"));
        Assert.Equal(
            [
                "stress", "run", "/plan/checkout.yaml",
                "--segment-index", "$(JOB_COMPLETION_INDEX)",
                "--segments", "7",
                "--out", "/results/agent-$(JOB_COMPLETION_INDEX).json",
                "--tag", "run=42", "yes", "007",
            ],
            Texts(container, "args"));
        Assert.Equal("JOB_COMPLETION_INDEX", Text(container, "env", 0, "name"));
        Assert.Equal(
            "metadata.annotations['batch.kubernetes.io/job-completion-index']",
            Text(container, "env", 0, "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal(KubernetesJobOptions.DefaultImage, Text(container, "image"));
    }

    [Fact]
    public void The_plan_is_mounted_from_a_config_map_holding_its_text_unchanged()
    {
        var documents = Documents(KubernetesJobWriter.Write(Options()));
        var configMap = documents[0];
        var pod = At(documents[2], "spec", "template", "spec");

        Assert.Equal("checkout-peak-plan", Text(configMap, "metadata", "name"));
        Assert.Equal(Plan, Text(configMap, "data", "checkout.yaml"));
        Assert.Equal("checkout-peak-plan", Text(pod, "volumes", 0, "configMap", "name"));
        Assert.Equal("/plan", Text(pod, "containers", 0, "volumeMounts", 0, "mountPath"));
        Assert.Equal("true", Text(pod, "containers", 0, "volumeMounts", 0, "readOnly"));
    }

    [Fact]
    public void Plans_with_awkward_text_survive_the_round_trip()
    {
        const string awkward = "  leading spaces\ttab: \"quoted\" 'single' #hash\n\ntrailing spaces   \n---\n...\nno final newline";
        var options = new KubernetesJobOptions { Name = "p", PlanFileName = "plan.yaml", PlanText = awkward };

        var configMap = Documents(KubernetesJobWriter.Write(options))[0];

        Assert.Equal(awkward, Text(configMap, "data", "plan.yaml"));
        Assert.Empty(KubernetesShape.CheckDocument(configMap));
    }

    [Fact]
    public void Agents_and_merge_share_a_read_write_many_results_claim()
    {
        var documents = Documents(KubernetesJobWriter.Write(Options()));
        var claim = documents[1];

        Assert.Equal("checkout-peak-results", Text(claim, "metadata", "name"));
        Assert.Equal(["ReadWriteMany"], Texts(claim, "spec", "accessModes"));
        Assert.Equal("1Gi", Text(claim, "spec", "resources", "requests", "storage"));
        Assert.Equal("checkout-peak-results", Text(documents[2], "spec", "template", "spec", "volumes", 1, "persistentVolumeClaim", "claimName"));
        Assert.Equal("checkout-peak-results", Text(documents[3], "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"));
    }

    [Fact]
    public void An_existing_claim_is_used_without_emitting_one()
    {
        var options = new KubernetesJobOptions
        {
            Name = "run",
            PlanFileName = "plan.yaml",
            PlanText = Plan,
            ResultsClaimName = "shared-results",
            CreateResultsClaim = false,
        };

        var documents = Documents(KubernetesJobWriter.Write(options));

        Assert.Equal(["ConfigMap", "Job", "Job"], documents.Select(document => Text(document, "kind")));
        Assert.Equal("shared-results", Text(documents[1], "spec", "template", "spec", "volumes", 1, "persistentVolumeClaim", "claimName"));
        Assert.False(((YamlMappingNode)At(documents[1], "metadata")).Children.ContainsKey("namespace"));
    }

    [Fact]
    public void The_merge_job_merges_every_agent_result_through_a_shell_glob_once_all_are_there()
    {
        var merge = Documents(KubernetesJobWriter.Write(Options()))[3];
        var container = At(merge, "spec", "template", "spec", "containers", 0);
        var script = Texts(container, "args").Single();

        Assert.Equal("checkout-peak-merge", Text(merge, "metadata", "name"));
        Assert.Equal(["sh", "-c"], Texts(container, "command"));
        Assert.Contains("hypercare stress merge /results/agent-*.json --out /results/merged.json", script, StringComparison.Ordinal);
        Assert.Contains("[ \"$found\" -ne 3 ]", script, StringComparison.Ordinal);
        Assert.Contains("$$(ls", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_merge_is_documented_to_run_after_the_agents_and_can_be_written_alone()
    {
        var options = Options();
        var yaml = KubernetesJobWriter.Write(options);

        Assert.Contains("# Apply after the agents complete:\n#   kubectl wait --for=condition=complete --timeout=-1s job/checkout-peak -n load\n---\n", yaml, StringComparison.Ordinal);
        Assert.Equal(3, Documents(KubernetesJobWriter.WriteAgents(options)).Count);
        Assert.Equal("checkout-peak-merge", Text(Documents(KubernetesJobWriter.WriteMerge(options)).Single(), "metadata", "name"));
    }

    [Theory]
    [InlineData("Checkout", "The job name 'Checkout' must be a DNS-1123 label of at most 57 characters: lowercase letters, digits and '-', starting and ending with a letter or digit.")]
    [InlineData("-run", "The job name '-run' must be a DNS-1123 label of at most 57 characters: lowercase letters, digits and '-', starting and ending with a letter or digit.")]
    [InlineData("run.1", "The job name 'run.1' must be a DNS-1123 label of at most 57 characters: lowercase letters, digits and '-', starting and ending with a letter or digit.")]
    [InlineData("", "The job name '' must be a DNS-1123 label of at most 57 characters: lowercase letters, digits and '-', starting and ending with a letter or digit.")]
    public void Names_that_are_not_DNS_labels_are_refused(string name, string message)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            KubernetesJobWriter.Write(new KubernetesJobOptions { Name = name, PlanFileName = "plan.yaml", PlanText = Plan }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_name_too_long_for_the_merge_job_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            KubernetesJobWriter.Write(new KubernetesJobOptions { Name = new string('a', 58), PlanFileName = "plan.yaml", PlanText = Plan }));
        Assert.NotEmpty(KubernetesJobWriter.Write(new KubernetesJobOptions { Name = new string('a', 57), PlanFileName = "plan.yaml", PlanText = Plan }));
    }

    [Theory]
    [InlineData(0, "The number of agents must be between 1 and 1000, not 0.")]
    [InlineData(1001, "The number of agents must be between 1 and 1000, not 1001.")]
    public void Agent_counts_outside_one_to_a_thousand_are_refused(int agents, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => KubernetesJobWriter.Write(Options(agents)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Other_invalid_options_are_refused_naming_the_bad_value()
    {
        static string ErrorOf(KubernetesJobOptions options) =>
            Assert.Throws<ArgumentException>(() => KubernetesJobWriter.Write(options)).Message;

        var valid = Options();
        Assert.StartsWith("The namespace 'Load'", ErrorOf(new KubernetesJobOptions { Name = "r", Namespace = "Load", PlanFileName = "p.yaml", PlanText = Plan }));
        Assert.StartsWith("The plan file name 'plans/p.yaml'", ErrorOf(new KubernetesJobOptions { Name = "r", PlanFileName = "plans/p.yaml", PlanText = Plan }));
        Assert.StartsWith("The image 'a b'", ErrorOf(new KubernetesJobOptions { Name = "r", Image = "a b", PlanFileName = "p.yaml", PlanText = Plan }));
        Assert.StartsWith("The results storage 'lots'", ErrorOf(new KubernetesJobOptions { Name = "r", ResultsStorage = "lots", PlanFileName = "p.yaml", PlanText = Plan }));
        Assert.StartsWith("The results claim name 'Results'", ErrorOf(new KubernetesJobOptions { Name = "r", ResultsClaimName = "Results", PlanFileName = "p.yaml", PlanText = Plan }));
        Assert.NotEmpty(KubernetesJobWriter.Write(valid));
    }
}
