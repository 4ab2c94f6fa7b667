using System.Net;
using Hypercare.Core.Problems;

namespace Hypercare.Databases.Advice;

/// <summary>The one check every live database connection of <c>--explain</c> passes: its hosts are on this machine.</summary>
internal static class LocalDatabase
{
    /// <summary>Refuses (exit 3) unless every host is a local socket, localhost, or a loopback address (with or without a port).</summary>
    /// <exception cref="SafetyRefusalException">A host is not on loopback.</exception>
    public static void RequireLoopback(IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
            if (!IsLoopback(host))
                throw new SafetyRefusalException("target-out-of-scope", $"{host} is not a loopback address; EXPLAIN runs only against 127.0.0.0/8, ::1, localhost or a local socket",
                    "reach the database through an SSH tunnel to a loopback port, or run against a local copy");
    }

    private static bool IsLoopback(string host)
    {
        if (host.StartsWith('/') || host.StartsWith('@')) return true;
        var name = host.Trim('[', ']');
        var colon = name.LastIndexOf(':');
        if (colon > 0 && !name.Contains("::", StringComparison.Ordinal) && name.Count(c => c == ':') == 1) name = name[..colon];
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address);
    }
}
