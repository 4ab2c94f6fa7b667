namespace Hypercare.LoadTesting.Safety;

/// <summary>
/// What a run may touch: the targets of an engagement's scope, or targets the user named explicitly on the
/// command line or in a plan given without an engagement. A target outside loopback must also prove ownership.
/// </summary>
public sealed record TargetScope
{
    /// <summary>Base URLs the customer authorized (scheme, host and port must match).</summary>
    public IReadOnlyList<Uri> Targets { get; init; } = [];

    /// <summary>Hosts the customer authorized, with <see cref="Ports"/> (any port when empty).</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Ports allowed on <see cref="Hosts"/>.</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>True when the targets were named explicitly by the user, without an engagement scope to check.</summary>
    public bool Explicit { get; init; }

    /// <summary>The engagement's verification token, served by a non-loopback target at <c>/.well-known/hypercare-verification.txt</c>.</summary>
    public string? VerificationToken { get; init; }

    /// <summary>The name of the scope in messages, e.g. the engagement file.</summary>
    public string? Source { get; init; }

    /// <summary>Targets named explicitly: no engagement scope applies, the loopback-or-token rule still does.</summary>
    public static TargetScope ExplicitTargets(string? verificationToken = null) => new() { Explicit = true, VerificationToken = verificationToken };

    /// <summary>Whether a URL is inside this scope.</summary>
    public bool Contains(Uri url)
    {
        if (Explicit) return true;
        foreach (var t in Targets)
            if (string.Equals(t.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(t.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase) && t.Port == url.Port)
                return true;
        foreach (var h in Hosts)
            if (string.Equals(h, url.IdnHost, StringComparison.OrdinalIgnoreCase) && (Ports.Count == 0 || Ports.Contains(url.Port)))
                return true;
        return false;
    }
}
