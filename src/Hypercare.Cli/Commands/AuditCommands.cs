using System.CommandLine;
using System.Text.Json;
using Hypercare.Data;
using Hypercare.Engagements.Files;

namespace Hypercare.Cli.Commands;

internal static class AuditCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("audit", "The hash-chained audit trail of every change");
        var json = CliOptions.Json();
        var verify = new Command("verify", "Recompute the audit chain; name every edited, deleted or reordered entry and every engagement event changed behind its back (exit 1)") { json };
        verify.SetAction(async (parse, ct) =>
        {
            await using var db = await HypercareDatabase.OpenAsync(parse.GetValue(CliOptions.Database)!, ct);
            var result = await new AuditTrail(db).VerifyAsync(ct);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new { intact = result.Intact, entries = result.Entries, head = result.HeadHash, breaks = result.Breaks }, EngagementJson.Indented));
            }
            else if (result.Intact)
            {
                context.Out.WriteLine($"audit trail intact: {result.Entries} entries, head {result.HeadHash}");
            }
            else
            {
                context.Out.WriteLine($"audit trail BROKEN: {result.Breaks.Count} problem(s) in {result.Entries} entries");
                foreach (var b in result.Breaks) context.Out.WriteLine($"  {b.Kind}: {b.Message}");
            }
            return result.Intact ? 0 : 1;
        });
        command.Subcommands.Add(verify);
        return command;
    }
}
