using Hypercare.Core.Problems;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Register;
using static Hypercare.Engagements.Tests.TestEngagements;

namespace Hypercare.Engagements.Tests.Lifecycle;

public class ConsentAndRegisterTests
{
    [Theory]
    [InlineData(Activity.PortScan, "vulnerability-and-port-scanning")]
    [InlineData(Activity.VulnerabilityScan, "vulnerability-and-port-scanning")]
    [InlineData(Activity.VirusScan, "virus-detection")]
    [InlineData(Activity.AntiDdosConfiguration, "anti-ddos-configuration")]
    public void RequireCanRun_WithoutTheCustomersAuthorization_RefusesForSafety(Activity activity, string authorization)
    {
        var e = InImplementation();
        var refusal = Assert.Throws<SafetyRefusalException>(() => e.RequireCanRun(activity));
        Assert.Equal(FailureKind.Refused, refusal.Kind);
        Assert.Contains($"the customer has not authorized {authorization}", refusal.Problems[0].Message);
        Assert.Contains($"--kind {authorization}", refusal.Problems[0].Hint);
    }

    [Fact]
    public void RequireCanRun_AfterAuthorization_Passes_AndAfterRevocation_RefusesAgain()
    {
        var e = InImplementation();
        e.Authorize(AuthorizationKind.VulnerabilityAndPortScanning, CustomerPm, Ordered, "consent.pdf");
        e.RequireCanRun(Activity.PortScan);
        Assert.Equal(CustomerPm, e.Authorizations[AuthorizationKind.VulnerabilityAndPortScanning].By);
        e.RevokeAuthorization(AuthorizationKind.VulnerabilityAndPortScanning, CustomerPm, Ordered.AddDays(1), "scan window closed");
        Assert.Throws<SafetyRefusalException>(() => e.RequireCanRun(Activity.PortScan));
    }

    [Fact]
    public void RequireCanRun_StressTestWithoutTheStressEnvironment_RefusesForSafety()
    {
        var e = InImplementation();
        var refusal = Assert.Throws<SafetyRefusalException>(() => e.RequireCanRun(Activity.StressTest));
        Assert.Contains("stress-testing-environment", refusal.Problems[0].Message);
        e.ProvidePrerequisite(PrerequisiteKind.StressTestingEnvironment, CustomerEngineer, Ordered, "perf env");
        e.RequireCanRun(Activity.StressTest);
    }

    [Fact]
    public void RequireCanRun_MonitoringAuthorizedInTheFile_Passes()
    {
        var text = File.ReadAllText(SamplePath).Replace("\nobjectives:", "\n  authorizations:\n    - kind: monitoring-and-security-event-analysis\n      granted_by: Dana Whitfield\n      granted_at: 2027-08-30T10:00:00-04:00\n      reference: consent-monitoring.pdf\n  prerequisites:\n    - kind: sites\n      provided_by: Sam Okafor\n      provided_at: 2027-08-30T11:00:00-04:00\n      note: HQ war room, floor 3\n\nobjectives:", StringComparison.Ordinal);
        var file = Hypercare.Engagements.Files.EngagementFileLoader.Parse("hypercare.yaml", text, null);
        Assert.Equal(new GrantedAuthorization(AuthorizationKind.MonitoringAndSecurityEventAnalysis, CustomerPm, new DateTimeOffset(2027, 8, 30, 10, 0, 0, TimeSpan.FromHours(-4)), "consent-monitoring.pdf"), file.Authorizations.Single());
        Assert.Equal(new ProvidedPrerequisite(PrerequisiteKind.Sites, CustomerEngineer, new DateTimeOffset(2027, 8, 30, 11, 0, 0, TimeSpan.FromHours(-4)), "HQ war room, floor 3"), file.Prerequisites.Single());
        Assert.Throws<SafetyRefusalException>(() => NewSample().RequireCanRun(Activity.Monitoring));
        var e = NewSample();
        foreach (var a in file.Authorizations) e.Authorize(a.Kind, a.By, a.At, a.Reference);
        e.RequireCanRun(Activity.Monitoring);
    }

    [Fact]
    public void RequireCanRun_ServiceOutsideTheEdition_IsARuleNotASafetyRefusal()
    {
        var definition = SampleFile().Definition with { Edition = Edition.Basic, KeyPhases = SampleFile().Definition.KeyPhases.Take(1).ToList() };
        var e = NewSample(definition);
        var refusal = Assert.Throws<RuleViolationException>(() => e.RequireCanRun(Activity.StressTest));
        Assert.Contains("cheapest edition that includes it is Standard", refusal.Problems[0].Message);
    }

    [Fact]
    public void Authorize_ByAnyoneButTheCustomersProjectManager_IsRefused()
    {
        var e = NewSample();
        Assert.Throws<RuleViolationException>(() => e.Authorize(AuthorizationKind.VirusDetection, CustomerEngineer, Created));
        Assert.Throws<RuleViolationException>(() => e.Authorize(AuthorizationKind.VirusDetection, ProviderPm, Created));
        Assert.Throws<RuleViolationException>(() => e.Authorize(AuthorizationKind.VirusDetection, "Somebody Else", Created));
    }

    [Fact]
    public void ProvidePrerequisite_ByTheProvider_IsRefused_AndRecordsWhoAndWhen()
    {
        var e = NewSample();
        Assert.Throws<RuleViolationException>(() => e.ProvidePrerequisite(PrerequisiteKind.Sites, ProviderPm, Created));
        e.ProvidePrerequisite(PrerequisiteKind.Sites, CustomerEngineer, Created, "HQ floor 3");
        Assert.Equal(new ProvidedPrerequisite(PrerequisiteKind.Sites, CustomerEngineer, Created, "HQ floor 3"), e.Prerequisites[PrerequisiteKind.Sites]);
    }

    [Fact]
    public void Register_CustomerReportsAndProviderFinds_ActionsTrackOwnersAndStatus()
    {
        var e = InImplementation();
        var reported = e.RecordRegisterEntry(RegisterKind.Risk, "Marketing may double the campaign", Severity.High, null, CustomerPm, Ordered);
        var found = e.RecordRegisterEntry(RegisterKind.Issue, "No read replica", Severity.Critical, "orders-db is a single primary", Expert, Ordered);
        Assert.Equal(("R-1", EntrySource.CustomerReport), (reported.Id, reported.Source));
        Assert.Equal(("R-2", EntrySource.ProviderFinding), (found.Id, found.Source));
        Assert.Throws<RuleViolationException>(() => e.RecordRegisterEntry(RegisterKind.Risk, "x", Severity.Low, null, CustomerEngineer, Ordered));

        var action = e.RecordAction("Add a read replica", "R-2", Party.Customer, "platform team", new(2027, 11, 12), "inspection", Expert, Ordered);
        Assert.Equal(("A-1", ActionStatus.Open, Party.Customer), (action.Id, action.Status, action.Owner));
        e.SetActionStatus("A-1", ActionStatus.Done, "replica live", CustomerEngineer, Ordered.AddDays(9));
        e.SetRegisterStatus("R-2", RegisterStatus.Closed, null, Expert, Ordered.AddDays(9));
        Assert.Equal(ActionStatus.Done, e.Actions.Single().Status);
        Assert.Equal(RegisterStatus.Closed, e.RegisterEntries[1].Status);
        Assert.Equal("register-entry-unknown", Assert.Throws<RuleViolationException>(() => e.RecordAction("x", "R-9", Party.Customer, null, null, null, Expert, Ordered)).Problems[0].Code);
    }
}
