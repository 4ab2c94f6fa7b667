using System.Globalization;
using System.Reflection;

namespace Hypercare.Inspection.Catalog;

/// <summary>One published limit of a specification, with where it comes from.</summary>
public sealed record SpecLimits(string Spec, long? MaxConnections, long? NewConnectionsPerSecond, long? Qps, string Source, string Retrieved);

/// <summary>Published limits of a Redis (Tair) instance class, with where they come from.</summary>
public sealed record CacheLimits(string InstanceClass, long? MaxConnections, long? BandwidthMbps, long? Qps, string Source, string Retrieved);

/// <summary>Published limits of cloud specifications, read from the data files shipped with the inspection.</summary>
public static class SpecCatalog
{
    private static readonly Lazy<Dictionary<string, SpecLimits>> Clb = new(() => Load("alicloud-clb.tsv", Limits));
    private static readonly Lazy<Dictionary<string, SpecLimits>> Nat = new(() => Load("alicloud-nat.tsv", Limits));
    private static readonly Lazy<Dictionary<string, CacheLimits>> Redis = new(() => Load("alicloud-redis.tsv", f => new CacheLimits(f[0], N(f[1]), N(f[2]), N(f[3]), f[4], f[5])));

    /// <summary>The limits of a Classic Load Balancer specification, or null when the catalog does not list it.</summary>
    public static SpecLimits? LoadBalancer(string spec) => Clb.Value.GetValueOrDefault(spec);

    /// <summary>The limits of a NAT gateway specification (Small, Middle, Large), or null when the catalog does not list it.</summary>
    public static SpecLimits? NatGateway(string spec) => Nat.Value.GetValueOrDefault(spec);

    /// <summary>The limits of a Redis (Tair) instance class, or null when the catalog does not list it.</summary>
    public static CacheLimits? Cache(string instanceClass) => Redis.Value.GetValueOrDefault(instanceClass);

    private static SpecLimits Limits(string[] f) => new(f[0], N(f[1]), N(f[2]), N(f[3]), f[4], f[5]);

    private static long? N(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static Dictionary<string, T> Load<T>(string name, Func<string[], T> row)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Hypercare.Inspection.Catalog.{name}")
            ?? throw new InvalidOperationException($"the catalog {name} is not embedded in this build");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header) { header = false; continue; }
            var f = line.Split('\t');
            result[f[0]] = row(f);
        }
        return result;
    }
}
