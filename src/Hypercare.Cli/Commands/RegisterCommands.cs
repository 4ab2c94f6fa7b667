using System.CommandLine;
using Hypercare.Core;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Register;

namespace Hypercare.Cli.Commands;

internal static class RegisterCommands
{
    public static Command Risks(CliContext context)
    {
        var command = new Command("risk", "The risk and issue register: what the customer's project manager reports and what the provider finds");
        var id = CliOptions.Id();
        var kind = new Option<string>("--kind") { Description = "risk or issue", DefaultValueFactory = _ => "risk" };
        var title = CliOptions.Required("--title", "What the risk or issue is");
        var severity = new Option<string>("--severity") { Description = "low, medium, high or critical", DefaultValueFactory = _ => "medium" };
        var description = CliOptions.Optional("--description", "Details and evidence");
        var by = CliOptions.Required("--by", "The customer's project manager, or a provider member (name or e-mail)");
        var add = new Command("add", "Record a risk or issue") { id, kind, title, severity, description, by };
        add.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var entry = engagement.RecordRegisterEntry(CliOptions.Enum<RegisterKind>(parse.GetValue(kind)!, "kind"), parse.GetValue(title)!,
                CliOptions.Enum<Severity>(parse.GetValue(severity)!, "severity"), parse.GetValue(description), parse.GetValue(by)!, context.Now);
            return $"{entry.Id}: {entry.Title} ({KebabCase.Of(entry.Source)})";
        }, ct));
        command.Subcommands.Add(add);
        command.Subcommands.Add(Status<RegisterStatus>(context, "Change a risk's or issue's status", (e, entry, s, note, by, at) => e.SetRegisterStatus(entry, s, note, by, at)));
        return command;
    }

    public static Command Actions(CliContext context)
    {
        var command = new Command("action", "The action tracker: each finding or advice becomes an action with an owner, a due date and a status");
        var id = CliOptions.Id();
        var title = CliOptions.Required("--title", "What must be done");
        var risk = CliOptions.Optional("--risk", "The register entry it addresses, e.g. R-1");
        var owner = new Option<string>("--owner") { Description = "customer or provider (the customer usually implements fixes)", DefaultValueFactory = _ => "customer" };
        var ownerName = CliOptions.Optional("--owner-name", "The person responsible");
        var due = CliOptions.Optional("--due", "Due date (YYYY-MM-DD)");
        var reference = CliOptions.Optional("--reference", "Where the advice comes from (a finding id, a report section)");
        var by = CliOptions.Required("--by", "A member (name or e-mail)");
        var add = new Command("add", "Record an action") { id, title, risk, owner, ownerName, due, reference, by };
        add.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var action = engagement.RecordAction(parse.GetValue(title)!, parse.GetValue(risk), CliOptions.Enum<Party>(parse.GetValue(owner)!, "owner"), parse.GetValue(ownerName),
                parse.GetValue(due) is { } d ? CliOptions.Date(d, "due") : null, parse.GetValue(reference), parse.GetValue(by)!, context.Now);
            return $"{action.Id}: {action.Title} (owner {KebabCase.Of(action.Owner)})";
        }, ct));
        command.Subcommands.Add(add);
        command.Subcommands.Add(Status<ActionStatus>(context, "Change an action's status", (e, entry, s, note, by, at) => e.SetActionStatus(entry, s, note, by, at)));
        return command;
    }

    private static Command Status<T>(CliContext context, string description, Action<Engagements.Lifecycle.Engagement, string, T, string?, string, DateTimeOffset> apply) where T : struct, Enum
    {
        var id = CliOptions.Id();
        var entry = new Argument<string>("ENTRY") { Description = "The entry's id, e.g. R-1 or A-2" };
        var status = CliOptions.Required("--status", $"One of: {string.Join(", ", KebabCase.Names<T>())}");
        var note = CliOptions.Optional("--note", "A note for the record");
        var by = CliOptions.Required("--by", "A member (name or e-mail)");
        var command = new Command("status", description) { id, entry, status, note, by };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var value = CliOptions.Enum<T>(parse.GetValue(status)!, "status");
            apply(engagement, parse.GetValue(entry)!, value, parse.GetValue(note), parse.GetValue(by)!, context.Now);
            return $"{parse.GetValue(entry)} is {KebabCase.Of(value)}";
        }, ct));
        return command;
    }
}
