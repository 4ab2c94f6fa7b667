using Hypercare.Engagements.Catalog;
using NodaTime;

namespace Hypercare.Engagements.Register;

/// <summary>A risk (may happen) or an issue (has happened).</summary>
public enum RegisterKind
{
    /// <summary>Something that may go wrong.</summary>
    Risk,
    /// <summary>Something that went wrong.</summary>
    Issue,
}

/// <summary>How bad it is.</summary>
public enum Severity
{
    /// <summary>Low.</summary>
    Low,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>High.</summary>
    High,
    /// <summary>Critical: the event fails if it happens.</summary>
    Critical,
}

/// <summary>Where a register entry came from.</summary>
public enum EntrySource
{
    /// <summary>Reported by the customer's project manager.</summary>
    CustomerReport,
    /// <summary>A finding of the provider (inspection, stress test, review).</summary>
    ProviderFinding,
}

/// <summary>The state of a register entry.</summary>
public enum RegisterStatus
{
    /// <summary>Open.</summary>
    Open,
    /// <summary>Being mitigated.</summary>
    Mitigating,
    /// <summary>Closed.</summary>
    Closed,
    /// <summary>Accepted by the customer without mitigation.</summary>
    Accepted,
}

/// <summary>The state of an action.</summary>
public enum ActionStatus
{
    /// <summary>Not started.</summary>
    Open,
    /// <summary>Being worked on.</summary>
    InProgress,
    /// <summary>Done.</summary>
    Done,
    /// <summary>No longer needed.</summary>
    Cancelled,
}

/// <summary>One risk or issue.</summary>
public sealed record RegisterEntry(string Id, RegisterKind Kind, string Title, Severity Severity, EntrySource Source, string ReportedBy, DateTimeOffset ReportedAt, string? Description, RegisterStatus Status);

/// <summary>A thing someone must do, usually the customer implementing a fix the provider advised.</summary>
public sealed record ActionItem(string Id, string Title, string? RegisterId, Party Owner, string? OwnerName, LocalDate? Due, ActionStatus Status, string? Reference);
