namespace Hypercare.LoadTesting.Executors;

/// <summary>
/// An offered rate that is piecewise linear in time. Arrival k (counting from zero) is due when the expected
/// number of arrivals since the start reaches k; Poisson arrivals use the same inversion on a sum of
/// exponential gaps (time rescaling), so both kinds follow ramps exactly.
/// </summary>
public sealed class RateProfile
{
    private readonly Piece[] _pieces;

    /// <summary>Creates a profile from consecutive pieces (duration, rate at its start, rate at its end).</summary>
    public RateProfile(IEnumerable<(TimeSpan Duration, double From, double To)> pieces)
    {
        var list = new List<Piece>();
        double t = 0, cumulative = 0;
        foreach (var (duration, from, to) in pieces)
        {
            if (duration <= TimeSpan.Zero) continue;
            if (from < 0 || to < 0 || !double.IsFinite(from) || !double.IsFinite(to)) throw new ArgumentOutOfRangeException(nameof(pieces), "rates must be finite and not negative");
            var d = duration.TotalSeconds;
            list.Add(new Piece(t, t + d, from, to, cumulative));
            cumulative += (from + to) / 2 * d;
            t += d;
        }
        _pieces = [.. list];
        Duration = TimeSpan.FromSeconds(t);
        ExpectedArrivals = cumulative;
    }

    /// <summary>The profile's length.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The expected number of arrivals over the whole profile.</summary>
    public double ExpectedArrivals { get; }

    /// <summary>The rate at a moment, in arrivals per second.</summary>
    public double RateAt(double seconds)
    {
        foreach (var p in _pieces)
            if (seconds >= p.Start && seconds < p.End)
                return p.From + (p.To - p.From) * (seconds - p.Start) / (p.End - p.Start);
        return 0;
    }

    /// <summary>
    /// The moment, in seconds from the start, when the expected count of arrivals reaches <paramref name="count"/>;
    /// null when the profile ends first.
    /// </summary>
    public double? TimeOfCount(double count)
    {
        foreach (var p in _pieces)
        {
            var pieceCount = (p.From + p.To) / 2 * (p.End - p.Start);
            if (count >= p.Cumulative + pieceCount) continue;
            var u = count - p.Cumulative;
            var d = p.End - p.Start;
            var a = (p.To - p.From) / (2 * d);
            double x;
            if (Math.Abs(a) < 1e-12) x = p.From == 0 ? 0 : u / p.From;
            else
            {
                var disc = p.From * p.From + 4 * a * u;
                x = (-p.From + Math.Sqrt(Math.Max(0, disc))) / (2 * a);
            }
            return p.Start + Math.Clamp(x, 0, d);
        }
        return null;
    }

    private readonly record struct Piece(double Start, double End, double From, double To, double Cumulative);
}

/// <summary>
/// The global sequence of intended starts of an open model, in seconds from the start of the run. Every agent of
/// a distributed run computes the same sequence and keeps the starts its execution segment owns.
/// </summary>
internal sealed class ArrivalSchedule(RateProfile profile, ArrivalProcess process, int seed)
{
    private readonly Random _random = new(seed);
    private double _count = process == ArrivalProcess.Uniform ? 0 : -1;
    private long _index = -1;

    /// <summary>The index of the arrival last returned by <see cref="Next"/>.</summary>
    public long Index => _index;

    /// <summary>The next intended start in seconds, or null when the schedule is over.</summary>
    public double? Next()
    {
        if (process == ArrivalProcess.Uniform) _count = _index + 1;
        else _count = (_count < 0 ? 0 : _count) + -Math.Log(1 - _random.NextDouble());
        var t = profile.TimeOfCount(_count);
        if (t is null) return null;
        _index++;
        return t;
    }
}
