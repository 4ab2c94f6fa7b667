using Hypercare.Core.Problems;

namespace Hypercare.Core.Calendar;

/// <summary>
/// Builds <see cref="BusinessCalendar"/>s from a country (data from the PublicHoliday package), a calendar file
/// (.ics or .yaml), or both. Hypercare never guesses holiday dates: a country without package data needs a file.
/// </summary>
public static class BusinessCalendars
{
    /// <summary>The ISO codes whose national holidays the PublicHoliday package provides, sorted.</summary>
    public static IReadOnlyList<string> PackageCountries => PackageHolidays.Countries;

    /// <summary>
    /// The calendar for a country, a calendar file, or both:
    /// a country alone uses the package data; a file alone is the whole calendar (with the file's <c>country:</c>, if any);
    /// both add the file's entries to the package country's holidays (the file wins where they disagree) or, for a
    /// country without package data, use the file for that country.
    /// </summary>
    /// <param name="country">An ISO 3166-1 alpha-2 code in any case, or null.</param>
    /// <param name="calendarFile">The path of an iCalendar (.ics) or YAML (.yaml, .yml) calendar file, or null.</param>
    /// <exception cref="BadInputException">Neither is given, the country is not a code, the country has no package data
    /// and no file is given, or the file is missing or invalid.</exception>
    public static BusinessCalendar Resolve(string? country, string? calendarFile) =>
        Resolve(country, string.IsNullOrWhiteSpace(calendarFile) ? null : () => CalendarFiles.Read(calendarFile));

    /// <summary>
    /// The same as <see cref="Resolve(string?, string?)"/> for a calendar file whose text was kept, such as the one an
    /// engagement was created with: its business days then never depend on a file that moved or changed since.
    /// </summary>
    public static BusinessCalendar ResolveDocument(string? country, CalendarDocument? document) =>
        Resolve(country, document is null ? null : () => CalendarFiles.Parse(document.Name, document.Text));

    private static BusinessCalendar Resolve(string? country, Func<CalendarFileContent>? readFile)
    {
        var hasCountry = !string.IsNullOrWhiteSpace(country);
        var hasFile = readFile is not null;
        if (!hasCountry && !hasFile)
        {
            throw new BadInputException("calendar-none",
                "no business calendar: business days need a country or a calendar file",
                "give a country as its ISO code, such as US or DE, or a calendar file: --calendar FILE on the CLI, calendar: in the engagement file",
                SourceLocation.ForField("country"));
        }
        if (!hasCountry) return FromContent(readFile!(), null);

        var code = CountryCodes.Normalize(country!, SourceLocation.ForField("country"));
        var package = PackageHolidays.For(code);
        if (!hasFile)
        {
            return package is null ? throw Missing(code) : new BusinessCalendar(code, Weekends.For(code), package, null);
        }
        if (package is null) return FromContent(readFile!(), code);

        var content = readFile!();
        CheckCountry(content, code);
        var weekend = content.Weekend is { } days ? WeekendRule.Fixed(days) : Weekends.For(code);
        return new BusinessCalendar(code, weekend, package, FileCalendar.Build(content, weekend));
    }

    /// <summary>The calendar a file describes, on its own (no package data).</summary>
    /// <param name="path">An iCalendar (.ics) or YAML (.yaml, .yml) calendar file.</param>
    /// <param name="country">The country the file is for, when the file does not say; must match the file's country when both are given.</param>
    /// <exception cref="BadInputException">The file is missing or invalid, or its country differs from <paramref name="country"/>.</exception>
    public static BusinessCalendar FromFile(string path, string? country = null)
    {
        var code = string.IsNullOrWhiteSpace(country) ? null : CountryCodes.Normalize(country, SourceLocation.ForField("country"));
        return FromContent(CalendarFiles.Read(path), code);
    }

    private static BusinessCalendar FromContent(CalendarFileContent content, string? code)
    {
        if (code is not null) CheckCountry(content, code);
        code ??= content.Country;
        var weekend = content.Weekend is { } days ? WeekendRule.Fixed(days) : Weekends.For(code);
        return new BusinessCalendar(code, weekend, null, FileCalendar.Build(content, weekend));
    }

    private static void CheckCountry(CalendarFileContent content, string country)
    {
        if (content.Country is null || content.Country == country) return;
        throw new BadInputException("calendar-country-mismatch",
            $"calendar file {content.Path} is for {content.Country}, but the country given is {country}",
            $"use a calendar file for {country}, or correct the country in the file or where it was given",
            content.CountryLocation);
    }

    private static BadInputException Missing(string country) => new("calendar-missing",
        $"Hypercare has no holiday data for {country} and never guesses holiday dates, so it cannot count business days there without a calendar file",
        $"supply the {country} holidays in a calendar file: --calendar FILE on the CLI, or calendar: in the engagement file. " +
        "The file is either iCalendar, .ics, with one VEVENT per holiday and CATEGORIES:WORKDAY on worked weekend days, " +
        "or YAML, .yaml or .yml, with 'holidays:' and 'working_days:' lists of 'date:' or 'from:'/'to:' with 'name:'. " +
        $"Countries with built-in data: {string.Join(", ", PackageHolidays.Countries)}",
        SourceLocation.ForField("country"));
}

/// <summary>A calendar file's name and text, kept so that the calendar can be rebuilt without the file.</summary>
/// <param name="Name">The file name as given (its extension says the format).</param>
/// <param name="Text">The file's text.</param>
public sealed record CalendarDocument(string Name, string Text)
{
    /// <summary>Reads a calendar file, with the same errors as <see cref="BusinessCalendars.Resolve(string?, string?)"/>.</summary>
    public static CalendarDocument Load(string path)
    {
        CalendarFiles.CheckExtension(path);
        return new CalendarDocument(path, CalendarFiles.ReadText(path));
    }
}

/// <summary>Reads a calendar file of either format.</summary>
internal static class CalendarFiles
{
    public static CalendarFileContent Read(string path)
    {
        CheckExtension(path);
        return Parse(path, ReadText(path));
    }

    public static CalendarFileContent Parse(string path, string text)
    {
        CheckExtension(path);
        return Path.GetExtension(path).Equals(".ics", StringComparison.OrdinalIgnoreCase) ? ICalendarReader.Read(path, text) : YamlCalendarReader.Read(path, text);
    }

    public static void CheckExtension(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".ics" or ".yaml" or ".yml"))
        {
            throw new BadInputException("calendar-file-type",
                $"calendar file {path} is neither iCalendar nor YAML",
                "name the file .ics for iCalendar, or .yaml or .yml for YAML", SourceLocation.ForField("calendar"));
        }
    }

    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BadInputException("calendar-file-not-found", $"calendar file {path} does not exist",
                "check the path; on the command line a relative path starts from the current directory, in an engagement file from that file's directory", SourceLocation.ForField("calendar"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BadInputException("calendar-file-unreadable", $"calendar file {path} cannot be read: {e.Message}",
                null, SourceLocation.ForField("calendar"));
        }
    }
}
