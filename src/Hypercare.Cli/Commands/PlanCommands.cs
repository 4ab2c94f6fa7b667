using System.CommandLine;
using System.Text.Json;
using Hypercare.Core;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.WorkPlans;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

internal static class PlanCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("plan", "The work plan: the provider writes it, the customer's project manager confirms it in writing");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Confirm(context));
        command.Subcommands.Add(Reject(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var id = CliOptions.Id();
        var title = CliOptions.Required("--title", "What the item does");
        var owner = new Option<string>("--owner") { Description = "customer or provider", DefaultValueFactory = _ => "provider" };
        var ownerName = CliOptions.Optional("--owner-name", "The person responsible");
        var start = CliOptions.Required("--start", "Planned start (YYYY-MM-DD)");
        var due = CliOptions.Required("--due", "Planned end (YYYY-MM-DD)");
        var service = CliOptions.Optional("--service", "The catalog service it delivers, e.g. stress-testing");
        var by = CliOptions.Required("--by", "A provider member (name or e-mail)");
        var command = new Command("add", "Add an item; after a confirmation this starts a new version that needs its own confirmation") { id, title, owner, ownerName, start, due, service, by };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var item = engagement.AddPlanItem(parse.GetValue(title)!,
                parse.GetValue(service) is { } s ? CliOptions.Enum<ServiceKind>(s, "service") : null,
                CliOptions.Enum<Party>(parse.GetValue(owner)!, "owner"), parse.GetValue(ownerName),
                CliOptions.Date(parse.GetValue(start)!, "start"), CliOptions.Date(parse.GetValue(due)!, "due"),
                parse.GetValue(by)!, context.Now);
            return $"version {engagement.CurrentPlan!.Number}, item {item.Number}: {item.Title}";
        }, ct));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = CliOptions.Id();
        var json = CliOptions.Json();
        var command = new Command("show", "The plan's versions with their items, confirmation and SHA-256") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await EngagementSession.OpenAsync(parse, ct);
            var engagement = await session.GetAsync(parse.GetValue(id)!, ct);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(engagement.WorkPlan.Select(v => new { version = v.Number, sha256 = v.Sha256, v.Items, v.Confirmation }), EngagementJson.Indented));
                return 0;
            }
            if (engagement.WorkPlan.Count == 0) { context.Out.WriteLine("no work plan yet; the provider adds items with: hypercare plan add"); return 0; }
            foreach (var v in engagement.WorkPlan)
            {
                var table = new Table().Title($"Work plan version {v.Number}").AddColumn("#").AddColumn("Item").AddColumn("Service").AddColumn("Owner").AddColumn("Start").AddColumn("Due");
                foreach (var i in v.Items)
                    table.AddRow(i.Number.ToString(), Markup.Escape(i.Title), i.Service is { } s ? KebabCase.Of(s) : "", Markup.Escape($"{KebabCase.Of(i.Owner)} {i.OwnerName}".Trim()), $"{i.Start:yyyy-MM-dd}", $"{i.Due:yyyy-MM-dd}");
                table.Caption(v.Confirmation is { } c
                    ? $"confirmed by {c.By} via {KebabCase.Of(c.Channel)} ({c.Reference}) at {c.At:u}; sha256 {c.Sha256}"
                    : $"not confirmed; sha256 {v.Sha256}");
                context.Console.Write(table);
            }
            return 0;
        });
        return command;
    }

    private static Command Confirm(CliContext context)
    {
        var id = CliOptions.Id();
        var by = CliOptions.Required("--by", "The customer's project manager (name or e-mail)");
        var channel = new Option<string>("--channel") { Description = "email, signed-document or in-app", DefaultValueFactory = _ => "email" };
        var reference = CliOptions.Required("--reference", "The e-mail's message id, or the signed document's name");
        var sha = CliOptions.Optional("--sha256", "The hash of the version the customer reviewed ('plan show' prints it); refused if the plan changed since");
        var command = new Command("confirm", "The customer's project manager confirms the current version in writing") { id, by, channel, reference, sha };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var version = engagement.ConfirmPlan(parse.GetValue(by)!, context.Now, CliOptions.Enum<ConfirmationChannel>(parse.GetValue(channel)!, "channel"), parse.GetValue(reference)!, parse.GetValue(sha));
            return $"work plan version {version.Number} confirmed; sha256 {version.Sha256}";
        }, ct));
        return command;
    }

    private static Command Reject(CliContext context)
    {
        var id = CliOptions.Id();
        var version = CliOptions.Required("--version", "The confirmed version");
        var item = CliOptions.Required("--item", "The item number");
        var justification = CliOptions.Required("--justification", "The technical reason: what fails and how it was found");
        var by = CliOptions.Required("--by", "The customer's project manager (name or e-mail)");
        var command = new Command("reject", "The customer rejects a confirmed technical proposal; a technical justification is required and recorded") { id, version, item, justification, by };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            engagement.RejectProposal(CliOptions.Integer(parse.GetValue(version)!, "version"), CliOptions.Integer(parse.GetValue(item)!, "item"), parse.GetValue(justification)!, parse.GetValue(by)!, context.Now);
            return "rejection recorded with its justification";
        }, ct));
        return command;
    }
}
