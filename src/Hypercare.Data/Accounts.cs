using Microsoft.AspNetCore.Identity;

namespace Hypercare.Data;

/// <summary>Which side an organization is on.</summary>
public enum OrganizationKind
{
    /// <summary>The provider that delivers the service; there is one.</summary>
    Provider,
    /// <summary>A customer; there are many, and none sees another's data.</summary>
    Customer,
}

/// <summary>An organization: the provider, or one of its customers.</summary>
public sealed class Organization
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }
    /// <summary>Display name, unique.</summary>
    public string Name { get; set; } = "";
    /// <summary>Provider or customer.</summary>
    public OrganizationKind Kind { get; set; }
    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person who signs in. The e-mail is also the identity an engagement's member list names.</summary>
public sealed class HypercareUser : IdentityUser
{
    /// <summary>Full name.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>The organization the person belongs to.</summary>
    public Guid OrganizationId { get; set; }
    /// <summary>An administrator of their organization (the provider's administrator manages customers and users).</summary>
    public bool IsAdministrator { get; set; }
}

/// <summary>What a personal access token may do.</summary>
public enum TokenScope
{
    /// <summary>Read only: GET requests.</summary>
    Read,
    /// <summary>Read and change.</summary>
    Write,
}

/// <summary>
/// A token for scripts and the CLI. Only the SHA-256 of the secret is stored; the secret is shown once, at creation.
/// </summary>
public sealed class PersonalAccessToken
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }
    /// <summary>The owner.</summary>
    public string UserId { get; set; } = "";
    /// <summary>What it is for, as the owner named it.</summary>
    public string Name { get; set; } = "";
    /// <summary>The first characters of the secret, to recognise it in lists.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 of the secret, lower-case hex.</summary>
    public string Hash { get; set; } = "";
    /// <summary>What it may do.</summary>
    public TokenScope Scope { get; set; }
    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Expires (UTC); every token expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Revoked (UTC), if revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
