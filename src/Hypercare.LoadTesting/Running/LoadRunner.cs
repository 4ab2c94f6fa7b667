using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Http;
using Hypercare.LoadTesting.Metrics;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Segments;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.LoadTesting.Running;

/// <summary>One second of a run as the live view shows it.</summary>
public sealed record LiveStatus(TimeSpan Elapsed, TimeSpan Planned, double TargetRate, double AchievedRate, double P50Ms, double P99Ms,
    long Requests, long Failed, long Late, long Dropped, int Vus, string? Stage);

/// <summary>The raw outcome of a run, before it becomes a <see cref="Results.StressResult"/>.</summary>
internal sealed record RunOutcome(RunStats Stats, DateTimeOffset StartedAt, DateTimeOffset EndedAt, double Seconds, string Engine, string? AbortReason, int? FailedStage);

/// <summary>
/// Drives one run: starts virtual users, offers load as the executor says (open or closed model), ticks the
/// time series once a second, judges abort thresholds and capacity-search steps as they complete.
/// </summary>
internal sealed class LoadRunner(LoadPlan plan, IHttpEngine engine, TimeProvider time, SegmentShare share)
{
    private readonly List<Task> _vuTasks = [];
    private readonly List<VirtualUser> _vus = [];
    private readonly Lock _gate = new();
    private RunContext _context = null!;
    private RunStats _stats = null!;
    private long _start;
    private volatile bool _stopScheduling;
    private string? _abortReason;
    private int? _failedStage;

