using HdrHistogram;
using HdrHistogram.Utilities;
using Hypercare.LoadTesting.Metrics;

namespace Hypercare.LoadTesting.Results;

/// <summary>Histograms to and from base64 text in the compressed HdrHistogram encoding that .hlog files also use.</summary>
internal static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = buffer.Get();
        return Convert.ToBase64String(bytes);
    }

    public static LongHistogram Decode(string text)
    {
        var bytes = Convert.FromBase64String(text);
        var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), Latency.HighestMicros);
        var result = Latency.NewHistogram();
        result.Add(decoded);
        return result;
    }
}
