namespace Hypercare.Core.Problems;

/// <summary>What kind of failure a refusal is. The numeric values are the CLI's exit codes.</summary>
public enum FailureKind
{
    /// <summary>A business rule or check was not met (exit 1).</summary>
    RuleNotMet = 1,

    /// <summary>The input is unreadable or invalid (exit 2).</summary>
    BadInput = 2,

    /// <summary>Refused for safety: an unverified target or a missing customer authorization (exit 3).</summary>
    Refused = 3,
}

/// <summary>
/// The one exception type that crosses module boundaries. It carries problems a person can act on;
/// hosts print them and never a stack trace.
/// </summary>
public class HypercareException : Exception
{
    /// <summary>Creates the exception from one or more problems.</summary>
    public HypercareException(FailureKind kind, IReadOnlyList<Problem> problems)
        : base(problems.Count == 0 ? kind.ToString() : string.Join(Environment.NewLine, problems))
    {
        Kind = kind;
        Problems = problems;
    }

    /// <summary>The kind of failure, which decides the exit code and the HTTP status.</summary>
    public FailureKind Kind { get; }

    /// <summary>The problems, at least one.</summary>
    public IReadOnlyList<Problem> Problems { get; }
}

/// <summary>A business rule refused the request (exit 1).</summary>
public sealed class RuleViolationException(string code, string message, string? hint = null, SourceLocation? location = null)
    : HypercareException(FailureKind.RuleNotMet, [new Problem(code, message, location, hint)]);

/// <summary>The input is invalid (exit 2).</summary>
public sealed class BadInputException : HypercareException
{
    /// <summary>Creates the exception from located problems.</summary>
    public BadInputException(IReadOnlyList<Problem> problems) : base(FailureKind.BadInput, problems) { }

    /// <summary>Creates the exception from a single problem.</summary>
    public BadInputException(string code, string message, string? hint = null, SourceLocation? location = null)
        : base(FailureKind.BadInput, [new Problem(code, message, location, hint)]) { }
}

/// <summary>Refused for safety: the customer has not authorized it, or the target is not verified (exit 3).</summary>
public sealed class SafetyRefusalException(string code, string message, string? hint = null)
    : HypercareException(FailureKind.Refused, [new Problem(code, message, null, hint)]);
