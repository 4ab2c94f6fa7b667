using System.Runtime.CompilerServices;

namespace Hypercare.Databases.Digest;

/// <summary>
/// Accumulates one measure with bounded memory: every value up to a cap, so that small classes get exact
/// percentiles; beyond it a histogram of 1%-wide log-scale buckets. Sum, extremes and deviation stay exact.
/// </summary>
internal sealed class MetricAccumulator(int exactCap)
{
    private const double Ratio = 1.01;
    private static readonly double LogRatio = Math.Log(Ratio);

    private List<double>? _values = [];
    private Dictionary<int, long>? _buckets;
    private long _zeros;
    private long _count;
    private double _sum, _min = double.MaxValue, _max = double.MinValue, _mean, _m2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double value)
    {
        _count++;
        _sum += value;
        if (value < _min) _min = value;
        if (value > _max) _max = value;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
        if (_values is not null)
        {
            // Grown by doubling up to the cap and no further: a list doubled past it would hold 60% more than used.
            if (_values.Count == _values.Capacity) _values.Capacity = Math.Min(Math.Max(16, _values.Capacity * 2), exactCap + 1);
            _values.Add(value);
            if (_values.Count > exactCap) ToHistogram();
        }
        else AddToHistogram(value);
    }

    private void ToHistogram()
    {
        _buckets = [];
        foreach (var v in _values!) AddToHistogram(v);
        _values = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddToHistogram(double value)
    {
        if (value <= 0) { _zeros++; return; }
        var index = (int)Math.Floor(Math.Log(value) / LogRatio);
        _buckets![index] = _buckets.GetValueOrDefault(index) + 1;
    }

    public MetricStatistics ToStatistics()
    {
        if (_count == 0) return MetricStatistics.Empty;
        var deviation = Math.Sqrt(Math.Max(0, _m2 / _count));
        if (_values is not null)
        {
            _values.Sort();
            var n = _values.Count;
            var median = n % 2 == 1 ? _values[n / 2] : (_values[n / 2 - 1] + _values[n / 2]) / 2;
            return new MetricStatistics(_count, _sum, _min, _max, _sum / _count, median, Rank(0.95), Rank(0.99), deviation, true);
        }
        return new MetricStatistics(_count, _sum, _min, _max, _sum / _count, FromHistogram(0.5), FromHistogram(0.95), FromHistogram(0.99), deviation, false);
    }

    private double Rank(double p) => _values![Math.Clamp((int)Math.Ceiling(p * _values.Count) - 1, 0, _values.Count - 1)];

    private double FromHistogram(double p)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(p * _count));
        if (rank <= _zeros) return Math.Max(0, _min);
        var seen = _zeros;
        foreach (var (index, count) in _buckets!.OrderBy(b => b.Key))
        {
            seen += count;
            if (seen >= rank) return Math.Clamp(Math.Pow(Ratio, index + 0.5), _min, _max);
        }
        return _max;
    }
}
