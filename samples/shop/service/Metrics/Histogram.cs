namespace Hypercare.Samples.Shop.Metrics;

/// <summary>A Prometheus histogram: per-bucket counts (not cumulative), their sum and count.</summary>
internal sealed class Histogram
{
    /// <summary>Prometheus' default buckets, for request-level latencies.</summary>
    public static readonly double[] RequestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Finer buckets for single statements and pool waits, which are mostly below a millisecond.</summary>
    public static readonly double[] StatementBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _gate = new();
    private readonly long[] _counts;
    private long _count;
    private double _sum;

    public Histogram(double[] upperBounds)
    {
        UpperBounds = upperBounds;
        _counts = new long[upperBounds.Length];
    }

    public IReadOnlyList<double> UpperBounds { get; }

    public void Observe(double value)
    {
        var index = Array.BinarySearch((double[])UpperBounds, value);
        if (index < 0)
            index = ~index;
        lock (_gate)
        {
            // Values above the last bound only count towards +Inf, which is the total count.
            if (index < _counts.Length)
                _counts[index]++;
            _count++;
            _sum += value;
        }
    }

    /// <summary>A consistent copy: cumulative bucket counts, then the count and sum.</summary>
    public (long[] Cumulative, long Count, double Sum) Snapshot()
    {
        lock (_gate)
        {
            var cumulative = new long[_counts.Length];
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }
            return (cumulative, _count, _sum);
        }
    }
}
