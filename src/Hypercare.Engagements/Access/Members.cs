using Hypercare.Engagements.Catalog;

namespace Hypercare.Engagements.Access;

/// <summary>What a person does in an engagement. The role decides the party and the rights.</summary>
public enum MemberRole
{
    /// <summary>The customer's project manager: full authority to decide for the customer; reports issues and risks.</summary>
    CustomerProjectManager,
    /// <summary>An engineer of the customer.</summary>
    CustomerEngineer,
    /// <summary>The provider's project manager.</summary>
    ProviderProjectManager,
    /// <summary>The provider's dedicated service manager.</summary>
    ServiceManager,
    /// <summary>An engineer of the provider's expert team.</summary>
    ExpertEngineer,
    /// <summary>Reads only.</summary>
    Observer,
}

/// <summary>A person in an engagement.</summary>
/// <param name="Name">Full name.</param>
/// <param name="Email">E-mail address, the identity used by sign-in and confirmations.</param>
/// <param name="Role">What they do.</param>
/// <param name="Party">Which organization they belong to (an observer may be on either side).</param>
public sealed record Member(string Name, string Email, MemberRole Role, Party Party)
{
    /// <summary>The party a role belongs to; observers default to the customer.</summary>
    public static Party PartyOf(MemberRole role) => role switch
    {
        MemberRole.ProviderProjectManager or MemberRole.ServiceManager or MemberRole.ExpertEngineer => Party.Provider,
        _ => Party.Customer,
    };

    /// <summary>Whether the text names this member (name or e-mail, case-insensitive).</summary>
    public bool IsNamedBy(string nameOrEmail) =>
        Name.Equals(nameOrEmail.Trim(), StringComparison.OrdinalIgnoreCase) || Email.Equals(nameOrEmail.Trim(), StringComparison.OrdinalIgnoreCase);
}
