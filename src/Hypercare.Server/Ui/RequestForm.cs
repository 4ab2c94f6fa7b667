using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.Data;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.Objectives;
using Hypercare.Engagements.Requests;
using NodaTime;
using NodaTime.Text;

namespace Hypercare.Server.Ui;

/// <summary>
/// The "new request" form: the essentials of an engagement file. It is turned into a definition, written as
/// hypercare.yaml and read back through the strict loader, so the form obeys exactly the rules the file does.
/// </summary>
public sealed class RequestForm
{
    public string? Name { get; set; }
    public string? Customer { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? Edition { get; set; } = "standard";
    public string? Country { get; set; } = "US";
    public string? TimeZone { get; set; } = "America/New_York";
    public string? Submitted { get; set; }
    public string? Order { get; set; }
    public bool LargeResources { get; set; }
    public string? PhaseName { get; set; } = "Event";
    public string? PhaseStart { get; set; }
    public string? PhaseEnd { get; set; }
    public string? PeakRps { get; set; }
    public string? PeakConcurrentUsers { get; set; }
    public string? P99 { get; set; }
    public string? OtherName { get; set; }
    public string? OtherEmail { get; set; }

    /// <summary>The engagement file the form describes, validated.</summary>
    internal string ToYaml(HypercareUser user, Organization organization, HypercareDbContext db)
    {
        var customerSide = organization.Kind == OrganizationKind.Customer;
        if (!customerSide && (OrganizationId is not { } id || !db.Organizations.Any(o => o.Id == id && o.Kind == OrganizationKind.Customer)))
            throw new BadInputException("organization-unknown", "choose the customer organization", null, SourceLocation.ForField("organization_id"));
        if (customerSide && !user.IsAdministrator)
            throw new RuleViolationException("not-allowed", "your organization's administrator submits service requests");
        var customerName = customerSide ? organization.Name : db.Organizations.First(o => o.Id == OrganizationId).Name;
        Member me = new(user.DisplayName, user.Email!, customerSide ? MemberRole.CustomerProjectManager : MemberRole.ProviderProjectManager, customerSide ? Party.Customer : Party.Provider);
        var otherRole = customerSide ? MemberRole.ProviderProjectManager : MemberRole.CustomerProjectManager;
        Member other = new(Text(OtherName, "other_name"), Text(OtherEmail, "other_email"), otherRole, Member.PartyOf(otherRole));
        var rate = Rate.TryParse(Text(PeakRps, "peak_rps"), out var r) ? r : throw Bad("peak_rps", "a rate such as 2000/s");
        var users = long.TryParse(PeakConcurrentUsers, NumberStyles.Integer, CultureInfo.InvariantCulture, out var u) ? u : throw Bad("peak_concurrent_users", "a whole number");
        var latency = string.IsNullOrWhiteSpace(P99) ? [] : DurationText.TryParse(P99, out var p99) ? new[] { new LatencySlo(99, p99) } : throw Bad("p99", "a duration such as 300ms");
        var start = Date(PhaseStart, "phase_start");
        var end = Date(PhaseEnd, "phase_end");
        var definition = new EngagementDefinition(
            Text(Name, "name"), customerName, "Hypercare provider",
            KebabCase.Parse<Edition>(Text(Edition, "edition"), "edition"), null, null,
            string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant(), null, Text(TimeZone, "time_zone"),
            new ServiceRequest(Date(Submitted, "submitted"), Date(Order, "order"), LargeResources), null,
            [new KeyPhase(Text(PhaseName, "phase_name"), start.AtMidnight(), end.PlusDays(1).AtMidnight())],
            [me, other], new BusinessObjectives(rate, users, latency, null, null, null, []), Scope.Empty, Topology.Empty);
        var yaml = EngagementFileWriter.Write(definition);
        EngagementFileLoader.Parse("request", yaml, Path.GetTempPath()); // the file's rules, with their messages
        return yaml;
    }

    private static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new BadInputException("missing-field", $"'{field.Replace('_', ' ')}' is required", null, SourceLocation.ForField(field)) : value.Trim();

    private static LocalDate Date(string? value, string field)
    {
        var r = LocalDatePattern.Iso.Parse(value ?? "");
        return r.Success ? r.Value : throw Bad(field, "a date (YYYY-MM-DD)");
    }

    private static BadInputException Bad(string field, string expected) =>
        new("invalid-value", $"'{field.Replace('_', ' ')}' must be {expected}", null, SourceLocation.ForField(field));
}
