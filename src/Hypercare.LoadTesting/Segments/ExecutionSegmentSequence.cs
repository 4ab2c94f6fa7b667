namespace Hypercare.LoadTesting.Segments;

/// <summary>
/// The points 0 = p0 &lt; p1 &lt; … &lt; pk = 1 that cut a plan into the segments of all agents of one
/// run. Every agent must be given the same sequence: the striping of indices among segments is
/// derived from it, and agents with different sequences would overlap or leave gaps.
/// </summary>
public sealed class ExecutionSegmentSequence
{
    /// <summary>
    /// The largest cycle length accepted. Every agent deals one full cycle when it starts, so a
    /// sequence with denominators whose least common multiple is larger would cost too much time
    /// and memory; such sequences are almost always a mistake (e.g. decimals with many digits).
    /// </summary>
    public const long MaxCycleLength = 10_000_000;

    /// <summary>
    /// The largest product of cycle length and segment count accepted: dealing a cycle looks at
    /// every segment for every position.
    /// </summary>
    public const long MaxDealingSteps = 100_000_000;

    private readonly Fraction[] _points;
    private readonly ExecutionSegment[] _segments;

    private ExecutionSegmentSequence(Fraction[] points, string text)
    {
        _points = points;
        _segments = new ExecutionSegment[points.Length - 1];
        long cycle = 1;
        for (var i = 0; i < _segments.Length; i++)
        {
            _segments[i] = ExecutionSegment.Create(points[i], points[i + 1]);
            cycle = LeastCommonMultiple(cycle, _segments[i].Length.Denominator, text);
        }

        if ((Int128)cycle * _segments.Length > MaxDealingSteps)
        {
            throw new ArgumentException($"The segment sequence '{text}' repeats every {cycle} indices across {_segments.Length} segments, too many to deal (more than {MaxDealingSteps} steps); use fewer segments or fractions with smaller denominators.");
        }

        CycleLength = cycle;
    }

    /// <summary>The whole plan as one segment: 0,1.</summary>
    public static ExecutionSegmentSequence Whole { get; } = new([Fraction.Zero, Fraction.One], "0,1");

    /// <summary>The points, starting at 0 and ending at 1, strictly increasing.</summary>
    public IReadOnlyList<Fraction> Points => _points;

    /// <summary>The segments between consecutive points, in order.</summary>
    public IReadOnlyList<ExecutionSegment> Segments => _segments;

    /// <summary>
    /// The lowest common denominator L of the segment lengths: indices are dealt to the segments
    /// in a pattern that repeats every L indices.
    /// </summary>
    public long CycleLength { get; }

    /// <summary>The sequence 0, 1/count, 2/count, …, 1 of <paramref name="count"/> equal agents.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public static ExecutionSegmentSequence Even(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var points = new Fraction[count + 1];
        for (var i = 0; i <= count; i++)
        {
            points[i] = Fraction.Create(i, count);
        }

        return new ExecutionSegmentSequence(points, $"the even sequence of {count}");
    }

    /// <summary>
    /// The sequence implied by a segment alone, used when none is given: 0, From, To, 1 without
    /// duplicates. Agents given only their segments agree only if their segments make the same cut.
    /// </summary>
    public static ExecutionSegmentSequence For(ExecutionSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var points = new List<Fraction> { Fraction.Zero };
        if (!segment.From.IsZero)
        {
            points.Add(segment.From);
        }

        points.Add(segment.To);
        if (segment.To != Fraction.One)
        {
            points.Add(Fraction.One);
        }

        return new ExecutionSegmentSequence([.. points], string.Join(',', points));
    }

    /// <summary>
    /// Parses comma-separated points such as "0,1/3,2/3,1" or "0,0.25,0.5,1". Empty text means the whole plan.
    /// </summary>
    /// <exception cref="FormatException">An element is not a number or the list has fewer than two elements.</exception>
    /// <exception cref="ArgumentException">The points do not start at 0, end at 1 and increase strictly, or the cycle is too long.</exception>
    public static ExecutionSegmentSequence Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Whole;
        }

        var elements = text.Split(',');
        if (elements.Length < 2)
        {
            throw new FormatException($"The segment sequence '{text}' needs at least two points, 0 and 1, separated by commas.");
        }

        var points = new Fraction[elements.Length];
        for (var i = 0; i < elements.Length; i++)
        {
            var element = elements[i].Trim();
            try
            {
                points[i] = Fraction.Parse(element);
            }
            catch (FormatException error)
            {
                throw new FormatException($"Element {i + 1} ('{element}') of the segment sequence '{text}' is not a number: {error.Message}", error);
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"Element {i + 1} ('{element}') of the segment sequence '{text}' is not a number: {error.Message}", error);
            }

            if (i == 0 && !points[0].IsZero)
            {
                throw new ArgumentException($"Element 1 ('{element}') of the segment sequence '{text}' must be 0: the sequence starts at 0.");
            }

            if (points[i] > Fraction.One)
            {
                throw new ArgumentException($"Element {i + 1} ('{element}') of the segment sequence '{text}' is greater than 1.");
            }

            if (i > 0 && points[i] <= points[i - 1])
            {
                throw new ArgumentException($"Element {i + 1} ('{element}') of the segment sequence '{text}' must be greater than element {i} ('{elements[i - 1].Trim()}'): the points increase strictly.");
            }
        }

        if (points[^1] != Fraction.One)
        {
            throw new ArgumentException($"Element {points.Length} ('{elements[^1].Trim()}') of the segment sequence '{text}' must be 1: the sequence ends at 1.");
        }

        return new ExecutionSegmentSequence(points, text);
    }

    /// <summary>The position of <paramref name="point"/> among <see cref="Points"/>, or -1.</summary>
    public int IndexOf(Fraction point) => Array.IndexOf(_points, point);

    /// <summary>"0,1/3,2/3,1", the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => string.Join(',', _points);

    private static long LeastCommonMultiple(long a, long b, string text)
    {
        var gcd = a;
        var other = b;
        while (other != 0)
        {
            (gcd, other) = (other, gcd % other);
        }

        var lcm = (Int128)a / gcd * b;
        if (lcm > MaxCycleLength)
        {
            throw new ArgumentException($"The segment sequence '{text}' repeats only every {lcm} indices (more than {MaxCycleLength}); use fractions with smaller denominators.");
        }

        return (long)lcm;
    }
}
