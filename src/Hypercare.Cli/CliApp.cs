using System.CommandLine;
using Hypercare.Cli.Commands;
using Hypercare.Core.Problems;
using Spectre.Console;

namespace Hypercare.Cli;

/// <summary>
/// The <c>hypercare</c> command. Every verb is a thin layer over a module's API: parse arguments, call the
/// module, print. Exit codes: 0 ok, 1 rule not met, 2 bad input, 3 refused for safety, 4 internal error.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code of an unexpected failure (a bug).</summary>
    public const int InternalError = 4;

    /// <summary>Runs the command line with the given output streams and clock.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, time);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count == 1 && parse.UnmatchedTokens.Count == 0 && parse.CommandResult.Command is { Action: null, Subcommands.Count: > 0 })
        {
            // A command group without its verb, such as "hypercare engagement": show what it offers.
            return await root.Parse([.. CommandPath(parse), "--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        }
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) context.Error.WriteLine($"error: {e.Message}");
            context.Error.WriteLine($"see: {string.Join(' ', ["hypercare", .. CommandPath(parse), "--help"])}");
            return (int)FailureKind.BadInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (HypercareException e)
        {
            context.WriteProblems(e);
            return (int)e.Kind;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("cancelled");
            return 130;
        }
#pragma warning disable CA1031 // The outermost host turns any unexpected failure into one line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            context.Error.WriteLine("this is a bug in Hypercare; please report it with the command you ran");
            return InternalError;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent) names.Insert(0, r.Command.Name);
        return names;
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Hypercare: carry a business through its most critical day, from objectives to signed acceptance.");
        root.Options.Add(CliOptions.Database);
        foreach (var command in new[]
                 {
                     CatalogCommands.Catalog(context), CatalogCommands.Raci(context), EngagementCommands.Validate(context),
                     RequestCommands.Build(context), FeesCommand.Build(context), EngagementCommands.Build(context),
                     EngagementCommands.Prerequisites(context), EngagementCommands.Authorize(context), PlanCommands.Build(context),
                     RegisterCommands.Risks(context), RegisterCommands.Actions(context), EngagementCommands.Advance(context),
                     AuditCommands.Build(context), ServerCommands.Serve(context), ServerCommands.Admin(context), DemoCommand.Build(context),
                     StressCommands.Build(context), CapacityCommands.Build(context), InventoryCommands.Build(context), InspectCommand.Build(context), HardenCommand.Build(context), SampleCommands.Build(context),
                     DbCommands.Build(context),
                 })
            root.Subcommands.Add(command);
        return root;
    }
}

/// <summary>What every command needs: where to write, and the clock.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, TimeProvider time)
    {
        Out = output;
        Error = error;
        Time = time;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected) Console.Profile.Width = 140;
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public TimeProvider Time { get; }
    public IAnsiConsole Console { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public void WriteProblems(HypercareException e) => WriteProblems(e.Problems, e.Kind switch
    {
        FailureKind.RuleNotMet => "refused",
        FailureKind.Refused => "refused for safety",
        _ => "error",
    });

    /// <summary>Problems met while the command still went on (inputs read in part), one line each with the fix.</summary>
    public void WriteProblems(IEnumerable<Problem> problems, string label = "error")
    {
        foreach (var problem in problems)
        {
            Error.WriteLine($"{label}: {Where(problem)}{problem.Message}");
            if (problem.Hint is not null) Error.WriteLine($"  fix: {problem.Hint}");
        }
    }

    private static string Where(Problem problem) => problem.Location?.ToString() is { Length: > 0 } where ? $"{where}: " : "";
}
