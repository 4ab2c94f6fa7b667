using HdrHistogram;

namespace Hypercare.LoadTesting.Metrics;

/// <summary>
/// What one step of one scenario measured: corrected latency (from the intended start) and service time
/// (from the actual send) in interval recorders that many virtual users write to, plus separate counters.
/// </summary>
internal sealed class StepStats(string scenario, string step)
{
    public string Scenario { get; } = scenario;
    public string Step { get; } = step;

    public readonly Recorder Corrected = Latency.NewRecorder();
    public readonly Recorder Service = Latency.NewRecorder();
    public readonly LongHistogram CorrectedTotal = Latency.NewHistogram();
    public readonly LongHistogram ServiceTotal = Latency.NewHistogram();

    public long Requests;
    public long Ok;
    public long BytesReceived;
    public long Checks;
    public readonly long[] Errors = new long[Enum.GetValues<ErrorKind>().Length];
    public readonly long[] StatusClasses = new long[6];

    /// <summary>Records one finished request.</summary>
    public void Record(long correctedMicros, long serviceMicros, int status, ErrorKind? transportError, long bytes)
    {
        Corrected.RecordValue(correctedMicros);
        Service.RecordValue(serviceMicros);
        Interlocked.Increment(ref Requests);
        Interlocked.Add(ref BytesReceived, bytes);
        if (transportError is { } e)
        {
            Interlocked.Increment(ref Errors[(int)e]);
            return;
        }
        var cls = status / 100;
        if (cls is >= 1 and <= 5) Interlocked.Increment(ref StatusClasses[cls]);
        if (status >= 500) Interlocked.Increment(ref Errors[(int)ErrorKind.Status5xx]);
        else if (status >= 400) Interlocked.Increment(ref Errors[(int)ErrorKind.Status4xx]);
        else Interlocked.Increment(ref Ok);
    }

    /// <summary>Records a check result.</summary>
    public void RecordCheck(bool passed)
    {
        Interlocked.Increment(ref Checks);
        if (!passed) Interlocked.Increment(ref Errors[(int)ErrorKind.CheckFailed]);
    }

    /// <summary>Requests that failed: transport errors and 4xx/5xx answers (check failures are counted apart).</summary>
    public long FailedRequests()
    {
        long n = 0;
        for (var i = 0; i < Errors.Length; i++)
            if (i != (int)ErrorKind.CheckFailed) n += Volatile.Read(ref Errors[i]);
        return n;
    }
}
