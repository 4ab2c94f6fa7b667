using Hypercare.Core;

namespace Hypercare.Engagements.Catalog;

/// <summary>An edition as published: its name and service duration.</summary>
public sealed record EditionView(string Edition, int? MaxServiceDays, string Duration);

/// <summary>A catalog row as published: per edition, <c>included</c>, <c>not-included</c> or <c>on-demand</c>.</summary>
public sealed record CatalogServiceView(string Service, string Title, string Phase, string Description, IReadOnlyDictionary<string, string> Editions, string CheapestEdition);

/// <summary>The whole catalog as the CLI's <c>--json</c> and the API publish it.</summary>
public sealed record CatalogDocument(IReadOnlyList<EditionView> Editions, IReadOnlyList<CatalogServiceView> Services)
{
    /// <summary>The catalog of <see cref="ServiceCatalog"/>.</summary>
    public static CatalogDocument Current { get; } = Build();

    private static CatalogDocument Build()
    {
        var editions = Enum.GetValues<Edition>();
        return new CatalogDocument(
            editions.Select(e => new EditionView(KebabCase.Of(e), ServiceCatalog.MaxServiceDays(e), e == Edition.Custom ? "negotiated" : $"at most {ServiceCatalog.MaxServiceDays(e)} days")).ToList(),
            ServiceCatalog.Entries.Select(entry => new CatalogServiceView(
                KebabCase.Of(entry.Service), entry.Title, KebabCase.Of(entry.Phase), entry.Description,
                editions.ToDictionary(KebabCase.Of, e => e == Edition.Custom ? "on-demand" : entry.IncludedIn.Contains(e) ? "included" : "not-included"),
                KebabCase.Of(ServiceCatalog.CheapestEditionWith(entry.Service)))).ToList());
    }
}

/// <summary>A RACI row as published.</summary>
public sealed record RaciView(string Task, string Title, IReadOnlyDictionary<string, string> Roles, IReadOnlyList<string> Responsible, IReadOnlyList<string> Accountable)
{
    /// <summary>The rows for some tasks and parties.</summary>
    public static IReadOnlyList<RaciView> For(IEnumerable<ServiceKind> tasks, IReadOnlyCollection<Party> parties) =>
        tasks.Select(x => new RaciView(KebabCase.Of(x), ServiceCatalog.Entry(x).Title,
            parties.ToDictionary(KebabCase.Of, y => RaciMatrix.Letters(RaciMatrix.For(x, y))),
            RaciMatrix.WhoIs(x, RaciRole.Responsible).Select(KebabCase.Of).ToList(),
            RaciMatrix.WhoIs(x, RaciRole.Accountable).Select(KebabCase.Of).ToList())).ToList();
}
