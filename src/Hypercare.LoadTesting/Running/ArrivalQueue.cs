using System.Threading.Tasks.Sources;

namespace Hypercare.LoadTesting.Running;

/// <summary>One scheduled start of an open model: the global arrival number and when it is due (timestamp).</summary>
internal readonly record struct Arrival(long Index, long Due);

/// <summary>
/// Hands scheduled starts to idle virtual users. An idle user waits on its own reusable
/// <see cref="ArrivalWaiter"/>, so handing over allocates nothing; the hand-over runs the user inline on the
/// dispatcher's thread up to its first real wait (usually the response), which puts the send within
/// microseconds of its intended time instead of behind a thread-pool queue. Starts that find no idle user wait
/// in a backlog, oldest first.
/// </summary>
internal sealed class ArrivalQueue
{
    private readonly Lock _gate = new();
    private readonly Stack<ArrivalWaiter> _idle = new();
    private readonly Queue<Arrival> _backlog = new();
    private bool _completed;

    /// <summary>Gives an arrival to an idle user; false when none was idle and the arrival waits in the backlog.</summary>
    public bool Offer(Arrival arrival)
    {
        ArrivalWaiter? waiter;
        lock (_gate)
        {
            if (!_idle.TryPop(out waiter))
            {
                _backlog.Enqueue(arrival);
                return false;
            }
        }
        waiter.Deliver(arrival);
        return true;
    }

    /// <summary>The next arrival for a user: from the backlog, or the next one offered; none once the queue completed and the backlog is empty.</summary>
    public ValueTask<(bool Ok, Arrival Arrival)> TakeAsync(ArrivalWaiter waiter)
    {
        lock (_gate)
        {
            if (_backlog.TryDequeue(out var arrival)) return new((true, arrival));
            if (_completed) return new((false, default));
            waiter.Arm();
            _idle.Push(waiter);
        }
        return waiter.Wait();
    }

    /// <summary>No more arrivals: idle users end now, busy ones after the backlog is empty.</summary>
    public void Complete()
    {
        ArrivalWaiter[] idle;
        lock (_gate)
        {
            _completed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var w in idle) w.End();
    }

    /// <summary>Removes what is left in the backlog; returns how many starts were never sent.</summary>
    public int DrainBacklog()
    {
        lock (_gate)
        {
            var n = _backlog.Count;
            _backlog.Clear();
            return n;
        }
    }
}

/// <summary>A virtual user's reusable wait for its next arrival.</summary>
internal sealed class ArrivalWaiter : IValueTaskSource<(bool Ok, Arrival Arrival)>
{
    private ManualResetValueTaskSourceCore<(bool, Arrival)> _core;

    public void Arm() => _core.Reset();

    public ValueTask<(bool Ok, Arrival Arrival)> Wait() => new(this, _core.Version);

    public void Deliver(Arrival arrival) => _core.SetResult((true, arrival));

    public void End() => _core.SetResult((false, default));

    public (bool Ok, Arrival Arrival) GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
