using HdrHistogram;

namespace Hypercare.LoadTesting.Metrics;

/// <summary>One second of a run: the time series that reports chart.</summary>
public sealed record SecondPoint(
    int Second,
    double TargetRate,
    long Requests,
    long Failed,
    IReadOnlyDictionary<ErrorKind, long> Errors,
    double CorrectedP50Ms,
    double CorrectedP90Ms,
    double CorrectedP99Ms,
    double CorrectedMaxMs,
    double ServiceP50Ms,
    double ServiceP99Ms,
    long Started,
    long Late,
    long Dropped,
    int ActiveVus);

/// <summary>A window of the run with its own target (a stage or a step of a capacity search).</summary>
internal sealed class StageWindow(int index, string name, double startSeconds, double endSeconds, double targetRate, int targetVus)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public double StartSeconds { get; } = startSeconds;
    public double EndSeconds { get; set; } = endSeconds;
    public double TargetRate { get; } = targetRate;
    public int TargetVus { get; } = targetVus;
    public readonly LongHistogram Corrected = Latency.NewHistogram();
    public readonly LongHistogram Service = Latency.NewHistogram();
    public long Requests;
    public long Failed;
    public long CheckFailures;
    public long Checks;
    public long Intended;
    public long Dropped;
    public double MeasuredSeconds;
}

/// <summary>
/// All measurements of one run. Writers (virtual users, the dispatcher) only touch recorders and counters;
/// the once-a-second <see cref="Tick"/> turns them into a time-series point and cumulative histograms.
/// </summary>
internal sealed class RunStats
{
    private readonly Dictionary<(string, string), StepStats> _byStep = [];
    private readonly List<StepStats> _steps = [];
    private readonly List<SecondPoint> _series = [];
    private readonly LongHistogram _intervalCorrected = Latency.NewHistogram();
    private readonly LongHistogram _intervalService = Latency.NewHistogram();
    private readonly LongHistogram _scratch = Latency.NewHistogram();
    private long _lastRequests, _lastFailed, _lastStarted, _lastLate, _lastDropped, _lastChecks, _lastCheckFailures, _lastIntended;
    private readonly long[] _lastErrors = new long[Enum.GetValues<ErrorKind>().Length];

    public RunStats(IEnumerable<(string Scenario, string Step)> steps)
    {
        foreach (var (scenario, step) in steps)
        {
            var s = new StepStats(scenario, step);
            _byStep[(scenario, step)] = s;
            _steps.Add(s);
        }
    }

    public IReadOnlyList<StepStats> Steps => _steps;
    public IReadOnlyList<SecondPoint> Series => _series;
    public List<StageWindow> Stages { get; } = [];

    public readonly LongHistogram CorrectedTotal = Latency.NewHistogram();
    public readonly LongHistogram ServiceTotal = Latency.NewHistogram();
    public readonly Recorder Jitter = Latency.NewRecorder();
    public readonly LongHistogram JitterTotal = Latency.NewHistogram();

    public long Intended;
    public long Started;
    public long Late;
    public long Dropped;
    public long IterationsCompleted;
    public long IterationsAborted;
    public long DataExhausted;
    public int ActiveVus;
    public int PeakVus;

    /// <summary>Receives each second's interval histograms (corrected, service), e.g. for an .hlog file.</summary>
    public Action<HistogramBase, HistogramBase>? IntervalSink { get; set; }

    public StepStats For(string scenario, string step) => _byStep[(scenario, step)];

    public void NoteVus(int active)
    {
        Volatile.Write(ref ActiveVus, active);
        if (active > PeakVus) PeakVus = active;
    }

    public long TotalRequests() => _steps.Sum(s => Volatile.Read(ref s.Requests));
    public long TotalFailed() => _steps.Sum(s => s.FailedRequests());
    public long TotalChecks() => _steps.Sum(s => Volatile.Read(ref s.Checks));
    public long TotalCheckFailures() => _steps.Sum(s => Volatile.Read(ref s.Errors[(int)ErrorKind.CheckFailed]));
    public long ErrorsOf(ErrorKind kind) => _steps.Sum(s => Volatile.Read(ref s.Errors[(int)kind]));

