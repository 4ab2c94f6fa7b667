namespace Hypercare.Engagements.Catalog;

/// <summary>The two parties of an engagement.</summary>
public enum Party
{
    /// <summary>The customer that buys the service.</summary>
    Customer,
    /// <summary>The provider that delivers it.</summary>
    Provider,
}

/// <summary>RACI letters, plus S for support (assists the responsible party).</summary>
[Flags]
public enum RaciRole
{
    /// <summary>No role.</summary>
    None = 0,
    /// <summary>R: does the work.</summary>
    Responsible = 1,
    /// <summary>A: owns the outcome and signs it off.</summary>
    Accountable = 2,
    /// <summary>S: assists the responsible party.</summary>
    Support = 4,
    /// <summary>C: consulted before decisions.</summary>
    Consulted = 8,
    /// <summary>I: kept informed.</summary>
    Informed = 16,
}

/// <summary>The division of responsibilities of the statement of work, per task and party.</summary>
public static class RaciMatrix
{
    private const RaciRole CustomerOwnsAndHelps = RaciRole.Accountable | RaciRole.Support | RaciRole.Consulted | RaciRole.Informed;
    private const RaciRole CustomerOwns = RaciRole.Accountable | RaciRole.Consulted | RaciRole.Informed;
    private const RaciRole ProviderDoes = RaciRole.Responsible | RaciRole.Informed;
    private const RaciRole ProviderDoesAndHelps = RaciRole.Support | RaciRole.Responsible | RaciRole.Informed;

    /// <summary>The roles of a party in a task.</summary>
    public static RaciRole For(ServiceKind task, Party party) => (task, party) switch
    {
        (ServiceKind.ServiceManagerSupport or ServiceKind.EventSummary or ServiceKind.AcceptanceReport, Party.Customer) => CustomerOwns,
        (ServiceKind.ServiceManagerSupport or ServiceKind.EventSummary or ServiceKind.AcceptanceReport, Party.Provider) => ProviderDoesAndHelps,
        (_, Party.Customer) => CustomerOwnsAndHelps,
        _ => ProviderDoes,
    };

    /// <summary>The parties that hold a role in a task.</summary>
    public static IReadOnlyList<Party> WhoIs(ServiceKind task, RaciRole role) =>
        Enum.GetValues<Party>().Where(p => (For(task, p) & role) == role).ToList();

    /// <summary>The roles written as the statement of work writes them, e.g. <c>A/S/C/I</c>.</summary>
    public static string Letters(RaciRole roles)
    {
        var letters = new List<string>();
        // The statement of work lists the provider's shared tasks as S/R/I and the rest A, S, C, I in that order.
        if (roles.HasFlag(RaciRole.Accountable)) letters.Add("A");
        if (roles.HasFlag(RaciRole.Support) && roles.HasFlag(RaciRole.Responsible)) letters.Add("S");
        if (roles.HasFlag(RaciRole.Responsible)) letters.Add("R");
        if (roles.HasFlag(RaciRole.Support) && !roles.HasFlag(RaciRole.Responsible)) letters.Add("S");
        if (roles.HasFlag(RaciRole.Consulted)) letters.Add("C");
        if (roles.HasFlag(RaciRole.Informed)) letters.Add("I");
        return string.Join('/', letters);
    }
}
