using Hypercare.Capacity.Search;
using Hypercare.LoadTesting.Results;

namespace Hypercare.Capacity.Tests;

/// <summary>Measured steps written down for the pure parts (attribution, planning), ten seconds each.</summary>
internal static class Steps
{
    public static SearchStep Step(int index, double load, double throughput, double p99, bool passed, double mean = 0, double errorRate = 0) =>
        new(index, "growth", load, index * 10, index * 10 + 10, throughput, throughput * (mean > 0 ? mean : p99 / 3) / 1000,
            new Percentiles(1, mean > 0 ? mean : p99 / 3, p99 / 4, p99 / 2, p99 * 0.8, p99, p99 * 1.5, p99 * 2, (long)(throughput * 10)),
            p99, errorRate, 0, (long)(throughput * 10), passed, passed ? [] : ["p(99) < 300ms"]);

    public static SearchResult Result(params SearchStep[] steps) => CapacitySearch.Conclude(LoadModel.Open, "p(99) < 300ms", steps, "test");
}
