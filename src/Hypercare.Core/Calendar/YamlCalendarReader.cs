using System.Globalization;
using Hypercare.Core.Problems;
using Hypercare.Core.Yaml;
using NodaTime;
using YamlDotNet.RepresentationModel;

namespace Hypercare.Core.Calendar;

/// <summary>
/// Reads the YAML calendar format strictly: unknown keys, wrong types and impossible dates are located problems.
/// </summary>
/// <example>
/// <code>
/// country: CN
/// name: China public holidays 2024
/// source: State Council notice (2023)
/// years: [2024]
/// weekend: [saturday, sunday]
/// holidays:
///   - date: 2024-10-01
///     name: National Day
///   - from: 2024-10-01
///     to: 2024-10-07
///     name: National Day Golden Week
/// working_days:
///   - date: 2024-09-29
///     name: Adjusted working day (National Day)
/// </code>
/// </example>
internal static class YamlCalendarReader
{
    private const int LongestRangeDays = 366;

    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static CalendarFileContent Read(string path, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new BadInputException("empty-document", "the calendar file is empty",
                "list the days off under 'holidays:' (and worked weekend days under 'working_days:')", new SourceLocation(path, 0, 0, null));
        }
        var (document, root) = YamlDocumentReader.Parse(path, text);
        if (root is null && document.Problems.Any(p => p.Code == "empty-document"))
        {
            // Only comments: the shared reader's hint speaks of engagement files.
            throw new BadInputException("empty-document", "the calendar file holds no YAML, only comments or blank lines",
                "list the days off under 'holidays:' (and worked weekend days under 'working_days:')", new SourceLocation(path, 0, 0, null));
        }
        var map = document.Map(root, "");
        if (map is null) throw new BadInputException(document.Problems.ToList());

        string? country = null;
        SourceLocation? countryLocation = null;
        if (map.Text("country") is { } countryText)
        {
            countryLocation = map.At("country");
            if (CountryCodes.TryNormalize(countryText, out var code, out var why, out var hint)) country = code;
            else map.Error("country", CountryCodes.Code, why, hint);
        }
        var name = map.Text("name");
        var source = map.Text("source");
        var yearsDeclared = map.Has("years");
        var years = map.List<int?>("years", (node, itemPath) => ReadYear(document, node, itemPath));
        var weekend = map.Has("weekend") ? ReadWeekend(map) : null;
        var holidays = map.ListOfMaps("holidays", m => ReadEntry(m, EntryKind.Holiday));
        var workingDays = map.ListOfMaps("working_days", m => ReadEntry(m, EntryKind.WorkingDay));
        map.Done();
        document.ThrowIfAny();

        var entries = holidays.Concat(workingDays).ToList();
        var covered = (yearsDeclared ? years.Select(y => y!.Value) : entries.Select(e => e.First.Year)).Distinct().Order().ToList();
        if (covered.Count == 0)
        {
            document.Add(root, "calendar-empty", "the calendar file lists no holidays and no years",
                "list the days off under 'holidays:'; a year without any holiday goes under 'years:'");
        }
        if (yearsDeclared)
        {
            foreach (var entry in entries.Where(e => !covered.Contains(e.First.Year)))
            {
                document.Add(new Problem("date-outside-years",
                    $"{FileCalendar.Iso(entry.First)} ('{entry.Name}') is in {entry.First.Year}, which is not listed under 'years:' ({string.Join(", ", covered)})",
                    entry.Location, $"add {entry.First.Year} to 'years:' or fix the date"));
            }
        }
        document.ThrowIfAny();

