using System.CommandLine;
using Hypercare.Core.Problems;
using Hypercare.Data;
using Hypercare.Server;
using Hypercare.Server.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hypercare.Cli.Commands;

internal static class ServerCommands
{
    public static Command Serve(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Run the web application and REST API (SQLite by default, PostgreSQL with --db \"Host=...\"); prints a one-time set-up link while there are no users") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var database = parse.GetValue(CliOptions.Database)!;
            var app = HypercareServer.Build(["--urls", parse.GetValue(urls)!, "--Hypercare:Database", database], context.Time, context.Out);
            try
            {
                await app.StartAsync(ct);
                await app.WaitForShutdownAsync(ct);
            }
            catch (IOException e)
            {
                throw new BadInputException("cannot-listen", $"cannot listen on {parse.GetValue(urls)}: {e.Message}", "choose another address with --urls, e.g. http://127.0.0.1:5081", SourceLocation.ForField("urls"));
            }
            return 0;
        });
        return command;
    }

    public static Command Admin(CliContext context)
    {
        var command = new Command("admin", "Accounts without the web application: the first administrator, organizations, users");
        var email = CliOptions.Required("--email", "The user's e-mail address (their sign-in name)");
        var name = CliOptions.Required("--name", "The user's full name");
        var organization = CliOptions.Required("--organization", "The organization's name; created when missing (the first one is the provider)");
        var customer = new Option<bool>("--customer") { Description = "The organization is a customer (created if missing)" };
        var administrator = new Option<bool>("--administrator") { Description = "The user administers their organization" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (at least 12 characters); required" };
        var create = new Command("create-user", "Create a user headless, such as the first provider administrator; the password comes from standard input, never the command line") { email, name, organization, customer, administrator, passwordStdin };
        create.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(passwordStdin))
                throw new BadInputException("password-missing", "the password is read from standard input", "pass --password-stdin and pipe the password in, e.g. printf '%s\\n' \"$PASSWORD\" | hypercare admin create-user ...", SourceLocation.ForField("password-stdin"));
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r') ?? "";
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(context.Time);
            services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ServerOptions { Database = parse.GetValue(CliOptions.Database)! }));
            HypercareServer.AddAccounts(services);
            await using var provider = services.BuildServiceProvider();
            // Opening creates or migrates the database before the account services use it.
            await (await HypercareDatabase.OpenAsync(parse.GetValue(CliOptions.Database)!, ct)).DisposeAsync();
            await using var scope = provider.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            var db = scope.ServiceProvider.GetRequiredService<HypercareDbContext>();
            var orgName = parse.GetValue(organization)!.Trim();
            var org = db.Organizations.FirstOrDefault(o => o.Name == orgName);
            var isFirst = !await accounts.AnyUserAsync(ct) && await accounts.ProviderAsync(ct) is null;
            if (org is null)
            {
                var kind = parse.GetValue(customer) ? OrganizationKind.Customer : isFirst ? OrganizationKind.Provider : OrganizationKind.Customer;
                org = await accounts.CreateOrganizationAsync(orgName, kind, "cli", ct);
            }
            var user = await accounts.CreateUserAsync(parse.GetValue(email)!, parse.GetValue(name)!, password, org.Id, parse.GetValue(administrator) || isFirst, "cli", ct);
            context.Out.WriteLine($"created {user.Email} in {org.Name} ({org.Kind.ToString().ToLowerInvariant()}){(user.IsAdministrator ? ", administrator" : "")}");
            return 0;
        });
        command.Subcommands.Add(create);
        return command;
    }
}
