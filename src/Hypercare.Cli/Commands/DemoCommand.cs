using System.CommandLine;
using System.Reflection;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>
/// <c>hypercare demo</c>: the sample shop's Black Friday engagement, run through every step that is built,
/// on a throw-away database, with a clock that walks from the request to the signed acceptance.
/// Each step is a real CLI invocation, printed as the command a user would type.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Modules of the product that this version does not have yet; the demo says so plainly.</summary>
    private static readonly string[] NotBuiltYet =
    [
        "monitoring optimization and traffic protection planning",
        "war room: chat, incidents, alerts, on-call",
        "deliverable documents (HTML/PDF reports)",
    ];

    public static Command Build(CliContext context)
    {
        var command = new Command("demo", "Run the sample shop's Black Friday 2027 engagement from request to signed acceptance, on a throw-away database unless --db names one");
        command.SetAction(async (parse, ct) =>
        {
            var dir = Directory.CreateTempSubdirectory("hypercare-demo-");
            try
            {
                // The sample shop listens on 127.0.0.1:8080, the target in the engagement's scope; when that port is
                // taken, the demo's copy of the engagement names the free port it uses instead.
                var port = SampleShop.FreePort(8080);
                var file = Path.Combine(dir.FullName, "hypercare.yaml");
                await File.WriteAllTextAsync(file, SampleShop.OnPort(SampleEngagement(), port), ct);
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, "stress.yaml"), SampleShop.OnPort(Embedded("stress.yaml"), port), ct);
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, "users.csv"), Embedded("users.csv"), ct);
                var infra = Directory.CreateDirectory(Path.Combine(dir.FullName, "infra")).FullName;
                foreach (var name in Assembly.GetExecutingAssembly().GetManifestResourceNames().Where(n => n.StartsWith(InfraPrefix, StringComparison.Ordinal)))
                    await File.WriteAllTextAsync(Path.Combine(infra, name[InfraPrefix.Length..]), Embedded("infra." + name[InfraPrefix.Length..]), ct);
                // Only a database named on the command line is kept; the default ./hypercare.db is never touched.
                var db = Database(parse, dir.FullName);
                var run = new DemoRun(context, db, file, dir.FullName, port);
                return await run.RunAsync(ct) ? 0 : 1;
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        });
        return command;
    }

    /// <summary>The database named with --db, or a throw-away one in <paramref name="folder"/>: never the default ./hypercare.db.</summary>
    internal static string Database(ParseResult parse, string folder) =>
        parse.GetResult(CliOptions.Database) is { Implicit: false } ? parse.GetValue(CliOptions.Database)! : Path.Combine(folder, "demo.db");

    internal static string SampleEngagement() => Embedded("hypercare.yaml");

    private const string InfraPrefix = "Hypercare.Cli.samples.shop.infra.";

    private static string Embedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Hypercare.Cli.samples.shop.{name}")
            ?? throw new InvalidOperationException($"the sample's {name} is not embedded in this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class DemoRun(CliContext context, string db, string file, string folder, int port)
    {
        private readonly ManualClock _clock = new(new DateTimeOffset(2027, 9, 1, 14, 0, 0, TimeSpan.Zero));
        private string _id = "";
        private bool _ok = true;

        private const string CustomerPm = "Dana Whitfield";
        private const string ProviderPm = "Ravi Menon";
        private const string ServiceManager = "Lena Fischer";

        public async Task<bool> RunAsync(CancellationToken ct)
        {
            var c = context.Console;
            c.Write(new Rule("[bold]Hypercare demo: Sample Shop, Black Friday 2027[/]").LeftJustified());
            c.MarkupLine("A throw-away database; the clock walks from the request (2027-09-01) to acceptance (2027-12-03).");

            Chapter("Pre-sales: the service request and its lead time");
            await Step(["request", "check", "--submitted", "2027-09-01", "--order", "2027-09-15", "--country", "US"], expect: 1,
                "An order two weeks after the request is too early: the check names the earliest valid date.");
            await Step(["request", "check", "--submitted", "2027-09-01", "--order", "2027-10-01", "--country", "US"], expect: 0);
            await Step(["validate", file], expect: 0);
            var created = await Capture(["engagement", "create", file, "--json", "--by", ProviderPm], ct);
            _id = System.Text.Json.JsonDocument.Parse(created).RootElement.GetProperty("id").GetString()![..8];
            c.MarkupLine($"[grey]engagement {_id} created from the file[/]");
            At(2027, 9, 3, 16);
            await Step(["request", "accept", _id, "--by", ProviderPm, "--note", "objectives clear; team available for the key phases"], expect: 0);

            Chapter("Order and preparation");
            At(2027, 10, 1, 15);
            await Step(["advance", _id, "--to", "ordered", "--by", ProviderPm, "--reason", "order placed"], expect: 0);
            await Step(["advance", _id, "--to", "preparation", "--by", ProviderPm], expect: 0);
            await Step(["advance", _id, "--to", "implementation", "--by", ProviderPm], expect: 1,
                "Implementation is guarded: the prerequisites and the customer's written confirmation of the work plan are missing.");
            At(2027, 10, 4, 14);
            await Step(["prerequisites", "provide", _id, "--kind", "sites,equipment,permissions,non-production-environments,remote-access-channels,business-objectives,stress-testing-environment", "--by", CustomerPm, "--note", "see kickoff minutes"], expect: 0);
            await Step(["authorize", _id, "--kind", "vulnerability-and-port-scanning", "--by", CustomerPm, "--reference", "consent-2027-10-04.pdf"], expect: 0);
            await Step(["authorize", _id, "--kind", "monitoring-and-security-event-analysis", "--by", CustomerPm, "--reference", "consent-2027-10-04.pdf"], expect: 0, quiet: true);
            await Step(["plan", "add", _id, "--title", "Readiness assessment workshop", "--service", "readiness-assessment", "--start", "2027-10-06", "--due", "2027-10-08", "--by", ProviderPm], expect: 0);
            await Step(["plan", "add", _id, "--title", "Risk inspection of the production estate", "--service", "risk-inspection", "--start", "2027-10-11", "--due", "2027-10-15", "--by", ProviderPm], expect: 0);
            await Step(["plan", "add", _id, "--title", "Stress test to 2,000 req/s with a 10x ramp", "--service", "stress-testing", "--start", "2027-10-25", "--due", "2027-11-05", "--by", ProviderPm], expect: 0);
            await Step(["plan", "add", _id, "--title", "Scale the checkout service to the capacity plan", "--owner", "customer", "--owner-name", "Sample Shop platform team", "--start", "2027-11-08", "--due", "2027-11-19", "--by", ProviderPm], expect: 0);
            await Step(["plan", "confirm", _id, "--by", ServiceManager, "--reference", "<wp-v1@shop.example>"], expect: 1,
                "Only the customer's project manager confirms the plan.");
            At(2027, 10, 5, 9);
            await Step(["plan", "confirm", _id, "--by", CustomerPm, "--channel", "email", "--reference", "<CAF2wp-v1@shop.example>"], expect: 0);
            await Step(["advance", _id, "--to", "implementation", "--by", ProviderPm], expect: 0);

            Chapter("Implementation: consent, findings, actions, on-site fees");
            await Step(["inventory", "show", Path.Combine(folder, "infra")], expect: 0,
                "The shop's Alibaba Cloud estate from its Terraform code: every resource evaluated, what only the cloud knows marked unknown.");
            await Step(["engagement", "can-run", _id, "--activity", "port-scan"], expect: 0);
            await Step(["engagement", "can-run", _id, "--activity", "stress-test"], expect: 0);
            await StressTestAsync(ct);
            await Step(["engagement", "can-run", _id, "--activity", "virus-scan"], expect: 3,
                "Virus detection acts on the customer's hosts and the customer has not authorized it: refused for safety.");
            await Step(["risk", "add", _id, "--kind", "risk", "--title", "Checkout database has no read replica", "--severity", "high", "--by", "Tomasz Nowak"], expect: 0);
            await Step(["action", "add", _id, "--title", "Add a read replica and route catalog reads to it", "--risk", "R-1", "--owner", "customer", "--due", "2027-11-12", "--by", "Tomasz Nowak"], expect: 0);
            await Step(["fees", "--edition", "standard", "--onsite", "2027-11-25,2027-11-26*2,2027-11-29", "--day-rate", "1200", "--country", "US"], expect: 0,
                "Thanksgiving (2027-11-25) is a national holiday: three times the day rate.");
            await Step(["advance", _id, "--to", "summary", "--by", ProviderPm], expect: 1, "The summary comes after the event's last key phase.");

            Chapter("After the event: summary and acceptance");
            At(2027, 12, 1, 15);
            await Step(["action", "status", _id, "A-1", "--status", "done", "--by", CustomerPm], expect: 0);
            await Step(["advance", _id, "--to", "summary", "--by", ProviderPm], expect: 0);
            foreach (var doc in new[] { "pre-event-assessment-report", "service-design", "stress-testing-report", "monitoring-optimization-plan", "service-summary", "acceptance-report" })
                await Step(["engagement", "document", _id, "--document", doc, "--status", "delivered", "--by", ProviderPm, "--reference", $"{doc}-v1.pdf"], expect: 0, quiet: true);
            c.MarkupLine("[grey]six documents delivered[/]");
            await Step(["engagement", "milestone", _id, "--milestone", "1", "--by", CustomerPm, "--reference", "<accept-design@shop.example>"], expect: 0);
            await Step(["advance", _id, "--to", "acceptance", "--by", ProviderPm], expect: 0);
            At(2027, 12, 3, 10);
            await Step(["engagement", "milestone", _id, "--milestone", "2", "--by", CustomerPm, "--reference", "<signed-acceptance@shop.example>"], expect: 0);
            await Step(["advance", _id, "--to", "completed", "--by", ProviderPm, "--reason", "customer confirmed the acceptance report"], expect: 0);

            Chapter("The engagement as it stands");
            await Step(["engagement", "show", _id], expect: 0);
            await Step(["engagement", "timeline", _id], expect: 0);

            Chapter("Not built yet");
            foreach (var item in NotBuiltYet) c.MarkupLine($"  • {Markup.Escape(item)}");
            c.MarkupLine("The same engagement in the browser and over the REST API: [bold]./hypercare serve[/] (see docs/web.md).");
            c.MarkupLine(_ok ? "[green]demo finished: every step behaved as expected[/]" : "[red]demo finished with unexpected results (see above)[/]");
            return _ok;
        }

        /// <summary>The sample shop, started in this process, under its own plan within the engagement's scope.</summary>
        private async Task StressTestAsync(CancellationToken ct)
        {
            var c = context.Console;
            var data = Path.Combine(folder, "shop");
            c.WriteLine();
            c.MarkupLine($"[bold]$ hypercare sample shop --urls http://127.0.0.1:{port} &[/]");
            await using var shop = await SampleShop.StartAsync(port, data, _clock, ct);
            c.MarkupLine($"[grey]the sample shop is up on 127.0.0.1:{port}: 20,000 products, a pool of 8 database connections, a slow payment dependency[/]");
            await Step(["stress", "url", "http://192.0.2.10/", "--rate", "100", "--duration", "5s", "--quiet"], expect: 3,
                "A target outside loopback that does not serve the engagement's verification token is refused before any request.");
            await Step(["stress", "run", Path.Combine(folder, "stress.yaml"), "--engagement", file, "--quiet", "--out", Path.Combine(folder, "stress-result.json")], expect: 0,
                "Browsing, searching and the purchase journey (login, cart, checkout), ramping to 200 iterations/s, within the engagement's scope.");
            await Step(["capacity", "search", Path.Combine(folder, "stress.yaml"), "--engagement", file, "--step", "2s", "--warmup", "1s", "--start", "20", "--refine", "1", "--out", Path.Combine(folder, "capacity.json")], expect: 0,
                "Capacity: the same journeys at doubling rates until the objectives break, the shop's /metrics and /proc sampled each second, then the knee, the USL fit, the bottleneck and the plan against the engagement's objectives and topology.");
            await Step(["inspect", Path.Combine(folder, "infra"), "--engagement", file, "--capacity", Path.Combine(folder, "capacity.json")], expect: 0,
                "Risk inspection against the engagement and the capacity just measured: the load balancer's specification and the scaling ceiling below the peak, ports open to the internet, one zone, no standby, burstable instances, a thin EIP; then per tier the limits' headroom and the recovery the configuration implies.");
            var authorized = Path.Combine(folder, "hypercare-authorized.yaml");
            await Step(["engagement", "export", _id, "--output", authorized], expect: 0, quiet: true);
            await Step(["harden", "--engagement", file], expect: 3,
                "Active probes need the customer's scanning authorization in the engagement file they read; the sample file has none.");
            await Step(["harden", "--engagement", authorized, "--inventory", Path.Combine(folder, "infra")], expect: 0,
                "With the authorization recorded (exported from the engagement): the shop on loopback probed for open ports, TLS, security headers and banners, merged with the estate's exposure findings into one ranked hardening plan.");
            var slowLog = Path.Combine(data, "slow.log");
            if (File.Exists(slowLog))
                await Step(["db", "digest", slowLog, "--limit", "3", "--explain", Path.Combine(data, "shop.db"), "--engagement", file, "--queries-per-request", "3"], expect: 0,
                    "The shop's slow-query log, written in MySQL's format under the load above: query classes with the same IDs pt-query-digest gives, ranked by total time; the unindexed search first, with an index EXPLAIN verified on a copy of the shop's database; then the connection pools sized for the peak.");
        }

        private void Chapter(string title) => context.Console.Write(new Rule($"[yellow]{Markup.Escape(title)}[/]").LeftJustified());

        private void At(int year, int month, int day, int hourUtc)
        {
            _clock.Set(new DateTimeOffset(year, month, day, hourUtc, 0, 0, TimeSpan.Zero));
            context.Console.MarkupLine($"[grey]── clock: {_clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC[/]");
        }

        private async Task Step(string[] args, int expect, string? why = null, bool quiet = false)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync([.. args, "--db", db], output, error, _clock);
            if (code != expect) _ok = false;
            if (quiet && code == expect) return;
            context.Console.WriteLine();
            context.Console.MarkupLine($"[bold]$ hypercare {Markup.Escape(string.Join(' ', args.Select(Quote)))}[/]" + (code == 0 ? "" : $"  [grey](exit {code})[/]"));
            if (why is not null) context.Console.MarkupLine($"[italic grey]{Markup.Escape(why)}[/]");
            context.Out.Write(output.ToString());
            context.Out.Write(error.ToString());
            if (code != expect) context.Console.MarkupLine($"[red]expected exit {expect}, got {code}[/]");
        }

        private async Task<string> Capture(string[] args, CancellationToken ct)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync([.. args, "--db", db], output, error, _clock, ct);
            if (code != 0) throw new InvalidOperationException($"demo step failed: {error}");
            return output.ToString();
        }

        private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) || arg.Contains('<', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
    }
}

/// <summary>A clock the demo moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Set(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
