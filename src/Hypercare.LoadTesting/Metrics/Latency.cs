using HdrHistogram;

namespace Hypercare.LoadTesting.Metrics;

/// <summary>
/// Histogram settings shared by every recorder: values in microseconds from 1 us to one hour with three
/// significant digits, so memory stays constant however long a run lasts and histograms add losslessly.
/// </summary>
internal static class Latency
{
    public const long HighestMicros = 3_600_000_000;
    public const int Digits = 3;

    public static Recorder NewRecorder() =>
        HistogramFactory.With64BitBucketSize().WithValuesFrom(1).WithValuesUpTo(HighestMicros).WithPrecisionOf(Digits).WithThreadSafeWrites().WithThreadSafeReads().Create();

    public static LongHistogram NewHistogram() => new(1, HighestMicros, Digits);

    /// <summary>Converts a stopwatch-tick interval to whole microseconds, clamped into the histogram's range.</summary>
    public static long Micros(long ticks, long frequency)
    {
        var micros = (long)(ticks * 1_000_000.0 / frequency);
        return micros < 1 ? 1 : micros > HighestMicros ? HighestMicros : micros;
    }

    public static double PercentileMs(HistogramBase h, double percentile) =>
        h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(percentile) / 1000.0;

    public static double MaxMs(HistogramBase h) => h.TotalCount == 0 ? 0 : h.GetMaxValue() / 1000.0;

    public static double MeanMs(HistogramBase h) => h.TotalCount == 0 ? 0 : h.GetMean() / 1000.0;
}
