using System.Globalization;
using System.Text;
using HdrHistogram;

namespace Hypercare.LoadTesting.Results;

/// <summary>
/// Writes the run's per-second histograms as an HdrHistogram interval log (.hlog, format 1.3, ASCII), tagged
/// <c>corrected</c> and <c>service</c>, values in microseconds and interval maxima in milliseconds, which
/// HistogramLogAnalyzer and HdrHistogram's own log readers accept.
/// </summary>
public sealed class IntervalLog : IDisposable
{
    private readonly StreamWriter _writer;

    /// <summary>Starts a log in a stream; <paramref name="start"/> is the run's start time.</summary>
    public IntervalLog(Stream stream, DateTimeOffset start)
    {
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        var seconds = start.ToUnixTimeMilliseconds() / 1000.0;
        _writer.WriteLine("#[Hypercare stress run: values in microseconds; tags: corrected (from the intended start), service (from the actual send)]");
        _writer.WriteLine("#[Histogram log format version 1.3]");
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#[StartTime: {seconds:0.000} (seconds since epoch), {start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}]"));
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#[BaseTime: {seconds:0.000} (seconds since epoch)]"));
        _writer.WriteLine("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        _writer.Flush();
    }

    /// <summary>Appends one interval's histograms; their start and end timestamps are milliseconds from the run's start.</summary>
    public void Append(HistogramBase corrected, HistogramBase service)
    {
        Line("corrected", corrected);
        Line("service", service);
        _writer.Flush();
    }

    private void Line(string tag, HistogramBase h)
    {
        var start = h.StartTimeStamp / 1000.0;
        var length = Math.Max(0, h.EndTimeStamp - h.StartTimeStamp) / 1000.0;
        var max = h.TotalCount == 0 ? 0 : h.GetMaxValue() / 1000.0;
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Tag={tag},{start:0.000},{length:0.000},{max:0.000},{HistogramCodec.Encode(h)}"));
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
