using Hypercare.Core.Problems;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.WorkPlans;
using static Hypercare.Engagements.Tests.TestEngagements;

namespace Hypercare.Engagements.Tests.WorkPlans;

public class WorkPlanTests
{
    [Fact]
    public void ConfirmPlan_RecordsChannelReferenceTimeAndTheHashOfTheVersion()
    {
        var e = InPreparation();
        e.AddPlanItem("Readiness workshop", ServiceKind.ReadinessAssessment, Party.Provider, "Ravi", new(2027, 10, 6), new(2027, 10, 8), ProviderPm, Ordered);
        var draftHash = e.CurrentPlan!.Sha256;
        var confirmed = e.ConfirmPlan(CustomerPm, Ordered.AddHours(5), ConfirmationChannel.Email, "<CAF123@shop.example>");
        Assert.Equal(new PlanConfirmation(CustomerPm, ConfirmationChannel.Email, "<CAF123@shop.example>", Ordered.AddHours(5), draftHash), confirmed.Confirmation);
        Assert.Matches("^[0-9a-f]{64}$", draftHash);
    }

    [Fact]
    public void Sha256_IsOverTheCanonicalText_AndChangesWithAnyField()
    {
        var item = new WorkPlanItem(1, "Workshop", ServiceKind.ReadinessAssessment, Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8));
        var v = new WorkPlanVersion(1, [item], null);
        Assert.Equal("hypercare-work-plan/1\nversion 1\n1|Workshop|readiness-assessment|provider||2027-10-06|2027-10-08\n", v.CanonicalText());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(v.CanonicalText()))), v.Sha256);
        Assert.NotEqual(v.Sha256, (v with { Items = [item with { Due = new(2027, 10, 9) }] }).Sha256);
        Assert.NotEqual(v.Sha256, (v with { Items = [item with { Title = "Workshop|2" }] }).Sha256);
    }

    [Fact]
    public void ConfirmPlan_ByAnyoneButTheCustomersProjectManager_IsRefused()
    {
        var e = InPreparation();
        e.AddPlanItem("Workshop", null, Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8), ProviderPm, Ordered);
        foreach (var who in new[] { CustomerEngineer, ProviderPm, ServiceManager, Observer })
            Assert.Throws<RuleViolationException>(() => e.ConfirmPlan(who, Ordered, ConfirmationChannel.InApp, "in-app"));
        Assert.False(e.CurrentPlan!.IsConfirmed);
    }

    [Fact]
    public void ConfirmPlan_WhenThePlanChangedSinceReview_IsRefused()
    {
        var e = InPreparation();
        e.AddPlanItem("Workshop", null, Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8), ProviderPm, Ordered);
        var reviewed = e.CurrentPlan!.Sha256;
        e.AddPlanItem("Inspection", null, Party.Provider, null, new(2027, 10, 11), new(2027, 10, 15), ProviderPm, Ordered);
        var refusal = Assert.Throws<RuleViolationException>(() => e.ConfirmPlan(CustomerPm, Ordered, ConfirmationChannel.Email, "<m@x>", reviewed));
        Assert.Equal("plan-changed", refusal.Problems[0].Code);
    }

    [Fact]
    public void ConfirmedPlan_IsImmutable_AChangeStartsANewVersionThatNeedsItsOwnConfirmation()
    {
        var e = ReadyForImplementation();
        var v1 = e.CurrentPlan!;
        e.AddPlanItem("Extra stress test", ServiceKind.StressTesting, Party.Provider, null, new(2027, 10, 20), new(2027, 10, 22), ProviderPm, Ordered.AddDays(2));
        Assert.Equal(2, e.WorkPlan.Count);
        Assert.Same(v1, e.WorkPlan[0]);
        Assert.Single(v1.Items);
        Assert.Equal(2, e.CurrentPlan!.Items.Count);
        Assert.False(e.CurrentPlan.IsConfirmed);
        Assert.Equal("missing-text", Assert.Throws<BadInputException>(() => e.ConfirmPlan(CustomerPm, Ordered.AddDays(2), ConfirmationChannel.Email, "")).Problems[0].Code);
        e.ConfirmPlan(CustomerPm, Ordered.AddDays(3), ConfirmationChannel.Email, "<v2@shop.example>");
        Assert.True(e.CurrentPlan.IsConfirmed);
        var again = Assert.Throws<RuleViolationException>(() => e.ConfirmPlan(CustomerPm, Ordered.AddDays(3), ConfirmationChannel.Email, "<v2b@shop.example>"));
        Assert.Equal("plan-already-confirmed", again.Problems[0].Code);
    }

    [Fact]
    public void AddPlanItem_ForAServiceOutsideTheEdition_IsRefused()
    {
        var e = InPreparation();
        var refusal = Assert.Throws<RuleViolationException>(() =>
            e.AddPlanItem("Index review", ServiceKind.DatabaseOptimization, Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8), ProviderPm, Ordered));
        Assert.Contains("cheapest edition that includes it is Advanced", refusal.Problems[0].Message);
    }

    [Fact]
    public void AddPlanItem_ByTheCustomer_OrDueBeforeStart_IsRefused()
    {
        var e = InPreparation();
        Assert.Throws<RuleViolationException>(() => e.AddPlanItem("x", null, Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8), CustomerPm, Ordered));
        var dates = Assert.Throws<RuleViolationException>(() => e.AddPlanItem("x", null, Party.Provider, null, new(2027, 10, 8), new(2027, 10, 6), ProviderPm, Ordered));
        Assert.Equal("plan-dates", dates.Problems[0].Code);
    }

    [Fact]
    public void RejectProposal_WithoutATechnicalJustification_IsRefused_WithOneItIsRecorded()
    {
        var e = ReadyForImplementation();
        var refusal = Assert.Throws<RuleViolationException>(() => e.RejectProposal(1, 1, "no", CustomerPm, Ordered.AddDays(4)));
        Assert.Equal("justification-missing", refusal.Problems[0].Code);
        Assert.Equal("a confirmed technical proposal can only be rejected with a justified technical reason", refusal.Problems[0].Message);
        const string why = "The workshop's load profile ignores our mobile API, which carries 60% of checkout traffic (see APM export).";
        e.RejectProposal(1, 1, why, CustomerPm, Ordered.AddDays(4));
        Assert.Equal(new ProposalRejection(1, 1, CustomerPm, why, Ordered.AddDays(4)), Assert.Single(e.Rejections));
    }

    [Fact]
    public void RejectProposal_OfAnUnconfirmedVersion_IsRefused()
    {
        var e = InPreparation();
        e.AddPlanItem("Workshop", null, Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8), ProviderPm, Ordered);
        var refusal = Assert.Throws<RuleViolationException>(() => e.RejectProposal(1, 1, "A technical reason long enough to count.", CustomerPm, Ordered));
        Assert.Equal("plan-not-confirmed", refusal.Problems[0].Code);
    }
}
