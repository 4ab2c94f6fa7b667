using Hypercare.Core.Problems;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.Requests;
using Hypercare.Engagements.WorkPlans;
using static Hypercare.Engagements.Tests.TestEngagements;

namespace Hypercare.Engagements.Tests.Lifecycle;

public class LifecycleGuardTests
{
    private static HypercareException Refusal(Action action)
    {
        var e = Assert.ThrowsAny<HypercareException>(action);
        Assert.Equal(FailureKind.RuleNotMet, e.Kind);
        return e;
    }

    [Fact]
    public void Advance_ToOrderedWithoutAcceptedRequest_IsRefused()
    {
        var e = NewSample();
        var refusal = Refusal(() => e.Advance(EngagementState.Ordered, ProviderPm, Ordered));
        Assert.Equal("request-not-accepted", refusal.Problems[0].Code);
        Assert.Equal("an order needs a service request the provider accepted", refusal.Problems[0].Message);
        Assert.Equal(EngagementState.PreSales, e.State);
    }

    [Fact]
    public void Advance_SkippingAState_NamesTheNextState()
    {
        var e = NewSample();
        var refusal = Refusal(() => e.Advance(EngagementState.Implementation, ProviderPm, Ordered));
        Assert.Equal("illegal-transition", refusal.Problems[0].Code);
        Assert.Equal("pre-sales cannot move to implementation; the next state is ordered or declined or cancelled", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ToDeclinedWithoutADecline_IsRefused()
    {
        var refusal = Refusal(() => NewSample().Advance(EngagementState.Declined, ProviderPm, Ordered));
        Assert.Equal("request-not-declined", refusal.Problems[0].Code);
        Assert.Equal("only a declined request ends as declined", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ToPreparationWithoutProjectManagers_NamesBothMissing()
    {
        var definition = SampleFile().Definition;
        var e = NewSample(definition with { Members = definition.Members.Where(m => m.Role is MemberRole.ServiceManager).ToList() });
        e.AcceptRequest(ServiceManager, Created, Us);
        e.Advance(EngagementState.Ordered, ServiceManager, Ordered);
        var refusal = Refusal(() => e.Advance(EngagementState.Preparation, ServiceManager, Ordered));
        Assert.Equal(["customer-pm-missing", "provider-pm-missing"], refusal.Problems.Select(p => p.Code));
        Assert.Equal("preparation needs the customer's project manager named", refusal.Problems[0].Message);
        Assert.Equal("preparation needs the provider's project manager named", refusal.Problems[1].Message);
    }

    [Fact]
    public void Advance_ToImplementationWithoutPrerequisitesOrPlan_NamesEveryMissingThing()
    {
        var e = InPreparation();
        var refusal = Refusal(() => e.Advance(EngagementState.Implementation, ProviderPm, Ordered));
        Assert.Equal(["prerequisites-missing", "plan-missing"], refusal.Problems.Select(p => p.Code));
        Assert.Equal("implementation needs a work plan confirmed in writing by the customer's project manager; there is no plan yet", refusal.Problems[1].Message);
        Assert.Equal("implementation needs what the customer provides; still missing: sites, equipment, permissions, non-production-environments, remote-access-channels, business-objectives",
            refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ToImplementationWithAnUnconfirmedPlan_IsRefused()
    {
        var e = InPreparation();
        foreach (var kind in Consent.NeededForImplementation) e.ProvidePrerequisite(kind, CustomerPm, Ordered);
        e.AddPlanItem("Kick-off", null, Hypercare.Engagements.Catalog.Party.Provider, null, new(2027, 10, 4), new(2027, 10, 4), ProviderPm, Ordered);
        var refusal = Refusal(() => e.Advance(EngagementState.Implementation, ProviderPm, Ordered));
        Assert.Equal("plan-not-confirmed", Assert.Single(refusal.Problems).Code);
        Assert.Equal("implementation needs the work plan confirmed in writing by the customer's project manager; version 1 is not confirmed", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ToImplementationAfterAChangeToAConfirmedPlan_NeedsTheNewVersionConfirmed()
    {
        var e = ReadyForImplementation();
        e.AddPlanItem("Extra load test", Hypercare.Engagements.Catalog.ServiceKind.StressTesting, Hypercare.Engagements.Catalog.Party.Provider, null, new(2027, 10, 20), new(2027, 10, 22), ProviderPm, Ordered.AddDays(2));
        var refusal = Refusal(() => e.Advance(EngagementState.Implementation, ProviderPm, Ordered.AddDays(3)));
        Assert.Contains("version 2 is not confirmed", refusal.Problems.Single().Message);
    }

    [Fact]
    public void Advance_ToImplementationWithEverything_Moves()
    {
        var e = InImplementation();
        Assert.Equal(EngagementState.Implementation, e.State);
    }

    [Fact]
    public void Advance_ToSummaryBeforeTheEventEnds_IsRefused()
    {
        var e = InImplementation();
        var refusal = Refusal(() => e.Advance(EngagementState.Summary, ProviderPm, DuringEvent));
        Assert.Equal("event-not-over", refusal.Problems.Single().Code);
        Assert.Equal("the summary comes after the event; its last key phase ends 2027-12-01 00:00 (America/New_York)", refusal.Problems[0].Message);
        e.Advance(EngagementState.Summary, ProviderPm, AfterEvent);
        Assert.Equal(EngagementState.Summary, e.State);
    }

    [Fact]
    public void Advance_ToAcceptanceWithoutDocumentsOrMilestone_IsRefused()
    {
        var e = InImplementation();
        e.Advance(EngagementState.Summary, ProviderPm, AfterEvent);
        var refusal = Refusal(() => e.Advance(EngagementState.Acceptance, ProviderPm, AfterEvent));
        Assert.Equal(["document-not-delivered", "document-not-delivered", "milestone-1-missing"], refusal.Problems.Select(p => p.Code));
        Assert.Equal("acceptance needs the Cloud Hypercare Service Summary delivered", refusal.Problems[0].Message);
        Assert.Equal("acceptance needs the Cloud Hypercare Service Acceptance Report delivered", refusal.Problems[1].Message);
        Assert.Equal("acceptance needs milestone 1: the customer accepted the Service Design, Stress Testing Report and Monitoring Optimization Plan", refusal.Problems[2].Message);
    }

    private static Engagement InAcceptance() => InAcceptanceWith(null);

    private static Engagement InAcceptanceWith(EngagementDefinition? definition)
    {
        var e = NewSample(definition);
        e.AcceptRequest(ProviderPm, Created, Us);
        e.Advance(EngagementState.Ordered, ProviderPm, Ordered);
        e.Advance(EngagementState.Preparation, ProviderPm, Ordered);
        foreach (var kind in Consent.NeededForImplementation) e.ProvidePrerequisite(kind, CustomerPm, Ordered);
        e.AddPlanItem("Workshop", null, Hypercare.Engagements.Catalog.Party.Provider, null, new(2027, 10, 6), new(2027, 10, 8), ProviderPm, Ordered);
        e.ConfirmPlan(CustomerPm, Ordered, ConfirmationChannel.Email, "<plan@x>");
        e.Advance(EngagementState.Implementation, ProviderPm, Ordered);
        e.Advance(EngagementState.Summary, ProviderPm, AfterEvent);
        foreach (var d in new[] { DocumentKind.ServiceDesign, DocumentKind.StressTestingReport, DocumentKind.MonitoringOptimizationPlan, DocumentKind.ServiceSummary, DocumentKind.AcceptanceReport })
            e.SetDocumentStatus(d, DocumentStatus.Delivered, $"{d}.pdf", ProviderPm, AfterEvent);
        e.ConfirmMilestone(Milestone.SolutionAccepted, ConfirmationChannel.Email, "<m1@shop.example>", CustomerPm, AfterEvent);
        e.Advance(EngagementState.Acceptance, ProviderPm, AfterEvent);
        return e;
    }

    [Fact]
    public void Advance_ToCompletedWithoutConfirmationBeforeExpiry_IsRefused()
    {
        var e = InAcceptance();
        var refusal = Refusal(() => e.Advance(EngagementState.Completed, ProviderPm, AfterEvent));
        Assert.Equal("acceptance-not-confirmed", refusal.Problems.Single().Code);
        Assert.Contains("or the service's expiry at 2028-01-01 04:59:00Z", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ToCompletedAfterExpiryWithoutTheConversation_IsRefused()
    {
        var e = InAcceptance();
        var afterExpiry = new DateTimeOffset(2028, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var refusal = Refusal(() => e.Advance(EngagementState.Completed, ProviderPm, afterExpiry));
        Assert.Equal("expiry-conversation-missing", refusal.Problems.Single().Code);
        Assert.Equal("the service expired, but completion by expiry needs the conversation with the customer held before expiry, and none is recorded", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ToCompletedAfterExpiryWithTheConversation_Completes()
    {
        var e = InAcceptance();
        e.RecordExpiryConversation("Dana Whitfield", "Completion by expiry agreed; the acceptance report follows by mail.", ServiceManager, new DateTimeOffset(2027, 12, 20, 0, 0, 0, TimeSpan.Zero));
        e.Advance(EngagementState.Completed, ProviderPm, new DateTimeOffset(2028, 1, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(EngagementState.Completed, e.State);
    }

    [Fact]
    public void RecordExpiryConversation_AfterExpiry_IsRefused()
    {
        var e = InAcceptance();
        var refusal = Refusal(() => e.RecordExpiryConversation("Dana", "late", ProviderPm, new DateTimeOffset(2028, 1, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("after-expiry", refusal.Problems[0].Code);
    }

    [Fact]
    public void Advance_ToCompletedWithTheCustomersConfirmation_Completes()
    {
        var e = InAcceptance();
        e.ConfirmMilestone(Milestone.AcceptanceConfirmed, ConfirmationChannel.SignedDocument, "acceptance-signed.pdf", CustomerPm, AfterEvent);
        e.Advance(EngagementState.Completed, ProviderPm, AfterEvent);
        Assert.Equal(EngagementState.Completed, e.State);
        Assert.All(new[] { DocumentKind.ServiceSummary, DocumentKind.AcceptanceReport }, d => Assert.Equal(DocumentStatus.Accepted, e.StatusOf(d)));
    }

    [Fact]
    public void Advance_ToCompletedWithoutExpiryOrConfirmation_IsRefused()
    {
        var e = InAcceptanceWith(SampleFile().Definition with { Expires = null });
        var refusal = Refusal(() => e.Advance(EngagementState.Completed, ProviderPm, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("completion needs the customer's confirmation of the acceptance report (milestone 2), and this order has no service expiry to fall back on", refusal.Problems.Single().Message);
    }

    [Fact]
    public void ConfirmMilestone_BeforeDocumentsAreDelivered_IsRefused()
    {
        var e = InImplementation();
        var refusal = Refusal(() => e.ConfirmMilestone(Milestone.SolutionAccepted, ConfirmationChannel.Email, "<m1@x>", CustomerPm, AfterEvent));
        Assert.Equal("milestone 1 accepts documents that are not delivered yet: Cloud Hypercare Service Design, System Stress Testing Report, Optimization Plan for the Monitoring System", refusal.Problems[0].Message);
        Assert.Equal("milestone-order", Refusal(() => e.ConfirmMilestone(Milestone.AcceptanceConfirmed, ConfirmationChannel.Email, "<m2@x>", CustomerPm, AfterEvent)).Problems[0].Code);
    }

    [Fact]
    public void Advance_FromATerminalState_IsRefused()
    {
        var e = NewSample();
        e.DeclineRequest(ProviderPm, Created, [DeclineReason.ScheduleInfeasible]);
        Assert.Equal(EngagementState.Declined, e.State);
        var refusal = Refusal(() => e.Advance(EngagementState.Cancelled, ProviderPm, Created, "no"));
        Assert.Equal("the engagement is declined; nothing follows it", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ToCancelledWithoutReason_IsRefused()
    {
        var refusal = Refusal(() => NewSample().Advance(EngagementState.Cancelled, ProviderPm, Created));
        Assert.Equal("reason-missing", refusal.Problems[0].Code);
        Assert.Equal("cancelling needs a reason", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_ByAnObserver_IsRefused()
    {
        var refusal = Refusal(() => NewSample().Advance(EngagementState.Cancelled, Observer, Created, "budget"));
        Assert.Equal("Priya Raman is an observer; observers only read", refusal.Problems[0].Message);
    }

    [Fact]
    public void Advance_RecordsWhoWhenFromToAndWhy()
    {
        var e = NewSample();
        e.AcceptRequest(ProviderPm, Created, Us);
        e.Advance(EngagementState.Ordered, ServiceManager, Ordered, "order 4711 placed");
        var t = Assert.Single(e.Transitions);
        Assert.Equal(new Transition(EngagementState.PreSales, EngagementState.Ordered, ServiceManager, Ordered, "order 4711 placed"), t);
    }

    [Fact]
    public void AcceptRequest_LeadTimeNotMet_RefusesWithTheEarliestDate()
    {
        var definition = SampleFile().Definition;
        var e = NewSample(definition with { Request = new ServiceRequest(new(2027, 9, 1), new(2027, 9, 15), false) });
        var refusal = Refusal(() => e.AcceptRequest(ProviderPm, Created, Us));
        Assert.Equal("lead-time-not-met", refusal.Problems[0].Code);
        Assert.Contains("the earliest valid order date is 2027-09-24", refusal.Problems[0].Message);
    }

    [Fact]
    public void AcceptRequest_ByTheCustomer_IsRefused()
    {
        var refusal = Refusal(() => NewSample().AcceptRequest(CustomerPm, Created, Us));
        Assert.Equal("Dana Whitfield is a customer-project-manager; only a provider-project-manager or service-manager may accept the service request", refusal.Problems[0].Message);
    }

    [Fact]
    public void DeclineRequest_WithoutReasons_IsRefused_AndWithOutOfScope_GivesPointers()
    {
        var e = NewSample();
        Refusal(() => e.DeclineRequest(ProviderPm, Created, []));
        e.DeclineRequest(ProviderPm, Created, [DeclineReason.OutOfScopeThirdPartyOperations]);
        Assert.Equal(EngagementState.Declined, e.State);
        Assert.Contains("community forum", e.Transitions.Single().Reason);
        Assert.Contains("marketplace", DeclineReasons.Describe(DeclineReason.OutOfScopeThirdPartyOperations));
        Assert.Contains("customer implements", DeclineReasons.Describe(DeclineReason.OutOfScopeWritingCode));
    }
}
