using System.Net;
using System.Net.Sockets;
using Hypercare.Core.Problems;

namespace Hypercare.Inspection.Hardening;

/// <summary>Resolves a host name to its addresses; the probes' only way to learn an address.</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>
/// The gate every active probe passes first: the customer's scanning authorization must be recorded, and every host
/// in scope must resolve only to loopback. It resolves names but never opens a connection.
/// </summary>
public static class SafetyGate
{
    /// <summary>The authorization kind, as written in the engagement file and on the command line.</summary>
    public const string AuthorizationKind = "vulnerability-and-port-scanning";

    /// <summary>Resolution through the system's resolver.</summary>
    public static HostResolver SystemResolver { get; } = (host, ct) => Dns.GetHostAddressesAsync(host, ct);

    /// <summary>The hosts in scope: <c>scope.hosts</c> and the targets' hosts, each once, in order.</summary>
    public static IReadOnlyList<string> HostsOf(HardeningScope scope) =>
        scope.Hosts.Concat(scope.Targets.Select(t => t.IdnHost))
            .Select(h => h.Trim().TrimStart('[').TrimEnd(']'))
            .Where(h => h.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Checks the authorization and resolves every host in scope; refuses unless each resolves only to loopback.</summary>
    /// <exception cref="SafetyRefusalException">The authorization is missing, the scope is empty, or a host is not loopback-only.</exception>
    public static async Task<IReadOnlyList<ProbeHost>> CheckAsync(HardeningScope scope, HostResolver? resolver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.ScanningAuthorized)
            throw new SafetyRefusalException("authorization-missing",
                $"the customer's {AuthorizationKind} authorization is not recorded for this engagement: active probes need it",
                $"record it when the customer grants it: `hypercare authorize ENGAGEMENT --kind {AuthorizationKind} --by NAME`, then `hypercare engagement export ENGAGEMENT --output FILE`; "
                + $"or in the file under engagement.authorizations: - kind: {AuthorizationKind}, granted_by: NAME, granted_at: DATE-TIME");
        var hosts = HostsOf(scope);
        if (hosts.Count == 0)
            throw new SafetyRefusalException("scope-empty", "the engagement's scope names no host and no target: there is nothing the probes may touch",
                "list what the customer authorized under scope.targets (URLs), scope.hosts and scope.ports");
        var result = new List<ProbeHost>();
        foreach (var host in hosts)
        {
            IPAddress[] addresses;
            if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
            else
            {
                try
                {
                    addresses = await (resolver ?? SystemResolver)(host, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    throw new SafetyRefusalException("host-unresolved", $"the scope's host {host} does not resolve ({e.Message})",
                        "correct the host in scope.hosts or scope.targets");
                }
            }
            var outside = addresses.Where(a => !IPAddress.IsLoopback(a)).ToList();
            if (addresses.Length == 0 || outside.Count > 0)
                throw new SafetyRefusalException("target-not-loopback",
                    $"active probes run only against loopback targets in this version: {host} resolves to {(addresses.Length == 0 ? "no address" : string.Join(", ", addresses.Select(a => a.ToString())))}",
                    "probe a copy of the service on this machine (127.0.0.1 or ::1), or use the passive inspection (`hypercare inspect`) for the rest of the estate");
            result.Add(new ProbeHost(host, [.. addresses.Distinct().OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)]));
        }
        return result;
    }
}
