using System.Security.Cryptography;
using System.Text;
using Hypercare.Engagements.Catalog;
using NodaTime;
using NodaTime.Text;

namespace Hypercare.Engagements.WorkPlans;

/// <summary>How the customer's project manager confirmed a plan in writing.</summary>
public enum ConfirmationChannel
{
    /// <summary>By e-mail; the reference is the message id.</summary>
    Email,
    /// <summary>A signed document; the reference names it.</summary>
    SignedDocument,
    /// <summary>In the application, signed in.</summary>
    InApp,
}

/// <summary>One line of the work plan.</summary>
/// <param name="Number">1-based, stable across versions.</param>
/// <param name="Title">What is done.</param>
/// <param name="Service">The catalog service it delivers, if any.</param>
/// <param name="Owner">The party that does it.</param>
/// <param name="OwnerName">The person, when named.</param>
/// <param name="Start">Planned start.</param>
/// <param name="Due">Planned end.</param>
public sealed record WorkPlanItem(int Number, string Title, ServiceKind? Service, Party Owner, string? OwnerName, LocalDate Start, LocalDate Due);

/// <summary>The written confirmation of one plan version.</summary>
public sealed record PlanConfirmation(string By, ConfirmationChannel Channel, string Reference, DateTimeOffset At, string Sha256);

/// <summary>A customer's rejection of a confirmed item, with the technical justification the statement of work requires.</summary>
public sealed record ProposalRejection(int Version, int Item, string By, string Justification, DateTimeOffset At);

/// <summary>One version of the plan. Once confirmed it never changes; changes make a new version.</summary>
public sealed record WorkPlanVersion(int Number, IReadOnlyList<WorkPlanItem> Items, PlanConfirmation? Confirmation)
{
    /// <summary>Whether the customer confirmed this version.</summary>
    public bool IsConfirmed => Confirmation is not null;

    /// <summary>
    /// SHA-256 of the version's canonical text: one line per item, fields separated by '|', dates ISO.
    /// The customer's confirmation records it so that nobody can later claim a different plan was agreed.
    /// </summary>
    public string Sha256 => Hash(CanonicalText());

    /// <summary>The exact text that is hashed.</summary>
    public string CanonicalText()
    {
        var sb = new StringBuilder();
        sb.Append("hypercare-work-plan/1\nversion ").Append(Number).Append('\n');
        foreach (var item in Items.OrderBy(i => i.Number))
        {
            sb.Append(item.Number).Append('|')
              .Append(Escape(item.Title)).Append('|')
              .Append(item.Service is { } s ? Core.KebabCase.Of(s) : "").Append('|')
              .Append(Core.KebabCase.Of(item.Owner)).Append('|')
              .Append(Escape(item.OwnerName ?? "")).Append('|')
              .Append(LocalDatePattern.Iso.Format(item.Start)).Append('|')
              .Append(LocalDatePattern.Iso.Format(item.Due)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
