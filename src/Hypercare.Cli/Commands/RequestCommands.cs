using System.CommandLine;
using System.Text.Json;
using Hypercare.Core;
using Hypercare.Core.Calendar;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Requests;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

internal static class RequestCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("request", "Service requests: the lead-time check, and the provider's decision");
        command.Subcommands.Add(Check(context));
        command.Subcommands.Add(Accept(context));
        command.Subcommands.Add(Decline(context));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var submitted = CliOptions.Required("--submitted", "The day the request is submitted (YYYY-MM-DD)");
        var order = CliOptions.Required("--order", "The planned order date (YYYY-MM-DD)");
        var large = new Option<bool>("--large-resources") { Description = "The request needs a large amount of resources: one calendar month of lead time" };
        var country = CliOptions.Optional("--country", "ISO country code for business days and public holidays, e.g. US");
        var calendar = CliOptions.Optional("--calendar", "A calendar file (.ics or .yaml) with holidays and extra working days");
        var json = CliOptions.Json();
        var command = new Command("check", "Check the lead time: 15 business days before the order, or one month with large resources. Exit 1 when too late.")
            { submitted, order, large, country, calendar, json };
        command.SetAction(parse =>
        {
            var request = new ServiceRequest(
                CliOptions.Date(parse.GetValue(submitted)!, "submitted"),
                CliOptions.Date(parse.GetValue(order)!, "order"),
                parse.GetValue(large));
            if (request.PlannedOrder < request.Submitted)
                throw new Core.Problems.BadInputException("impossible-value", "the order date is before the submission date", "the request comes first", Core.Problems.SourceLocation.ForField("order"));
            var cal = BusinessCalendars.Resolve(parse.GetValue(country), parse.GetValue(calendar));
            var result = LeadTimeRule.Check(request, cal);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    passed = result.Passed,
                    submitted = request.Submitted,
                    order = request.PlannedOrder,
                    large_resources = request.LargeResources,
                    calendar = result.Calendar,
                    business_days_available = result.BusinessDaysAvailable,
                    required_business_days = result.RequiredBusinessDays,
                    one_month_date = result.OneMonthDate,
                    earliest_valid_order = result.EarliestValidOrder,
                    latest_valid_submission = result.LatestValidSubmission,
                    non_business_days = result.NonBusinessDays.Select(d => new { date = d.Date, kind = KebabCase.Of(d.Kind), name = d.Name }),
                    explanation = result.Explanation,
                }, EngagementJson.Indented));
                return result.Passed ? 0 : 1;
            }
            context.Console.MarkupLine(result.Passed ? $"[green]{Markup.Escape(result.Explanation)}[/]" : $"[red]{Markup.Escape(result.Explanation)}[/]");
            context.Console.MarkupLine($"Calendar: {Markup.Escape(result.Calendar)}");
            context.Console.MarkupLine($"Earliest valid order date: [bold]{result.EarliestValidOrder:yyyy-MM-dd}[/]; latest submission for {request.PlannedOrder:yyyy-MM-dd}: [bold]{result.LatestValidSubmission:yyyy-MM-dd}[/]");
            var holidays = result.NonBusinessDays.Where(d => d.Kind != DayKind.Weekend).ToList();
            if (holidays.Count > 0)
                context.Console.MarkupLine("Holidays in between: " + Markup.Escape(string.Join(", ", holidays.Select(d => $"{d.Date:yyyy-MM-dd} {d.Name}"))));
            return result.Passed ? 0 : 1;
        });
        return command;
    }

    private static Command Accept(CliContext context)
    {
        var id = CliOptions.Id();
        var by = CliOptions.Required("--by", "The provider's project manager or service manager (name or e-mail)");
        var note = CliOptions.Optional("--note", "A note for the record");
        var command = new Command("accept", "The provider accepts the service request (the lead time must hold)") { id, by, note };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            engagement.AcceptRequest(parse.GetValue(by)!, context.Now, engagement.Definition.BusinessCalendar(), parse.GetValue(note));
            return $"request accepted for {engagement.Definition.Name}; next: hypercare advance {Short(engagement.Id)} --to ordered --by NAME";
        }, ct));
        return command;
    }

    private static Command Decline(CliContext context)
    {
        var id = CliOptions.Id();
        var by = CliOptions.Required("--by", "The provider's project manager or service manager (name or e-mail)");
        var reasons = CliOptions.Required("--reason", $"One or more reasons, comma-separated: {string.Join(", ", KebabCase.Names<DeclineReason>())}");
        var note = CliOptions.Optional("--note", "A note for the record");
        var command = new Command("decline", "The provider declines the service request, with reasons") { id, by, reasons, note };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var list = parse.GetValue(reasons)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => CliOptions.Enum<DeclineReason>(r, "reason")).ToList();
            engagement.DeclineRequest(parse.GetValue(by)!, context.Now, list, parse.GetValue(note));
            return string.Join(Environment.NewLine, ["request declined; the engagement is now declined", .. list.Select(r => $"  - {DeclineReasons.Describe(r)}")]);
        }, ct));
        return command;
    }

    internal static string Short(Guid id) => id.ToString()[..8];
}
