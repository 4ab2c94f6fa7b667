using Hypercare.Core.Problems;

namespace Hypercare.Databases.Advice;

/// <summary>Opens the verifier for a <c>--explain</c> connection: a SQLite file, PostgreSQL (<c>Host=...</c>) or MySQL and MariaDB (<c>Server=...</c>).</summary>
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
            return MySqlPlanVerifier.Open(connection);
        return SqlitePlanVerifier.Open(connection);
    }
}
