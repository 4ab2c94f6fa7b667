namespace Hypercare.LoadTesting.Distributed;

/// <summary>What <see cref="KubernetesJobWriter"/> needs to run a plan as a Kubernetes Indexed Job.</summary>
public sealed class KubernetesJobOptions
{
    /// <summary>The image used when none is given.</summary>
    public const string DefaultImage = "ghcr.io/hypercare/hypercare:0.1.0";

    /// <summary>The size of the results claim when none is given.</summary>
    public const string DefaultResultsStorage = "1Gi";

    /// <summary>
    /// The name of the agent Job, a DNS-1123 label of at most 57 characters; the plan ConfigMap,
    /// the results claim and the merge Job are named after it.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The namespace of every object, or null for the one kubectl is pointed at.</summary>
    public string? Namespace { get; init; }

    /// <summary>The container image that has the hypercare command.</summary>
    public string Image { get; init; } = DefaultImage;

    /// <summary>The number of agents (1..1000); agent i runs segment i/N:(i+1)/N of the plan.</summary>
    public int Agents { get; init; } = 1;

    /// <summary>The file name of the plan, the key under which the plan ConfigMap holds it and the name it is mounted as in /plan.</summary>
    public required string PlanFileName { get; init; }

    /// <summary>The text of the plan file.</summary>
    public required string PlanText { get; init; }

    /// <summary>
    /// The PersistentVolumeClaim the agents write their results to and the merge reads them from;
    /// null for "&lt;name&gt;-results". It must be ReadWriteMany, since agent pods run on several nodes.
    /// </summary>
    public string? ResultsClaimName { get; init; }

    /// <summary>Whether to emit the results claim; false when the named claim exists already.</summary>
    public bool CreateResultsClaim { get; init; } = true;

    /// <summary>The storage requested by the results claim, a Kubernetes quantity such as 1Gi.</summary>
    public string ResultsStorage { get; init; } = DefaultResultsStorage;

    /// <summary>The storage class of the results claim, or null for the cluster's default.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>Arguments added after those of <c>hypercare stress run</c> on every agent.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>The claim name in force: <see cref="ResultsClaimName"/> or "&lt;name&gt;-results".</summary>
    public string EffectiveResultsClaimName => ResultsClaimName ?? $"{Name}-results";
}
