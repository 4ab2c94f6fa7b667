namespace Hypercare.LoadTesting.Segments;

/// <summary>
/// The part (From, To] of a whole test plan that one agent runs, as exact fractions of [0, 1].
/// Several agents whose segments tile [0, 1] together run the plan exactly once.
/// </summary>
public sealed class ExecutionSegment : IEquatable<ExecutionSegment>
{
    private ExecutionSegment(Fraction from, Fraction to)
    {
        From = from;
        To = to;
    }

    /// <summary>The whole plan, 0:1: what a single agent runs.</summary>
    public static ExecutionSegment Whole { get; } = new(Fraction.Zero, Fraction.One);

    /// <summary>The exclusive start of the segment.</summary>
    public Fraction From { get; }

    /// <summary>The inclusive end of the segment.</summary>
    public Fraction To { get; }

    /// <summary>To − From: the fraction of every quantity that this segment stands for.</summary>
    public Fraction Length => To - From;

    /// <summary>Whether this is the whole plan.</summary>
    public bool IsWhole => From.IsZero && To == Fraction.One;

    /// <summary>Creates the segment (from, to].</summary>
    /// <exception cref="ArgumentException">A bound is greater than 1 or the segment is empty.</exception>
    public static ExecutionSegment Create(Fraction from, Fraction to)
    {
        if (to > Fraction.One)
        {
            throw new ArgumentException($"The segment {from}:{to} ends after 1; segment bounds are between 0 and 1.");
        }

        if (to <= from)
        {
            throw new ArgumentException($"The segment {from}:{to} must end after it starts.");
        }

        return new ExecutionSegment(from, to);
    }

    /// <summary>
    /// The segment of agent <paramref name="index"/> (0-based) of <paramref name="count"/> equal agents:
    /// index/count : (index+1)/count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive or the index is outside 0..count-1.</exception>
    public static ExecutionSegment ForAgent(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The agent index must be between 0 and {count - 1} for {count} agents.");
        }

        return Create(Fraction.Create(index, count), Fraction.Create(index + 1, count));
    }

    /// <summary>
    /// Parses "from:to" such as "1/3:2/3" or "0.25:0.5"; a single bound "1/3" means 0:1/3.
    /// Empty text means the whole plan.
    /// </summary>
    /// <exception cref="FormatException">The text is not a segment or a bound is not a number.</exception>
    /// <exception cref="ArgumentException">A bound is greater than 1 or the segment is empty.</exception>
    public static ExecutionSegment Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Whole;
        }

        var parts = text.Split(':');
        if (parts.Length > 2)
        {
            throw new FormatException($"'{text}' is not a segment; expected from:to such as 1/3:2/3.");
        }

        var from = parts.Length == 2 ? ParseBound(parts[0], text) : Fraction.Zero;
        var to = ParseBound(parts[^1], text);
        if (to <= from)
        {
            throw new ArgumentException($"The segment '{text}' must end after it starts.");
        }

        return new ExecutionSegment(from, to);
    }

    /// <inheritdoc />
    public bool Equals(ExecutionSegment? other) => other is not null && From == other.From && To == other.To;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExecutionSegment);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(From, To);

    /// <summary>"from:to", the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => $"{From}:{To}";

    private static Fraction ParseBound(string bound, string text)
    {
        Fraction value;
        try
        {
            value = Fraction.Parse(bound);
        }
        catch (FormatException error)
        {
            throw new FormatException($"The segment '{text}' has a bad bound: {error.Message}", error);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"The segment '{text}' has a bad bound: {error.Message}", error);
        }

        if (value > Fraction.One)
        {
            throw new ArgumentException($"The segment '{text}' has the bound '{bound.Trim()}', which is greater than 1.");
        }

        return value;
    }
}
