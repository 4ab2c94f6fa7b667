using System.Collections.Concurrent;
using System.Collections.Frozen;
using Hypercare.Core.Problems;
using NodaTime;
using PublicHoliday;

namespace Hypercare.Core.Calendar;

/// <summary>
/// National holidays of one country from the PublicHoliday package, by the date they are observed
/// (a US holiday on a Saturday is taken on the Friday before). Computed once per year and cached.
/// </summary>
internal sealed class PackageHolidays
{
    /// <summary>Years the package is asked about; outside them the answer would be a guess.</summary>
    public const int FirstYear = 1900;

    /// <summary>See <see cref="FirstYear"/>.</summary>
    public const int LastYear = 2199;

    private static readonly FrozenDictionary<string, PackageHolidays> ByCountry = new[]
    {
        Of<AustraliaPublicHoliday>("AU"), Of<AustriaPublicHoliday>("AT"), Of<BelgiumPublicHoliday>("BE"),
        Of<BrazilPublicHoliday>("BR"), Of<CroatiaPublicHoliday>("HR"), Of<CzechRepublicPublicHoliday>("CZ"),
        Of<DenmarkPublicHoliday>("DK"), Of<DutchPublicHoliday>("NL"), Of<EstoniaPublicHoliday>("EE"),
        Of<FrancePublicHoliday>("FR"), Of<GermanPublicHoliday>("DE"), Of<GreecePublicHoliday>("GR"),
        Of<HungaryPublicHoliday>("HU"), Of<IrelandPublicHoliday>("IE"), Of<ItalyPublicHoliday>("IT"),
        Of<JapanPublicHoliday>("JP"), Of<KazakhstanPublicHoliday>("KZ"), Of<LatviaPublicHoliday>("LV"),
        Of<LithuaniaPublicHoliday>("LT"), Of<LuxembourgPublicHoliday>("LU"), Of<MexicoPublicHoliday>("MX"),
        Of<MontenegroPublicHoliday>("ME"), Of<NewZealandPublicHoliday>("NZ"), Of<NorwayPublicHoliday>("NO"),
        Of<PolandPublicHoliday>("PL"), Of<PortugalPublicHoliday>("PT"), Of<RomanianPublicHoliday>("RO"),
        Of<SerbianPublicHoliday>("RS"), Of<SlovakiaPublicHoliday>("SK"), Of<SloveniaPublicHoliday>("SI"),
        Of<SouthAfricaPublicHoliday>("ZA"), Of<SpainPublicHoliday>("ES"), Of<SwedenPublicHoliday>("SE"),
        Of<TurkeyPublicHoliday>("TR"),
        Of<UKBankHoliday>("GB", "England and Wales bank holidays"),
        Of<USAPublicHoliday>("US", "federal holidays"),
    }.ToFrozenDictionary(p => p.Country, StringComparer.Ordinal);

    /// <summary>The ISO codes with package data, sorted.</summary>
    public static readonly IReadOnlyList<string> Countries = ByCountry.Keys.Order(StringComparer.Ordinal).ToList();

    private readonly Func<PublicHolidayBase> _create;
    private readonly ConcurrentDictionary<int, IReadOnlyList<(LocalDate Observed, string Name)>> _byPackageYear = new();
    private readonly ConcurrentDictionary<int, FrozenDictionary<LocalDate, string>> _byObservedYear = new();

    private PackageHolidays(string country, string className, string scope, Func<PublicHolidayBase> create)
    {
        Country = country;
        ClassName = className;
        Scope = scope;
        _create = create;
    }

    /// <summary>The upper-case ISO code.</summary>
    public string Country { get; }

    /// <summary>The package class the data comes from.</summary>
    public string ClassName { get; }

    /// <summary>Which holidays the class gives: "federal holidays", "national holidays", ...</summary>
    public string Scope { get; }

    /// <summary>How the data is described to users.</summary>
    public string Source => $"PublicHoliday package ({ClassName}, {Scope})";

    /// <summary>The package data for a country, or null when the package does not cover it nationally.</summary>
    public static PackageHolidays? For(string country) => ByCountry.GetValueOrDefault(country);

    /// <summary>The days off observed in <paramref name="year"/>, with their names.</summary>
    public FrozenDictionary<LocalDate, string> ObservedIn(int year)
    {
        if (year is < FirstYear or > LastYear)
        {
            throw new BadInputException("calendar-year-out-of-range",
                $"{year} is outside the years Hypercare asks the PublicHoliday package about ({FirstYear}-{LastYear})",
                "check the date; for other years supply a calendar file");
        }
        return _byObservedYear.GetOrAdd(year, y =>
        {
            // A holiday of the next year can be observed in this one (New Year 2028, a Saturday, is taken on
            // 2027-12-31 in the US), and the other way round, so the neighbouring years are read too.
            var days = new Dictionary<LocalDate, string>();
            for (var packageYear = y - 1; packageYear <= y + 1; packageYear++)
            {
                foreach (var (observed, name) in Information(packageYear))
                {
                    if (observed.Year != y) continue;
                    days[observed] = days.TryGetValue(observed, out var other) && other != name ? $"{other} / {name}" : name;
                }
            }
            return days.ToFrozenDictionary();
        });
    }

    private IReadOnlyList<(LocalDate Observed, string Name)> Information(int year) => _byPackageYear.GetOrAdd(year, y =>
    {
        // A fresh instance per computation: the package's instances are not documented as thread-safe.
        var calendar = _create();
        try
        {
            var names = new Dictionary<DateTime, string>();
            foreach (var (date, name) in calendar.PublicHolidayNames(y))
                names.TryAdd(date.Date, name); // some classes key names at 01:01, not midnight
            var result = new List<(LocalDate, string)>();
            foreach (var holiday in calendar.PublicHolidaysInformation(y))
            {
                // National days only: the Portuguese class, for one, lists regional days that are not public.
                if (!holiday.IsPublic || holiday.Regions is { Length: > 0 }) continue;
                var observed = holiday.ObservedDate.Date;
                var name = FirstNonEmpty(holiday.EnglishName, names.GetValueOrDefault(observed),
                    names.GetValueOrDefault(holiday.HolidayDate.Date), holiday.Name) ?? "Public holiday";
                result.Add((LocalDate.FromDateTime(observed), name));
            }
            return result;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new BadInputException("calendar-package-failed",
                $"the PublicHoliday package ({ClassName}) could not compute the {y} holidays: {e.Message}",
                "supply a calendar file for that year");
        }
    });

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static PackageHolidays Of<T>(string country, string scope = "national holidays") where T : PublicHolidayBase, new() =>
        new(country, typeof(T).Name, scope, () => new T());
}
