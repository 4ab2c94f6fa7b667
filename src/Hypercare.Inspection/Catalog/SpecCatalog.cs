using System.Globalization;
using System.Reflection;

namespace Hypercare.Inspection.Catalog;

/// <summary>One published limit of a specification, with where it comes from.</summary>
public sealed record SpecLimits(string Spec, long? MaxConnections, long? NewConnectionsPerSecond, long? Qps, string Source, string Retrieved);

/// <summary>Published limits of cloud specifications, read from the data files shipped with the inspection.</summary>
public static class SpecCatalog
{
    private static readonly Lazy<Dictionary<string, SpecLimits>> Clb = new(() => Load("alicloud-clb.tsv"));

    /// <summary>The limits of a Classic Load Balancer specification, or null when the catalog does not list it.</summary>
    public static SpecLimits? LoadBalancer(string spec) => Clb.Value.GetValueOrDefault(spec);

    private static Dictionary<string, SpecLimits> Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Hypercare.Inspection.Catalog.{name}")
            ?? throw new InvalidOperationException($"the catalog {name} is not embedded in this build");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, SpecLimits>(StringComparer.Ordinal);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header) { header = false; continue; }
            var f = line.Split('\t');
            static long? N(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            result[f[0]] = new SpecLimits(f[0], N(f[1]), N(f[2]), N(f[3]), f[4], f[5]);
        }
        return result;
    }
}
