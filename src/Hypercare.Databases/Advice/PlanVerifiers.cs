using Hypercare.Core.Problems;

namespace Hypercare.Databases.Advice;

/// <summary>Opens the verifier for a <c>--explain</c> connection: a SQLite file, or PostgreSQL (<c>Host=...</c>).</summary>
public static class PlanVerifiers
{
    /// <summary>The verifier for the connection.</summary>
    /// <exception cref="BadInputException">The connection cannot be read, or the database cannot be reached.</exception>
    /// <exception cref="SafetyRefusalException">The host is not on loopback.</exception>
    public static IPlanVerifier Open(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connection.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
            return PostgresPlanVerifier.Open(connection);
        if (connection.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            throw new BadInputException("explain-not-built", "EXPLAIN on MySQL or MariaDB is not built yet in this version", "verify on a SQLite copy or PostgreSQL, or run without --explain", SourceLocation.ForField("--explain"));
        return SqlitePlanVerifier.Open(connection);
    }
}