    /// <summary>
    /// Closes the second that ends at <paramref name="second"/> seconds into the run: drains every recorder into
    /// the cumulative histograms and appends a time-series point. Called by one thread only.
    /// </summary>
    public SecondPoint Tick(int second, double targetRate, double startTimestampSeconds, double endTimestampSeconds)
    {
        _intervalCorrected.Reset();
        _intervalService.Reset();
        foreach (var s in _steps)
        {
            Drain(s.Corrected, s.CorrectedTotal, _intervalCorrected);
            Drain(s.Service, s.ServiceTotal, _intervalService);
        }
        _scratch.Reset();
        Jitter.GetIntervalHistogramInto(_scratch);
        JitterTotal.Add(_scratch);
        CorrectedTotal.Add(_intervalCorrected);
        ServiceTotal.Add(_intervalService);

        var requests = TotalRequests();
        var failed = TotalFailed();
        var started = Volatile.Read(ref Started);
        var late = Volatile.Read(ref Late);
        var dropped = Volatile.Read(ref Dropped);
        var intended = Volatile.Read(ref Intended);
        var checks = TotalChecks();
        var checkFailures = TotalCheckFailures();
        var errors = new Dictionary<ErrorKind, long>();
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            var total = ErrorsOf(kind);
            var delta = total - _lastErrors[(int)kind];
            _lastErrors[(int)kind] = total;
            if (delta != 0) errors[kind] = delta;
        }
        var point = new SecondPoint(second, targetRate, requests - _lastRequests, failed - _lastFailed, errors,
            Latency.PercentileMs(_intervalCorrected, 50), Latency.PercentileMs(_intervalCorrected, 90), Latency.PercentileMs(_intervalCorrected, 99), Latency.MaxMs(_intervalCorrected),
            Latency.PercentileMs(_intervalService, 50), Latency.PercentileMs(_intervalService, 99),
            started - _lastStarted, late - _lastLate, dropped - _lastDropped, Volatile.Read(ref ActiveVus));

        // The second belongs to the stage its middle falls in.
        var middle = second - 0.5;
        foreach (var stage in Stages)
        {
            if (middle < stage.StartSeconds || middle >= stage.EndSeconds) continue;
            stage.Corrected.Add(_intervalCorrected);
            stage.Service.Add(_intervalService);
            stage.Requests += point.Requests;
            stage.Failed += point.Failed;
            stage.Checks += checks - _lastChecks;
            stage.CheckFailures += checkFailures - _lastCheckFailures;
            stage.Intended += intended - _lastIntended;
            stage.Dropped += point.Dropped;
            stage.MeasuredSeconds += 1;
            break;
        }

        _lastRequests = requests; _lastFailed = failed; _lastStarted = started; _lastLate = late; _lastDropped = dropped;
        _lastChecks = checks; _lastCheckFailures = checkFailures; _lastIntended = intended;
        _series.Add(point);

        if (IntervalSink is { } sink)
        {
            _intervalCorrected.StartTimeStamp = (long)(startTimestampSeconds * 1000);
            _intervalCorrected.EndTimeStamp = (long)(endTimestampSeconds * 1000);
            _intervalService.StartTimeStamp = _intervalCorrected.StartTimeStamp;
            _intervalService.EndTimeStamp = _intervalCorrected.EndTimeStamp;
            sink(_intervalCorrected, _intervalService);
        }
        return point;
    }

    private void Drain(Recorder recorder, LongHistogram total, LongHistogram interval)
    {
        _scratch.Reset();
        recorder.GetIntervalHistogramInto(_scratch);
        total.Add(_scratch);
        interval.Add(_scratch);
    }
}
