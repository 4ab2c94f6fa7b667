using System.CommandLine;
using System.Text.Json;
using Hypercare.Core;
using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Fees;
using Hypercare.Engagements.Files;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

internal static class FeesCommand
{
    public static Command Build(CliContext context)
    {
        var edition = CliOptions.Required("--edition", "basic, standard, advanced or custom");
        var onsite = CliOptions.Required("--onsite", "On-site dates, comma-separated; DATE*N for N people that day (e.g. 2027-11-25,2027-11-26*2)");
        var rate = CliOptions.Required("--day-rate", "Fee for one person on one business day");
        var country = CliOptions.Optional("--country", "ISO country code for national holidays, e.g. US");
        var calendar = CliOptions.Optional("--calendar", "A calendar file (.ics or .yaml) with holidays");
        var weekend = CliOptions.Optional("--weekend-multiplier", "Multiplier for weekend days (default 1: the statement of work sets no weekend rate)");
        var negotiated = CliOptions.Optional("--negotiated-days", "For the custom edition: the negotiated service duration in days");
        var json = CliOptions.Json();
        var command = new Command("fees", "Price on-site person-days: national holidays cost three times; on-site days never exceed the edition's duration")
            { edition, onsite, rate, country, calendar, weekend, negotiated, json };
        command.SetAction(parse =>
        {
            var ed = CliOptions.Enum<Edition>(parse.GetValue(edition)!, "edition");
            var days = ParseDays(parse.GetValue(onsite)!);
            var dayRate = CliOptions.Decimal(parse.GetValue(rate)!, "day-rate");
            var multiplier = parse.GetValue(weekend) is { } w ? CliOptions.Decimal(w, "weekend-multiplier") : 1m;
            int? negotiatedDays = parse.GetValue(negotiated) is { } n ? CliOptions.Integer(n, "negotiated-days") : null;
            var cal = BusinessCalendars.Resolve(parse.GetValue(country), parse.GetValue(calendar));
            var quote = OnSiteFees.Quote(ed, negotiatedDays, days, dayRate, cal, multiplier);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    edition = KebabCase.Of(quote.Edition),
                    day_rate = quote.DayRate,
                    calendar = quote.Calendar,
                    onsite_days = quote.OnSiteDays,
                    max_days = quote.MaxDays,
                    person_days = quote.PersonDays,
                    total = quote.Total,
                    lines = quote.Lines.Select(l => new { date = l.Date, persons = l.Persons, kind = KebabCase.Of(l.Kind), holiday = l.HolidayName, multiplier = l.Multiplier, amount = l.Amount }),
                }, EngagementJson.Indented));
                return 0;
            }
            var table = new Table().Title($"On-site fees, {quote.Edition} edition").AddColumn("Date").AddColumn("Day").AddColumn("Persons").AddColumn(new TableColumn("×").RightAligned()).AddColumn(new TableColumn("Amount").RightAligned());
            foreach (var l in quote.Lines)
                table.AddRow($"{l.Date:yyyy-MM-dd ddd}", Markup.Escape(l.Kind switch { DayKind.PublicHoliday => $"holiday: {l.HolidayName}", DayKind.OrganizationHoliday => $"closure: {l.HolidayName}", _ => KebabCase.Of(l.Kind) }), l.Persons.ToString(), l.Multiplier.ToString("0.##"), l.Amount.ToString("N2"));
            table.AddRow("[bold]Total[/]", $"{quote.OnSiteDays} of at most {quote.MaxDays} days", quote.PersonDays.ToString(), "", $"[bold]{quote.Total:N2}[/]");
            context.Console.Write(table);
            context.Console.MarkupLine($"Calendar: {Markup.Escape(quote.Calendar)}");
            return 0;
        });
        return command;
    }

    internal static List<OnSiteDay> ParseDays(string text)
    {
        var days = new List<OnSiteDay>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var star = part.IndexOf('*', StringComparison.Ordinal);
            var date = CliOptions.Date(star < 0 ? part : part[..star], "onsite");
            var persons = star < 0 ? 1 : CliOptions.Integer(part[(star + 1)..], "onsite");
            days.Add(new OnSiteDay(date, persons));
        }
        if (days.Count == 0) throw new BadInputException("no-onsite-days", "no on-site dates were given", "e.g. --onsite 2027-11-25,2027-11-26", SourceLocation.ForField("onsite"));
        return days;
    }
}
