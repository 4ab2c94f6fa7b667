using System.Collections.Frozen;
using NodaTime;

namespace Hypercare.Core.Calendar;

/// <summary>Which days of the week are the weekend, possibly changed on a date (the UAE moved its weekend in 2022).</summary>
internal sealed class WeekendRule
{
    private readonly FrozenSet<IsoDayOfWeek> _current;
    private readonly LocalDate? _since;
    private readonly FrozenSet<IsoDayOfWeek>? _before;

    private WeekendRule(FrozenSet<IsoDayOfWeek> current, LocalDate? since, FrozenSet<IsoDayOfWeek>? before)
    {
        _current = current;
        _since = since;
        _before = before;
    }

    /// <summary>The same weekend on every date.</summary>
    public static WeekendRule Fixed(IEnumerable<IsoDayOfWeek> days) => new(days.ToFrozenSet(), null, null);

    /// <summary>A weekend that changed on <paramref name="since"/>.</summary>
    public static WeekendRule Changed(IEnumerable<IsoDayOfWeek> before, LocalDate since, IEnumerable<IsoDayOfWeek> after) =>
        new(after.ToFrozenSet(), since, before.ToFrozenSet());

    /// <summary>The weekend in force now (for the latest dates).</summary>
    public IReadOnlySet<IsoDayOfWeek> Current => _current;

    /// <summary>The weekend days on a date.</summary>
    public IReadOnlySet<IsoDayOfWeek> On(LocalDate date) => _since is { } since && date < since ? _before! : _current;

    /// <summary>True when the date falls on a weekend day.</summary>
    public bool IsWeekend(LocalDate date) => On(date).Contains(date.DayOfWeek);

    /// <summary>"Saturday and Sunday", in week order.</summary>
    public static string Describe(IReadOnlySet<IsoDayOfWeek> days)
    {
        var names = days.Order().Select(d => d.ToString()).ToList();
        return names.Count switch
        {
            0 => "no day",
            1 => names[0],
            _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
        };
    }
}

/// <summary>The built-in weekend table: Saturday and Sunday unless a country is listed here.</summary>
internal static class Weekends
{
    private static readonly IsoDayOfWeek[] SaturdaySunday = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];
    private static readonly IsoDayOfWeek[] FridaySaturday = [IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday];

    private static readonly WeekendRule Default = WeekendRule.Fixed(SaturdaySunday);
    private static readonly WeekendRule FridayAndSaturday = WeekendRule.Fixed(FridaySaturday);

    private static readonly FrozenDictionary<string, WeekendRule> Table = new Dictionary<string, WeekendRule>(StringComparer.Ordinal)
    {
        ["SA"] = FridayAndSaturday, ["IL"] = FridayAndSaturday, ["EG"] = FridayAndSaturday, ["KW"] = FridayAndSaturday,
        ["QA"] = FridayAndSaturday, ["BH"] = FridayAndSaturday, ["OM"] = FridayAndSaturday, ["JO"] = FridayAndSaturday,
        ["DZ"] = FridayAndSaturday, ["IQ"] = FridayAndSaturday, ["LY"] = FridayAndSaturday, ["SD"] = FridayAndSaturday,
        ["YE"] = FridayAndSaturday, ["SY"] = FridayAndSaturday,
        ["IR"] = WeekendRule.Fixed([IsoDayOfWeek.Friday]),
        // The UAE moved from Friday+Saturday to Saturday+Sunday on 1 January 2022.
        ["AE"] = WeekendRule.Changed(FridaySaturday, new LocalDate(2022, 1, 1), SaturdaySunday),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The weekend of a country (upper-case ISO code), or Saturday and Sunday.</summary>
    public static WeekendRule For(string? country) =>
        country is not null && Table.TryGetValue(country, out var rule) ? rule : Default;
}