    public Action<LiveStatus>? OnSecond { get; init; }
    public Action<HdrHistogram.HistogramBase, HdrHistogram.HistogramBase>? OnInterval { get; init; }

    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        _stats = new RunStats(plan.Scenarios.SelectMany(s => s.Steps.Select(st => (s.Name, st.Name))));
        _stats.IntervalSink = OnInterval;
        var executor = plan.Executor;
        var i = 0;
        foreach (var stage in executor.Stages)
            _stats.Stages.Add(new StageWindow(i++, stage.Name, stage.Start.TotalSeconds, stage.End.TotalSeconds, share.ScaleRate(stage.TargetRate), (int)share.Scale(stage.TargetVus)));
        _context = new RunContext(plan, _stats, engine, time, share.Owns);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (executor is ArrivalRateExecutor prepared)
        {
            // Pre-allocated users open their connections before the clock starts, as a real client would be
            // connected before the doors open; a connection that fails now fails again, counted, at its request.
            var pre = (int)Math.Min(Math.Max(1, share.Scale(prepared.MaxVus)), Math.Max(1, share.Scale(prepared.PreAllocatedVus)));
            for (var k = 0; k < pre; k++) NewVu();
            await Task.WhenAll(_vus.Select(v => v.PrepareAsync(plan.BaseUrl, cancellationToken).AsTask()));
        }
        var startedAt = time.GetUtcNow();
        _start = time.GetTimestamp();
        var ticker = Task.Run(() => TickAsync(stop), CancellationToken.None);
        try
        {
            if (executor is ArrivalRateExecutor open) await RunOpenAsync(open, stop);
            else await RunClosedAsync((VirtualUserExecutor)executor, stop);
        }
        finally
        {
            await stop.CancelAsync();
            (engine as FastEngine)?.Abort();
            try { await Task.WhenAll(_vuTasks.ToArray()); } catch (OperationCanceledException) { }
            await ticker;
            foreach (var vu in _vus) await vu.DisposeAsync();
        }
        var seconds = (time.GetTimestamp() - _start) / (double)time.TimestampFrequency;
        return new RunOutcome(_stats, startedAt, time.GetUtcNow(), seconds, engine.Name, _abortReason, _failedStage);
    }

    private double Elapsed() => (time.GetTimestamp() - _start) / (double)time.TimestampFrequency;

    // ------------------------------------------------------------------ open model

    private async Task RunOpenAsync(ArrivalRateExecutor executor, CancellationTokenSource stop)
    {
        var queue = new ArrivalQueue();
        var max = (int)Math.Max(1, share.Scale(executor.MaxVus));
        var token = stop.Token;
        foreach (var vu in _vus) StartOpenVu(vu, queue, token);

        var frequency = time.TimestampFrequency;
        // Signalled by the dispatcher when it is done: waiting with Thread.Join would hold a pool thread for the whole run.
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() =>
        {
            PreciseSleep.PrepareThisThread();
            var schedule = new ArrivalSchedule(executor.Profile, executor.Arrivals, executor.Seed);
            try
            {
                while (!stop.IsCancellationRequested && !_stopScheduling)
                {
                    if (schedule.Next() is not { } offset) break;
                    if (!share.Owns(schedule.Index)) continue;
                    var due = _start + (long)(offset * frequency);
                    if (!WaitUntil(due, token) || _stopScheduling) break;
                    Interlocked.Increment(ref _stats.Intended);
                    if (!queue.Offer(new Arrival(schedule.Index, due)) && _vus.Count < max)
                        StartOpenVu(NewVu(), queue, token);
                }
            }
            finally
            {
                queue.Complete();
                dispatched.SetResult();
            }
        })
        { IsBackground = true, Name = "hypercare arrivals", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        await dispatched.Task;

        // Starts still queued when the planned time plus the graceful stop is over were never sent.
        var deadline = executor.Duration + executor.GracefulStop;
        await WaitForVusAsync(deadline, token);
        await stop.CancelAsync();
        Interlocked.Add(ref _stats.Dropped, queue.DrainBacklog());
    }

    private VirtualUser NewVu()
    {
        lock (_gate)
        {
            var vu = new VirtualUser(_context, _vus.Count + 1);
            _vus.Add(vu);
            _stats.NoteVus(_vus.Count);
            return vu;
        }
    }

    private void StartOpenVu(VirtualUser vu, ArrivalQueue queue, CancellationToken token)
    {
        lock (_gate) _vuTasks.Add(Task.Run(() => OpenLoopAsync(vu, queue, token), CancellationToken.None));
    }

    private async Task OpenLoopAsync(VirtualUser vu, ArrivalQueue queue, CancellationToken token)
    {
        var waiter = new ArrivalWaiter();
        try
        {
            while (!token.IsCancellationRequested)
            {
                var (ok, arrival) = await queue.TakeAsync(waiter);
                if (!ok) return;
                var delay = time.GetTimestamp() - arrival.Due;
                _stats.Jitter.RecordValue(Latency.Micros(delay, _context.Frequency));
                if (delay > _context.MaxLatenessTicks)
                {
                    Interlocked.Increment(ref _stats.Dropped);
                    continue;
                }
                if (delay > _context.LateAfterTicks) Interlocked.Increment(ref _stats.Late);
                Interlocked.Increment(ref _stats.Started);
                await vu.RunIterationAsync(arrival.Index, arrival.Due, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested) { }
    }

    private bool WaitUntil(long due, CancellationToken token)
    {
        var frequency = time.TimestampFrequency;
        while (true)
        {
            if (token.IsCancellationRequested) return false;
            var remaining = due - time.GetTimestamp();
            if (remaining <= 0) return true;
            var nanoseconds = (long)(remaining * 1e9 / frequency);
            // Sleep until just before the start (at most 50 ms at a time, to notice a stop), then spin the last
            // few microseconds: a wake-up is never exact, and a start that is late shows as jitter.
            if (nanoseconds > 60_000) PreciseSleep.Sleep(Math.Min(nanoseconds - 40_000, 50_000_000));
            else Thread.SpinWait(20);
        }
    }

    private async Task WaitForVusAsync(TimeSpan deadline, CancellationToken token)
    {
        Task[] tasks;
        lock (_gate) tasks = _vuTasks.ToArray();
        var remaining = deadline - TimeSpan.FromSeconds(Elapsed());
        if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
        try { await Task.WhenAll(tasks).WaitAsync(remaining, time, token); }
        catch (TimeoutException) { }
        catch (OperationCanceledException) { }
    }

    // ------------------------------------------------------------------ closed model

    private async Task RunClosedAsync(VirtualUserExecutor executor, CancellationTokenSource stop)
    {
        var max = (int)Math.Max(1, share.Scale(executor.MaxVus));
        var slots = new Task?[max];
        var target = 0;
        long iterations = 0;
        using var vusToken = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        while (!stop.IsCancellationRequested && !_stopScheduling)
        {
            var elapsed = TimeSpan.FromSeconds(Elapsed());
            if (elapsed >= executor.Duration) break;
            Volatile.Write(ref target, (int)Math.Min(max, share.Scale(executor.TargetVusAt(elapsed))));
            for (var k = 0; k < target; k++)
            {
                if (slots[k] is { IsCompleted: false }) continue;
                var slot = k;
                VirtualUser vu;
                lock (_gate)
                {
                    while (_vus.Count <= slot) _vus.Add(new VirtualUser(_context, _vus.Count + 1));
                    vu = _vus[slot];
                }
                slots[k] = Task.Run(async () =>
                {
                    try
                    {
                        while (slot < Volatile.Read(ref target) && !vusToken.IsCancellationRequested && !_stopScheduling)
                        {
                            var n = Interlocked.Increment(ref iterations) - 1;
                            Interlocked.Increment(ref _stats.Intended);
                            Interlocked.Increment(ref _stats.Started);
                            if (!await vu.RunIterationAsync(n, time.GetTimestamp(), vusToken.Token)) break;
                        }
                    }
                    catch (OperationCanceledException) { }
                }, CancellationToken.None);
                lock (_gate) _vuTasks.Add(slots[k]!);
            }
            _stats.NoteVus(slots.Count(t => t is { IsCompleted: false }));
            try { await Task.Delay(TimeSpan.FromMilliseconds(50), time, stop.Token); }
            catch (OperationCanceledException) { break; }
        }
        Volatile.Write(ref target, 0);
        await WaitForVusAsync(executor.Duration + executor.GracefulStop, stop.Token);
    }

    // ------------------------------------------------------------------ ticks

    private async Task TickAsync(CancellationTokenSource stop)
    {
        var planned = plan.Executor.Duration;
        var second = 0;
        var runningTotal = 0L;
        while (true)
        {
            second++;
            var due = TimeSpan.FromSeconds(second) - TimeSpan.FromSeconds(Elapsed());
            var last = false;
            if (due > TimeSpan.Zero)
            {
                try { await Task.Delay(due, time, stop.Token); }
                catch (OperationCanceledException) { last = true; }
            }
            var end = Elapsed();
            var target = plan.Executor is ArrivalRateExecutor open ? share.ScaleRate(open.Profile.RateAt(second - 0.5)) : 0;
            var point = _stats.Tick(second, target, second - 1, Math.Min(end, second));
            runningTotal += point.Requests;
            JudgeStage(second);
            JudgeAbort(second, stop);
            var stage = _stats.Stages.FirstOrDefault(s => second - 0.5 >= s.StartSeconds && second - 0.5 < s.EndSeconds);
            // The closing partial second is reported only when something happened in it.
            if (!last || point.Requests > 0)
                OnSecond?.Invoke(new LiveStatus(TimeSpan.FromSeconds(Math.Min(end, second)), planned, target, point.Requests, point.CorrectedP50Ms, point.CorrectedP99Ms,
                runningTotal, _stats.TotalFailed(), Volatile.Read(ref _stats.Late), Volatile.Read(ref _stats.Dropped), Volatile.Read(ref _stats.ActiveVus), stage?.Name));
            if (last) return;
        }
    }

    private void JudgeStage(int second)
    {
        if (plan.Executor is not StepLoad || _failedStage is not null) return;
        foreach (var stage in _stats.Stages)
        {
            if (Math.Abs(stage.EndSeconds - second) > 0.01) continue;
            var measurement = new StageMeasurement(stage);
            foreach (var t in plan.Thresholds.Where(t => t.Scenario is null))
            {
                if (t.Holds(t.Measure(measurement))) continue;
                _failedStage = stage.Index;
                _stopScheduling = true;
                return;
            }
        }
    }

    private void JudgeAbort(int second, CancellationTokenSource stop)
    {
        if (_abortReason is not null) return;
        foreach (var t in plan.Thresholds.Where(t => t.AbortOnFail && second >= t.AbortGrace.TotalSeconds))
        {
            var m = Results.Measurements.For(_stats, t.Scenario, t.Step, Elapsed());
            var value = t.Measure(m);
            if (t.Holds(value)) continue;
            _abortReason = $"threshold '{t.Expression}' failed after {second} s ({t.Format(value)}); the run was aborted";
            _stopScheduling = true;
            stop.Cancel();
            return;
        }
    }
}

/// <summary>The numbers of one stage, for judging a capacity-search step.</summary>
internal sealed class StageMeasurement(StageWindow stage) : IMeasurement
{
    public double CorrectedPercentileMs(double percentile) => Latency.PercentileMs(stage.Corrected, percentile);
    public double ServicePercentileMs(double percentile) => Latency.PercentileMs(stage.Service, percentile);
    public double MeanMs => Latency.MeanMs(stage.Corrected);
    public double MaxMs => Latency.MaxMs(stage.Corrected);
    public long Requests => stage.Requests;
    public long Failed => stage.Failed;
    public long Checks => stage.Checks;
    public long CheckFailures => stage.CheckFailures;
    public long Intended => stage.Intended;
    public long Dropped => stage.Dropped;
    public double Seconds => stage.MeasuredSeconds;
}
