using System.CommandLine;
using System.Text.Json;
using Hypercare.Core;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Deliverables;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.Objectives;
using Hypercare.Engagements.WorkPlans;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

internal static class EngagementCommands
{
    public static Command Validate(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The engagement file (hypercare.yaml)" };
        var json = CliOptions.Json();
        var command = new Command("validate", "Check an engagement file; every problem is listed with file:line:column. Exit 2 when invalid.") { file, json };
        command.SetAction(parse =>
        {
            var loaded = EngagementFileLoader.Load(parse.GetValue(file)!);
            var d = loaded.Definition;
            // The stress section belongs to the stress engine; a file is valid only when its plan is too.
            var stress = StressCommands.HasSection(loaded.Path, "stress")
                ? LoadTesting.Plans.LoadPlanReader.LoadSection(loaded.Path, "stress", d.Scope.StressEnvironment?.BaseUrl)
                : null;
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new { valid = true, file = loaded.Path, definition = d, calendar = loaded.Calendar.Source }, EngagementJson.Indented));
                return 0;
            }
            context.Out.WriteLine($"{loaded.Path}: valid");
            context.Out.WriteLine($"  {d.Name} for {d.Customer}, {d.Edition} edition, {KeyPhases.ServiceDays(d.KeyPhases)} service day(s) of at most {d.MaxServiceDays?.ToString() ?? "?"}");
            context.Out.WriteLine($"  calendar: {loaded.Calendar.Source}; time zone {d.TimeZone}");
            if (stress is not null)
                context.Out.WriteLine($"  stress plan: {stress.Scenarios.Count} scenario(s), {stress.Executor.Kind}: {stress.Executor.Describe()}, {stress.Thresholds.Count} threshold(s)");
            return 0;
        });
        return command;
    }

    public static Command Build(CliContext context)
    {
        var command = new Command("engagement", "Create, list, show and export engagements; members, deliverables, milestones");
        command.Subcommands.Add(Create(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Timeline(context));
        command.Subcommands.Add(Member(context));
        command.Subcommands.Add(CanRun(context));
        command.Subcommands.Add(Document(context));
        command.Subcommands.Add(Milestone(context));
        command.Subcommands.Add(ExpiryTalk(context));
        return command;
    }

    private static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The engagement file (hypercare.yaml)" };
        var by = new Option<string>("--by") { Description = "Who creates it (recorded)", DefaultValueFactory = _ => "hypercare-cli" };
        var json = CliOptions.Json();
        var command = new Command("create", "Create an engagement from its file; the file's authorizations and prerequisites are recorded with their who and when") { file, by, json };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = EngagementFileLoader.Load(parse.GetValue(file)!);
            var engagement = Engagement.FromFile(loaded, Guid.NewGuid(), parse.GetValue(by)!, context.Now);
            await using var session = await EngagementSession.OpenAsync(parse, ct);
            await session.SaveAsync(engagement, ct);
            if (parse.GetValue(json)) context.Out.WriteLine(JsonSerializer.Serialize(new { id = engagement.Id, name = loaded.Definition.Name, state = engagement.State }, EngagementJson.Indented));
            else context.Out.WriteLine($"created {engagement.Id} ({loaded.Definition.Name}); state {KebabCase.Of(engagement.State)}");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var json = CliOptions.Json();
        var command = new Command("list", "List engagements, newest first") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await EngagementSession.OpenAsync(parse, ct);
            var rows = await session.Store.ListAsync(ct);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(rows, EngagementJson.Indented));
                return 0;
            }
            if (rows.Count == 0)
            {
                context.Out.WriteLine("no engagements yet; create one with: hypercare engagement create samples/shop/hypercare.yaml");
                return 0;
            }
            var table = new Table().AddColumn("Id").AddColumn("Name").AddColumn("Customer").AddColumn("Edition").AddColumn("State").AddColumn("Updated");
            foreach (var r in rows) table.AddRow(RequestCommands.Short(r.Id), Markup.Escape(r.Name), Markup.Escape(r.Customer), r.Edition, r.State, $"{r.UpdatedAt:yyyy-MM-dd HH:mm}Z");
            context.Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = CliOptions.Id();
        var json = CliOptions.Json();
        var command = new Command("show", "An engagement's overview: where it is in the process, key phases with countdowns, objectives, services and RACI, prerequisites, authorizations, plan, deliverables, risks, actions, and what blocks the next step") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await EngagementSession.OpenAsync(parse, ct);
            var engagement = await session.GetAsync(parse.GetValue(id)!, ct);
            var snapshot = engagement.Snapshot(context.Now);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(snapshot, EngagementJson.Indented));
                return 0;
            }
            Overview.Write(context, snapshot);
            return 0;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var id = CliOptions.Id();
        var output = CliOptions.Optional("--output", "Write the engagement file here instead of to stdout; a calendar file is written beside it");
        var command = new Command("export", "Write an engagement back as an engagement file (hypercare.yaml), with the authorizations and prerequisites recorded so far") { id, output };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await EngagementSession.OpenAsync(parse, ct);
            var engagement = await session.GetAsync(parse.GetValue(id)!, ct);
            var (text, companions) = EngagementFileWriter.Export(engagement);
            var definition = engagement.Definition;
            var target = parse.GetValue(output);
            if (string.IsNullOrWhiteSpace(target))
            {
                if (companions.Count > 0)
                    throw new Core.Problems.BadInputException("output-required",
                        $"the engagement's calendar file {companions[0].FileName} must be written beside the exported file, and stdout cannot hold two files",
                        $"give the file to write: hypercare engagement export {parse.GetValue(id)} --output DIR/hypercare.yaml (the calendar file goes into DIR)",
                        Core.Problems.SourceLocation.ForField("output"));
                context.Out.Write(text);
                return 0;
            }
            var written = await WriteExport(Path.GetFullPath(target), text, companions, ct);
            context.Out.WriteLine($"exported {RequestCommands.Short(engagement.Id)} ({definition.Name}) to {string.Join(" and ", written)}");
            return 0;
        });
        return command;
    }

    /// <summary>Writes the exported file and its companions beside it; an existing companion with other content is never overwritten.</summary>
    private static async Task<IReadOnlyList<string>> WriteExport(string path, string text, IReadOnlyList<(string FileName, string Text)> companions, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(path)!;
        var files = new List<(string Path, string Text)> { (path, text) };
        var current = path;
        try
        {
            foreach (var (name, content) in companions)
            {
                current = Path.Combine(directory, name);
                if (string.Equals(current, path, StringComparison.OrdinalIgnoreCase))
                    throw new Core.Problems.BadInputException("output-clash", $"the engagement's calendar file is also called {name}; writing it would replace the exported file",
                        "give --output another file name", Core.Problems.SourceLocation.ForField("output"));
                if (File.Exists(current) && await File.ReadAllTextAsync(current, ct) != content)
                    throw new Core.Problems.BadInputException("calendar-file-exists", $"{current} already exists and differs from the engagement's calendar file, which must be written there",
                        "export into another directory, or move that file away", Core.Problems.SourceLocation.ForField("output"));
                files.Add((current, content));
            }
            Directory.CreateDirectory(directory);
            foreach (var (file, content) in files)
            {
                current = file;
                await File.WriteAllTextAsync(file, content, ct);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Core.Problems.BadInputException("file-unwritable", $"cannot write {current}: {e.Message}", "give --output a path in a directory you can write to",
                Core.Problems.SourceLocation.ForField("output"));
        }
        return files.Select(f => f.Path).ToList();
    }

    private static Command Timeline(CliContext context)
    {
        var id = CliOptions.Id();
        var json = CliOptions.Json();
        var command = new Command("timeline", "Everything that happened to an engagement: who, when, what") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await EngagementSession.OpenAsync(parse, ct);
            var engagement = await session.GetAsync(parse.GetValue(id)!, ct);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize<IReadOnlyList<EngagementEvent>>(engagement.History, EngagementJson.Indented));
                return 0;
            }
            Overview.WriteTimeline(context, engagement);
            return 0;
        });
        return command;
    }

    private static Command Member(CliContext context)
    {
        var command = new Command("member", "Engagement members");
        var id = CliOptions.Id();
        var name = CliOptions.Required("--name", "Full name");
        var email = CliOptions.Required("--email", "E-mail address");
        var role = CliOptions.Required("--role", $"One of: {string.Join(", ", KebabCase.Names<MemberRole>())}");
        var party = CliOptions.Optional("--party", "customer or provider (only for observers; the role decides otherwise)");
        var by = CliOptions.Required("--by", "A project manager or the service manager (name or e-mail)");
        var add = new Command("add", "Add a member") { id, name, email, role, party, by };
        add.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var r = CliOptions.Enum<MemberRole>(parse.GetValue(role)!, "role");
            var p = parse.GetValue(party) is { } text ? CliOptions.Enum<Party>(text, "party") : Engagements.Access.Member.PartyOf(r);
            engagement.AddMember(new Member(parse.GetValue(name)!, parse.GetValue(email)!, r, p), parse.GetValue(by)!, context.Now);
            return $"added {parse.GetValue(name)} as {KebabCase.Of(r)}";
        }, ct));
        command.Subcommands.Add(add);
        return command;
    }

    private static Command CanRun(CliContext context)
    {
        var id = CliOptions.Id();
        var activity = CliOptions.Required("--activity", $"One of: {string.Join(", ", KebabCase.Names<Activity>())}");
        var command = new Command("can-run", "Whether an activity on the customer's systems may run: exit 0 yes, 1 not in the edition, 3 the customer's authorization is missing") { id, activity };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await EngagementSession.OpenAsync(parse, ct);
            var engagement = await session.GetAsync(parse.GetValue(id)!, ct);
            var a = CliOptions.Enum<Activity>(parse.GetValue(activity)!, "activity");
            engagement.RequireCanRun(a);
            context.Out.WriteLine($"{KebabCase.Of(a)}: allowed (in the {engagement.Definition.Edition} edition{(Consent.AuthorizationFor(a) is { } k ? $", authorized by {engagement.Authorizations[k].By} at {engagement.Authorizations[k].At:u}" : "")})");
            return 0;
        });
        return command;
    }

    private static Command Document(CliContext context)
    {
        var id = CliOptions.Id();
        var document = CliOptions.Required("--document", $"One of: {string.Join(", ", KebabCase.Names<DocumentKind>())}");
        var status = CliOptions.Required("--status", "draft or delivered (acceptance goes through a milestone)");
        var reference = CliOptions.Optional("--reference", "Where the document is (link, file name, message id)");
        var by = CliOptions.Required("--by", "A provider member (name or e-mail)");
        var command = new Command("document", "Record a deliverable document as drafted or delivered") { id, document, status, reference, by };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var d = CliOptions.Enum<DocumentKind>(parse.GetValue(document)!, "document");
            var s = CliOptions.Enum<DocumentStatus>(parse.GetValue(status)!, "status");
            engagement.SetDocumentStatus(d, s, parse.GetValue(reference), parse.GetValue(by)!, context.Now);
            return $"{DeliverableCatalog.Title(d)}: {KebabCase.Of(s)}";
        }, ct));
        return command;
    }

    private static Command Milestone(CliContext context)
    {
        var id = CliOptions.Id();
        var milestone = CliOptions.Required("--milestone", "1 (solution accepted) or 2 (acceptance report confirmed)");
        var channel = new Option<string>("--channel") { Description = "email, signed-document or in-app", DefaultValueFactory = _ => "email" };
        var reference = CliOptions.Required("--reference", "The e-mail's message id or the signed document");
        var by = CliOptions.Required("--by", "The customer's project manager (name or e-mail)");
        var command = new Command("milestone", "The customer's project manager confirms an acceptance milestone in writing") { id, milestone, channel, reference, by };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var m = parse.GetValue(milestone) switch
            {
                "1" => Engagements.Deliverables.Milestone.SolutionAccepted,
                "2" => Engagements.Deliverables.Milestone.AcceptanceConfirmed,
                var other => CliOptions.Enum<Milestone>(other!, "milestone"),
            };
            engagement.ConfirmMilestone(m, CliOptions.Enum<ConfirmationChannel>(parse.GetValue(channel)!, "channel"), parse.GetValue(reference)!, parse.GetValue(by)!, context.Now);
            return $"milestone {(int)m} confirmed: {DeliverableCatalog.Describe(m)}";
        }, ct));
        return command;
    }

    private static Command ExpiryTalk(CliContext context)
    {
        var id = CliOptions.Id();
        var with = CliOptions.Required("--with", "Who at the customer took part");
        var summary = CliOptions.Required("--summary", "What was agreed about completion");
        var by = CliOptions.Required("--by", "The provider's project manager or service manager");
        var command = new Command("expiry-talk", "Record the conversation about completion held with the customer before the service expires") { id, with, summary, by };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            engagement.RecordExpiryConversation(parse.GetValue(with)!, parse.GetValue(summary)!, parse.GetValue(by)!, context.Now);
            return "pre-expiry conversation recorded";
        }, ct));
        return command;
    }

    public static Command Prerequisites(CliContext context)
    {
        var command = new Command("prerequisites", "What the customer provides before implementation");
        var id = CliOptions.Id();
        var kind = CliOptions.Required("--kind", $"One or more, comma-separated: {string.Join(", ", KebabCase.Names<PrerequisiteKind>())}");
        var note = CliOptions.Optional("--note", "What was provided (e.g. the VPN profile's name)");
        var by = CliOptions.Required("--by", "A customer member (name or e-mail)");
        var provide = new Command("provide", "Record prerequisites as provided") { id, kind, note, by };
        provide.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            foreach (var k in parse.GetValue(kind)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                engagement.ProvidePrerequisite(CliOptions.Enum<PrerequisiteKind>(k, "kind"), parse.GetValue(by)!, context.Now, parse.GetValue(note));
            var missing = Consent.NeededForImplementation.Where(k => !engagement.Prerequisites.ContainsKey(k)).ToList();
            return missing.Count == 0 ? "all prerequisites for implementation are provided" : $"still missing: {string.Join(", ", missing.Select(KebabCase.Of))}";
        }, ct));
        command.Subcommands.Add(provide);
        return command;
    }

    public static Command Authorize(CliContext context)
    {
        var id = CliOptions.Id();
        var kind = CliOptions.Required("--kind", $"One of: {string.Join(", ", KebabCase.Names<AuthorizationKind>())}");
        var reference = CliOptions.Optional("--reference", "The signed consent (document name or message id)");
        var revoke = new Option<bool>("--revoke") { Description = "Withdraw the authorization instead" };
        var reason = CliOptions.Optional("--reason", "Why it is withdrawn (with --revoke)");
        var by = CliOptions.Required("--by", "The customer's project manager (name or e-mail)");
        var command = new Command("authorize", "The customer's project manager authorizes (or withdraws) an activity on its systems") { id, kind, reference, revoke, reason, by };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var k = CliOptions.Enum<AuthorizationKind>(parse.GetValue(kind)!, "kind");
            if (parse.GetValue(revoke)) engagement.RevokeAuthorization(k, parse.GetValue(by)!, context.Now, parse.GetValue(reason) ?? "");
            else engagement.Authorize(k, parse.GetValue(by)!, context.Now, parse.GetValue(reference));
            return $"{KebabCase.Of(k)}: {(parse.GetValue(revoke) ? "withdrawn" : "authorized")} by {parse.GetValue(by)}";
        }, ct));
        return command;
    }

    public static Command Advance(CliContext context)
    {
        var id = CliOptions.Id();
        var to = CliOptions.Required("--to", $"The next state: {string.Join(", ", KebabCase.Names<EngagementState>())}");
        var by = CliOptions.Required("--by", "A project manager or the service manager (name or e-mail)");
        var reason = CliOptions.Optional("--reason", "Why (required to cancel)");
        var command = new Command("advance", "Move an engagement to its next state; a guard that does not hold is named with its fix (exit 1)") { id, to, by, reason };
        command.SetAction((parse, ct) => EngagementSession.UpdateAsync(context, parse, id, engagement =>
        {
            var from = engagement.State;
            engagement.Advance(CliOptions.Enum<EngagementState>(parse.GetValue(to)!, "to"), parse.GetValue(by)!, context.Now, parse.GetValue(reason));
            return $"{KebabCase.Of(from)} -> {KebabCase.Of(engagement.State)}";
        }, ct));
        return command;
    }
}
