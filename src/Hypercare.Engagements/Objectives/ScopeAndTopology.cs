namespace Hypercare.Engagements.Objectives;

/// <summary>A target the customer authorized for stress tests and probes.</summary>
public sealed record ScopeTarget(Uri Url, string? Note);

/// <summary>The stress-testing environment the customer provides.</summary>
public sealed record StressEnvironment(string Description, Uri? BaseUrl);

/// <summary>
/// The targets the customer authorized, its stress-testing environment, and the token a target outside loopback
/// serves at <c>/.well-known/hypercare-verification.txt</c> to prove it belongs to the customer.
/// </summary>
public sealed record Scope(IReadOnlyList<ScopeTarget> Targets, IReadOnlyList<string> Hosts, IReadOnlyList<int> Ports, StressEnvironment? StressEnvironment, string? VerificationToken = null)
{
    /// <summary>An empty scope: nothing may be touched.</summary>
    public static Scope Empty { get; } = new([], [], [], null);
}

/// <summary>The role a tier plays in the system.</summary>
public enum TierRole
{
    /// <summary>A load balancer or reverse proxy.</summary>
    LoadBalancer,
    /// <summary>An API gateway.</summary>
    Gateway,
    /// <summary>An application service.</summary>
    Service,
    /// <summary>A database.</summary>
    Database,
    /// <summary>A cache.</summary>
    Cache,
    /// <summary>A message queue.</summary>
    Queue,
    /// <summary>A content delivery network.</summary>
    Cdn,
    /// <summary>Object or file storage.</summary>
    Storage,
}

/// <summary>How a tier scales.</summary>
public sealed record Scaling(int Min, int Max, TimeSpan? ScaleOutTime);

/// <summary>One tier of the customer's system, as declared when no inventory says it.</summary>
public sealed record Tier(string Name, TierRole Role, int Instances, Scaling? Scaling, IReadOnlyDictionary<string, long> Pools, IReadOnlyList<Uri> Metrics, IReadOnlyList<string> Zones);

/// <summary>The declared topology.</summary>
public sealed record Topology(IReadOnlyList<Tier> Tiers)
{
    /// <summary>No tiers declared.</summary>
    public static Topology Empty { get; } = new([]);
}
