using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Catalog;

namespace Hypercare.Engagements.Tests.Catalog;

public class ServiceCatalogTests
{
    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'));

    [Fact]
    public void Catalog_MatchesTheSeedMatrix_CellByCell()
    {
        var editions = new[] { Edition.Basic, Edition.Standard, Edition.Advanced };
        var checkedCells = 0;
        foreach (var row in Rows("seed-catalog.tsv").Where(r => r[0] != "service-duration"))
        {
            var service = KebabCase.Parse<ServiceKind>(row[0], "service");
            for (var i = 0; i < editions.Length; i++)
            {
                var expected = row[i + 1] == "Supported";
                Assert.True(expected == ServiceCatalog.Includes(editions[i], service), $"{row[0]} in {editions[i]}: seed says {row[i + 1]}");
                checkedCells++;
            }
            Assert.Equal("On-demand", row[4]);
            Assert.True(ServiceCatalog.Includes(Edition.Custom, service));
            checkedCells++;
        }
        Assert.Equal(15 * 4, checkedCells);
        Assert.Equal(15, ServiceCatalog.Entries.Count);
    }

    [Fact]
    public void MaxServiceDays_MatchesTheSeed()
    {
        var row = Rows("seed-catalog.tsv").Single(r => r[0] == "service-duration");
        Assert.Equal(int.Parse(row[1]), ServiceCatalog.MaxServiceDays(Edition.Basic));
        Assert.Equal(int.Parse(row[2]), ServiceCatalog.MaxServiceDays(Edition.Standard));
        Assert.Equal(int.Parse(row[3]), ServiceCatalog.MaxServiceDays(Edition.Advanced));
        Assert.Null(ServiceCatalog.MaxServiceDays(Edition.Custom));
    }

    [Theory]
    [InlineData(Edition.Basic, ServiceKind.StressTesting, Edition.Standard)]
    [InlineData(Edition.Basic, ServiceKind.DatabaseOptimization, Edition.Advanced)]
    [InlineData(Edition.Standard, ServiceKind.ResourceBottleneckOptimization, Edition.Advanced)]
    [InlineData(Edition.Basic, ServiceKind.SecurityHardeningPlanning, Edition.Standard)]
    public void RequireIncluded_ServiceOutsideEdition_RefusesNamingTheCheapestEdition(Edition edition, ServiceKind service, Edition cheapest)
    {
        var e = Assert.Throws<RuleViolationException>(() => ServiceCatalog.RequireIncluded(edition, null, service));
        Assert.Equal(FailureKind.RuleNotMet, e.Kind);
        Assert.Contains($"not included in the {edition} edition", e.Problems[0].Message);
        Assert.Contains($"the cheapest edition that includes it is {cheapest}", e.Problems[0].Message);
        Assert.Contains("Custom", e.Problems[0].Hint);
    }

    [Fact]
    public void RequireIncluded_CustomEditionWithoutTheService_Refuses()
    {
        var e = Assert.Throws<RuleViolationException>(() => ServiceCatalog.RequireIncluded(Edition.Custom, [ServiceKind.StressTesting], ServiceKind.DatabaseOptimization));
        Assert.Contains("not among the services negotiated", e.Problems[0].Message);
    }

    [Fact]
    public void RequireIncluded_ServiceInEdition_Passes()
    {
        ServiceCatalog.RequireIncluded(Edition.Standard, null, ServiceKind.StressTesting);
        ServiceCatalog.RequireIncluded(Edition.Custom, [ServiceKind.StressTesting], ServiceKind.StressTesting);
    }

    [Fact]
    public void Raci_MatchesTheSeed_ForEveryTaskAndParty()
    {
        var rows = Rows("seed-raci.tsv").ToList();
        Assert.Equal(15, rows.Count);
        foreach (var row in rows)
        {
            var task = KebabCase.Parse<ServiceKind>(row[0], "task");
            Assert.Equal(row[1], RaciMatrix.Letters(RaciMatrix.For(task, Party.Customer)));
            Assert.Equal(row[2], RaciMatrix.Letters(RaciMatrix.For(task, Party.Provider)));
        }
    }

    [Fact]
    public void Raci_WhoIs_ProviderIsResponsibleAndCustomerAccountable()
    {
        foreach (var task in Enum.GetValues<ServiceKind>())
        {
            Assert.Equal([Party.Provider], RaciMatrix.WhoIs(task, RaciRole.Responsible));
            Assert.Equal([Party.Customer], RaciMatrix.WhoIs(task, RaciRole.Accountable));
        }
        Assert.Equal([Party.Provider], RaciMatrix.WhoIs(ServiceKind.EventSummary, RaciRole.Support));
        Assert.Equal([Party.Customer], RaciMatrix.WhoIs(ServiceKind.StressTesting, RaciRole.Support));
    }
}
