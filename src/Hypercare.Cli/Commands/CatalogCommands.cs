using System.CommandLine;
using System.Text.Json;
using Hypercare.Core;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Files;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

internal static class CatalogCommands
{
    public static Command Catalog(CliContext context)
    {
        var json = CliOptions.Json();
        var edition = CliOptions.Optional("--edition", "With --service: check whether this edition includes the service (exit 1 if not)");
        var service = CliOptions.Optional("--service", "With --edition: the service to check, e.g. stress-testing");
        var command = new Command("catalog", "The service catalog: which edition includes which service, and each edition's service duration") { edition, service, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(edition) is { } editionText && parse.GetValue(service) is { } serviceText)
            {
                var ed = CliOptions.Enum<Edition>(editionText, "edition");
                var sv = CliOptions.Enum<ServiceKind>(serviceText, "service");
                ServiceCatalog.RequireIncluded(ed, null, sv);
                context.Out.WriteLine($"{ServiceCatalog.Entry(sv).Title} is included in the {ed} edition");
                return 0;
            }
            if (parse.GetValue(edition) is not null || parse.GetValue(service) is not null)
                throw new Core.Problems.BadInputException("missing-option", "--edition and --service go together", "give both to check one service, or neither for the whole catalog");
            var editions = Enum.GetValues<Edition>();
            if (parse.GetValue(json))
            {
                var document = CatalogDocument.Current;
                context.Out.WriteLine(JsonSerializer.Serialize(document, EngagementJson.Indented));
                return 0;
            }
            var table = new Table().Title("Service catalog").AddColumn("Service").AddColumn("Phase");
            foreach (var e in editions) table.AddColumn(new TableColumn(e.ToString()).Centered());
            foreach (var entry in ServiceCatalog.Entries)
            {
                var cells = new List<string> { Markup.Escape(entry.Title), KebabCase.Of(entry.Phase) };
                cells.AddRange(editions.Select(e => e == Edition.Custom ? "on demand" : entry.IncludedIn.Contains(e) ? "[green]yes[/]" : "[grey]no[/]"));
                table.AddRow(cells.ToArray());
            }
            var duration = new List<string> { "[bold]Service duration[/]", "" };
            duration.AddRange(editions.Select(e => ServiceCatalog.MaxServiceDays(e) is { } d ? $"≤ {d} days" : "negotiated"));
            table.AddRow(duration.ToArray());
            context.Console.Write(table);
            context.Console.MarkupLine("A service outside the edition may be bought on demand as a Custom edition. Stress testing needs a stress-testing environment from the customer.");
            return 0;
        });
        return command;
    }

    public static Command Raci(CliContext context)
    {
        var json = CliOptions.Json();
        var task = CliOptions.Optional("--task", "Only this task (service), e.g. stress-testing");
        var party = CliOptions.Optional("--party", "Only this party: customer or provider");
        var command = new Command("raci", "Who does what: the statement of work's RACI matrix, per task and party") { task, party, json };
        command.SetAction(parse =>
        {
            var tasks = parse.GetValue(task) is { } t ? [CliOptions.Enum<ServiceKind>(t, "task")] : Enum.GetValues<ServiceKind>();
            var parties = parse.GetValue(party) is { } p ? [CliOptions.Enum<Party>(p, "party")] : Enum.GetValues<Party>();
            if (parse.GetValue(json))
            {
                var rows = RaciView.For(tasks, parties);
                context.Out.WriteLine(JsonSerializer.Serialize(rows, EngagementJson.Indented));
                return 0;
            }
            var table = new Table().Title("RACI (R responsible, A accountable, S support, C consulted, I informed)").AddColumn("Task");
            foreach (var y in parties) table.AddColumn(y.ToString());
            foreach (var x in tasks)
                table.AddRow([Markup.Escape(ServiceCatalog.Entry(x).Title), .. parties.Select(y => RaciMatrix.Letters(RaciMatrix.For(x, y)))]);
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
