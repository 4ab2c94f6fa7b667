namespace Hypercare.Databases.Digest;

/// <summary>Statistics of one measure (query time, lock time, rows) over the events of a query class.</summary>
/// <param name="Count">How many values.</param>
/// <param name="Total">Their sum.</param>
/// <param name="Min">The smallest.</param>
/// <param name="Max">The largest.</param>
/// <param name="Average">The mean.</param>
/// <param name="Median">The median (the mean of the two middle values for an even count).</param>
/// <param name="P95">The 95th percentile (nearest rank).</param>
/// <param name="P99">The 99th percentile (nearest rank).</param>
/// <param name="StandardDeviation">The population standard deviation.</param>
/// <param name="Exact">
/// True when the percentiles come from every value; false when the class had more values than the digest keeps
/// (<see cref="DigestOptions.ExactValues"/>) and they come from a log-scale histogram within 1% of the true value.
/// Count, total, min, max, mean and deviation are always exact.
/// </param>
public sealed record MetricStatistics(long Count, double Total, double Min, double Max, double Average, double Median, double P95, double P99, double StandardDeviation, bool Exact)
{
    /// <summary>Variance over mean, the dispersion pt-query-digest calls V/M; 0 when the mean is 0.</summary>
    public double VarianceToMean => Average > 0 ? StandardDeviation * StandardDeviation / Average : 0;

    /// <summary>Statistics of no values.</summary>
    public static readonly MetricStatistics Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, true);
}
