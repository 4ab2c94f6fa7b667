using Hypercare.Core.Calendar;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;

namespace Hypercare.Engagements.Tests;

/// <summary>The sample shop's engagement, loaded from the real file, at the dates of its story.</summary>
internal static class TestEngagements
{
    public const string CustomerPm = "Dana Whitfield";
    public const string CustomerEngineer = "Sam Okafor";
    public const string ProviderPm = "Ravi Menon";
    public const string ServiceManager = "Lena Fischer";
    public const string Expert = "Tomasz Nowak";
    public const string Observer = "Priya Raman";

    public static readonly DateTimeOffset Created = new(2027, 9, 1, 14, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Ordered = new(2027, 10, 1, 15, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset DuringEvent = new(2027, 11, 26, 15, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset AfterEvent = new(2027, 12, 2, 15, 0, 0, TimeSpan.Zero);

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml");

    public static EngagementFile SampleFile() => EngagementFileLoader.Load(SamplePath);

    public static BusinessCalendar Us => BusinessCalendars.Resolve("US", null);

    public static Engagement NewSample(EngagementDefinition? definition = null) =>
        Engagement.Create(Guid.NewGuid(), definition ?? SampleFile().Definition, ProviderPm, Created);

    /// <summary>The sample moved to preparation: request accepted, ordered.</summary>
    public static Engagement InPreparation()
    {
        var e = NewSample();
        e.AcceptRequest(ProviderPm, Created.AddDays(2), Us);
        e.Advance(EngagementState.Ordered, ProviderPm, Ordered);
        e.Advance(EngagementState.Preparation, ProviderPm, Ordered);
        return e;
    }

    /// <summary>Everything implementation needs, provided and confirmed.</summary>
    public static Engagement ReadyForImplementation()
    {
        var e = InPreparation();
        foreach (var kind in Hypercare.Engagements.Access.Consent.NeededForImplementation) e.ProvidePrerequisite(kind, CustomerPm, Ordered.AddDays(1));
        e.AddPlanItem("Readiness assessment workshop", Hypercare.Engagements.Catalog.ServiceKind.ReadinessAssessment, Hypercare.Engagements.Catalog.Party.Provider, null,
            new NodaTime.LocalDate(2027, 10, 6), new NodaTime.LocalDate(2027, 10, 8), ProviderPm, Ordered.AddDays(1));
        e.ConfirmPlan(CustomerPm, Ordered.AddDays(2), Hypercare.Engagements.WorkPlans.ConfirmationChannel.Email, "<plan@shop.example>");
        return e;
    }

    public static Engagement InImplementation()
    {
        var e = ReadyForImplementation();
        e.Advance(EngagementState.Implementation, ProviderPm, Ordered.AddDays(3));
        return e;
    }
}