        return new CalendarFileContent
        {
            Path = path,
            Format = "YAML",
            Country = country,
            CountryLocation = countryLocation,
            Name = name,
            Source = source,
            Years = covered,
            CoverageLocation = yearsDeclared ? map.At("years") : new SourceLocation(path, 0, 0, null),
            HowToAddYear = (year, file) => $"add the {year} holidays to {file} or list the year under 'years:'",
            Weekend = weekend,
            Entries = entries,
        };
    }

    private static int? ReadYear(YamlDocumentReader document, YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= PackageHolidays.FirstYear and <= PackageHolidays.LastYear)
        {
            return year;
        }
        document.Add(node, "wrong-type",
            $"expected a year from {PackageHolidays.FirstYear} to {PackageHolidays.LastYear}, found {YamlDocumentReader.Describe(node)}",
            "write years as a list of numbers such as [2024, 2025]", path);
        return null;
    }

    private static HashSet<IsoDayOfWeek>? ReadWeekend(MapReader map)
    {
        var document = map.Document;
        var problemsBefore = document.Problems.Count;
        var days = map.List<IsoDayOfWeek?>("weekend", (node, path) =>
        {
            if (node is not YamlScalarNode { Value: { Length: > 0 } text })
            {
                document.Add(node, "wrong-type", $"expected a day of the week, found {YamlDocumentReader.Describe(node)}", null, path);
                return null;
            }
            var index = Array.IndexOf(DayNames, text.Trim().ToLowerInvariant());
            if (index >= 0) return (IsoDayOfWeek)(index + 1);
            var closest = Suggestions.Closest(text, DayNames);
            document.Add(node, "invalid-value", $"'{text}' is not a day of the week",
                closest is null ? $"use {string.Join(", ", DayNames)}" : $"did you mean '{closest}'?", path);
            return null;
        });
        if (document.Problems.Count > problemsBefore) return null;
        var set = days.Select(d => d!.Value).ToHashSet();
        if (set.Count != days.Count)
            map.Error("weekend", "duplicate-value", "a day is listed twice under 'weekend:'", "list each weekend day once");
        else if (set.Count is 0 or 7)
            map.Error("weekend", "out-of-range", $"'weekend:' must list from one to six days, not {set.Count}", "for example [saturday, sunday]");
        return set;
    }

    private static CalendarEntry? ReadEntry(MapReader map, EntryKind kind)
    {
        var hasDate = map.Has("date");
        var hasFrom = map.Has("from");
        var hasTo = map.Has("to");
        var date = map.Date("date");
        var from = map.Date("from");
        var to = map.Date("to");
        var name = map.Text("name", required: true,
            hint: kind == EntryKind.Holiday ? "name the holiday; explanations quote it" : "say why the day is worked; explanations quote it");
        if (hasDate && (hasFrom || hasTo))
        {
            map.Error(hasFrom ? "from" : "to", "conflicting-keys", "give either 'date' (one day) or 'from' and 'to' (a range), not both");
            return null;
        }
        if (!hasDate && !hasFrom && !hasTo)
        {
            map.Error("date", "missing-key", "'date' (or 'from' and 'to' for a range) is required here");
            return null;
        }
        if (!hasDate && hasFrom != hasTo)
        {
            var missing = hasFrom ? "to" : "from";
            map.Error(missing, "missing-key", $"'{missing}' is required with '{(hasFrom ? "from" : "to")}': a range has both ends");
            return null;
        }
        if (name is null) return null;
        if (hasDate) return date is { } day ? new CalendarEntry(kind, day, day, name, false, map.At("date")) : null;
        if (from is not { } first || to is not { } last) return null;
        if (last < first)
        {
            map.Error("to", "out-of-range", $"'to' ({FileCalendar.Iso(last)}) is before 'from' ({FileCalendar.Iso(first)})", "swap the two dates");
            return null;
        }
        if (Period.DaysBetween(first, last) >= LongestRangeDays)
        {
            map.Error("to", "out-of-range", $"the range {FileCalendar.Iso(first)} to {FileCalendar.Iso(last)} is longer than a year", "check the years of 'from' and 'to'");
            return null;
        }
        return new CalendarEntry(kind, first, last, name, true, map.At("from"));
    }
}
