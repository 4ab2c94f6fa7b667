using HdrHistogram;

namespace Hypercare.LoadTesting.Results;

/// <summary>
/// Writes the run's per-second histograms as an HdrHistogram interval log (.hlog), tagged <c>corrected</c> and
/// <c>service</c>, values in microseconds, which HistogramLogAnalyzer and HdrHistogram's own tools read.
/// </summary>
public sealed class IntervalLog : IDisposable
{
    private readonly Stream _stream;
    private readonly HistogramLogWriter _writer;

    /// <summary>Starts a log in a stream; <paramref name="start"/> is the run's start time.</summary>
    public IntervalLog(Stream stream, DateTimeOffset start)
    {
        _stream = stream;
        _writer = new HistogramLogWriter(stream);
        var header = System.Text.Encoding.ASCII.GetBytes("#[Hypercare stress run: values in microseconds; tags: corrected (from intended start), service (from actual send)]\n");
        stream.Write(header);
        _writer.Write(start.UtcDateTime);
    }

    /// <summary>Appends one interval's histograms.</summary>
    public void Append(HistogramBase corrected, HistogramBase service)
    {
        corrected.Tag = "corrected";
        service.Tag = "service";
        _writer.Append(corrected);
        _writer.Append(service);
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
