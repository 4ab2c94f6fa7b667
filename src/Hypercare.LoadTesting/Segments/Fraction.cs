using System.Globalization;
using System.Numerics;

namespace Hypercare.LoadTesting.Segments;

/// <summary>
/// A non-negative rational number kept exactly and always reduced, so that two equal values are
/// equal field by field. Segment bounds are fractions because a decimal or floating-point bound
/// would make the shares of several agents miss or double-count an item.
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    // Stored as denominator - 1 so that default(Fraction) is 0/1 rather than an undefined 0/0.
    private readonly long _denominatorLessOne;

    private Fraction(long numerator, long denominator)
    {
        Numerator = numerator;
        _denominatorLessOne = denominator - 1;
    }

    /// <summary>Zero.</summary>
    public static Fraction Zero => default;

    /// <summary>One, the whole.</summary>
    public static Fraction One => new(1, 1);

    /// <summary>The numerator, in lowest terms (never negative).</summary>
    public long Numerator { get; }

    /// <summary>The denominator, in lowest terms (always at least 1).</summary>
    public long Denominator => _denominatorLessOne + 1;

    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/> in lowest terms.</summary>
    /// <exception cref="ArgumentException">The numerator is negative or the denominator is not positive.</exception>
    public static Fraction Create(long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentException($"The denominator of {numerator}/{denominator} must be positive.");
        }

        if (numerator < 0)
        {
            throw new ArgumentException($"The fraction {numerator}/{denominator} must not be negative.");
        }

        return Reduce(numerator, denominator);
    }

    /// <summary>Whether this is zero.</summary>
    public bool IsZero => Numerator == 0;

    /// <summary>
    /// Parses an integer ("0", "1"), a fraction ("1/3"), a decimal ("0.25") or a percentage ("25%").
    /// </summary>
    /// <exception cref="FormatException">The text is none of these, or is negative.</exception>
    /// <exception cref="ArgumentException">A fraction has a zero denominator.</exception>
    public static Fraction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("An empty text is not a fraction; expected a number such as 0, 1, 1/3, 0.25 or 25%.");
        }

        if (trimmed.StartsWith('-'))
        {
            throw new FormatException($"'{text}' is negative; segment fractions are between 0 and 1.");
        }

        if (trimmed.EndsWith('%'))
        {
            var percent = ParseDecimal(trimmed[..^1], text);
            return percent * Create(1, 100);
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var numerator = ParseWhole(trimmed[..slash], text);
            var denominator = ParseWhole(trimmed[(slash + 1)..], text);
            if (denominator == 0)
            {
                throw new ArgumentException($"'{text}' has a zero denominator.");
            }

            return Create(numerator, denominator);
        }

        return ParseDecimal(trimmed, text);
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out Fraction value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        try
        {
            value = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The exact sum.</summary>
    /// <exception cref="OverflowException">The exact result does not fit in 64-bit terms.</exception>
    public static Fraction operator +(Fraction left, Fraction right) =>
        Reduce(
            ((Int128)left.Numerator * right.Denominator) + ((Int128)right.Numerator * left.Denominator),
            (Int128)left.Denominator * right.Denominator);

    /// <summary>The exact difference.</summary>
    /// <exception cref="ArgumentException">The result would be negative.</exception>
    public static Fraction operator -(Fraction left, Fraction right)
    {
        var numerator = ((Int128)left.Numerator * right.Denominator) - ((Int128)right.Numerator * left.Denominator);
        if (numerator < 0)
        {
            throw new ArgumentException($"{left} - {right} is negative.");
        }

        return Reduce(numerator, (Int128)left.Denominator * right.Denominator);
    }

    /// <summary>The exact product.</summary>
    public static Fraction operator *(Fraction left, Fraction right) =>
        Reduce((Int128)left.Numerator * right.Numerator, (Int128)left.Denominator * right.Denominator);

    /// <summary>Compares exactly.</summary>
    public static bool operator <(Fraction left, Fraction right) => left.CompareTo(right) < 0;

    /// <summary>Compares exactly.</summary>
    public static bool operator >(Fraction left, Fraction right) => left.CompareTo(right) > 0;

    /// <summary>Compares exactly.</summary>
    public static bool operator <=(Fraction left, Fraction right) => left.CompareTo(right) <= 0;

    /// <summary>Compares exactly.</summary>
    public static bool operator >=(Fraction left, Fraction right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public int CompareTo(Fraction other) =>
        ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    /// <summary>The nearest double; for display and rates only, never for deciding ownership.</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>"0", "1" or "a/b".</summary>
    public override string ToString() =>
        Denominator == 1
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static Fraction Reduce(Int128 numerator, Int128 denominator)
    {
        var divisor = Int128Gcd(numerator, denominator);
        numerator /= divisor;
        denominator /= divisor;
        if (numerator > long.MaxValue || denominator > long.MaxValue)
        {
            throw new OverflowException($"The exact fraction {numerator}/{denominator} does not fit in 64-bit terms.");
        }

        return new Fraction((long)numerator, (long)denominator);
    }

    private static Int128 Int128Gcd(Int128 a, Int128 b)
    {
        a = Int128.Abs(a);
        b = Int128.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }

    private static long ParseWhole(string part, string text)
    {
        var trimmed = part.Trim();
        if (trimmed.Length == 0 || !trimmed.All(char.IsAsciiDigit))
        {
            throw new FormatException($"'{text}' is not a fraction; expected whole numbers on both sides of '/', such as 1/3.");
        }

        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{text}' has a number too large for a fraction.");
        }

        return value;
    }

    private static Fraction ParseDecimal(string number, string text)
    {
        var trimmed = number.Trim();
        var point = trimmed.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? trimmed : trimmed[..point];
        var digits = point < 0 ? string.Empty : trimmed[(point + 1)..];
        var valid = (whole.Length > 0 || digits.Length > 0)
            && whole.All(char.IsAsciiDigit)
            && digits.All(char.IsAsciiDigit);
        if (!valid)
        {
            throw new FormatException($"'{text}' is not a number; expected 0, 1, a fraction such as 1/3, a decimal such as 0.25 or a percentage such as 25%.");
        }

        if (digits.Length > 18 || whole.Length > 18)
        {
            throw new FormatException($"'{text}' has too many digits for an exact fraction.");
        }

        var scale = BigInteger.Pow(10, digits.Length);
        var numerator = (BigInteger.Parse(whole.Length == 0 ? "0" : whole, CultureInfo.InvariantCulture) * scale)
            + (digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, CultureInfo.InvariantCulture));
        return Reduce((Int128)numerator, (Int128)scale);
    }
}
