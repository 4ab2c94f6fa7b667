using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hypercare.Core;
using Hypercare.Core.Problems;
using Hypercare.Databases.Pools;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Objectives;
using Hypercare.Databases.Advice;
using Hypercare.Databases.Digest;
using Hypercare.Databases.Fingerprints;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary><c>hypercare db digest LOG...</c> and <c>hypercare db fingerprint SQL</c>: which queries cost the database most.</summary>
internal static class DbCommands
{
    public static Command Build(CliContext context)
    {
        var db = new Command("db", "Database optimization: digest slow logs into query classes ranked by total time, with the same query IDs as pt-query-digest");
        db.Subcommands.Add(Digest(context));
        db.Subcommands.Add(FingerprintCommand(context));
        return db;
    }

    private static Command Digest(CliContext context)
    {
        var logs = new Argument<string[]>("LOG") { Description = "Slow query logs, PostgreSQL logs or pg_stat_statements CSV exports (plain or gzip), read one after the other", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--log-format") { Description = "auto (default: decided per file from its first lines), mysql-slow, postgres or pg-stat-statements", DefaultValueFactory = _ => "auto" };
        var prefix = new Option<string?>("--log-line-prefix") { Description = "The PostgreSQL server's log_line_prefix (SHOW log_line_prefix); default '%m [%p] %q%u@%d ', the Debian default" };
        var limit = new Option<string>("--limit") { Description = "Show the top N classes by total query time (default 20; 0 shows all)", DefaultValueFactory = _ => "20" };
        var advise = new Option<string>("--advise") { Description = "Advice (findings and index candidates) for the top N classes shown (default 10; 0 for none)", DefaultValueFactory = _ => "10" };
        var explain = new Option<string?>("--explain") { Description = "Verify index candidates with EXPLAIN before and after on this database, never changing it: a SQLite file (copied first), PostgreSQL (Host=...; HypoPG when installed, else temporary copies of the tables) or MySQL/MariaDB (Server=...;Database=...; temporary copies); loopback hosts only" };
        var engagement = CliOptions.Optional("--engagement", "The engagement whose peak (objectives.peak_rps) and topology (the service tier's db_connections pool and largest size, the database's max_connections) the connection pools are sized against");
        var perRequest = CliOptions.Optional("--queries-per-request", "Database statements one request runs on average, for the pool sizing (default 1)");
        var json = CliOptions.Json();
        var command = new Command("digest", "Group the events of slow logs by fingerprint: the profile (rank, query ID, total time and share, calls, time per call, V/M), per class the statistics, the worst sample and advice (findings, index candidates verified with --explain), and with --engagement the connection pools sized for the peak; exit 2 when nothing could be read, 3 when --explain names a host off loopback") { logs, format, prefix, limit, advise, explain, engagement, perRequest, json };
        command.SetAction(parse =>
        {
            var options = new DigestOptions { Format = Format(parse.GetValue(format)!), LogLinePrefix = parse.GetValue(prefix) };
            var top = CliOptions.Integer(parse.GetValue(limit)!, "--limit");
            if (top < 0) throw new BadInputException("invalid-limit", $"--limit {top} is negative", "a number of classes, or 0 for all", SourceLocation.ForField("--limit"));
            var adviseTop = CliOptions.Integer(parse.GetValue(advise)!, "--advise");
            if (adviseTop < 0) throw new BadInputException("invalid-advise", $"--advise {adviseTop} is negative", "a number of classes, or 0 for no advice", SourceLocation.ForField("--advise"));
            // The database is checked before the logs are read: a refused or missing one fails fast.
            using var verifier = parse.GetValue(explain) is { } connection ? PlanVerifiers.Open(connection) : null;
            var statements = parse.GetValue(perRequest) is { } q ? QueriesPerRequest(q) : 1;
            var file = parse.GetValue(engagement) is { } e ? EngagementFileLoader.Load(e) : null;
            var report = QueryDigest.Read(parse.GetValue(logs)!, options);
            var shown = top == 0 ? report.Classes : [.. report.Classes.Take(top)];
            var advice = Advisor.Advise(shown.Take(adviseTop), verifier).ToDictionary(a => a.Rank);
            var pools = file is null ? null : Pools(file, report, statements);
            if (parse.GetValue(json)) context.Out.WriteLine(Json(report, shown, advice, verifier, pools));
            else { Text(context, report, shown, advice, verifier); PoolText(context, pools); }
            context.WriteProblems(report.Problems, "warning");
            if (report.ProblemCount > report.Problems.Count)
                context.Error.WriteLine($"warning: {report.ProblemCount - report.Problems.Count} more problem(s) not listed");
            return report.Events == 0 && report.ProblemCount > 0 ? 2 : 0;
        });
        return command;
    }

    private static double QueriesPerRequest(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) && n > 0
            ? n
            : throw new BadInputException("invalid-number", $"--queries-per-request '{text}' is not a positive number", "the average number of database statements one request runs, e.g. 3", SourceLocation.ForField("--queries-per-request"));

    /// <summary>The pools sized for the engagement's peak from the digest's mean statement time (Little's law).</summary>
    private static PoolSizing? Pools(EngagementFile file, DigestReport report, double statementsPerRequest)
    {
        if (file.Definition.Objectives?.PeakRate.PerSecond is not { } peak || report.Events == 0) return null;
        var tiers = file.Definition.Topology?.Tiers ?? [];
        var service = tiers.FirstOrDefault(t => t.Role == TierRole.Service && t.Pools.ContainsKey("db_connections")) ?? tiers.FirstOrDefault(t => t.Role == TierRole.Service);
        var database = tiers.FirstOrDefault(t => t.Role == TierRole.Database && t.Pools.ContainsKey("max_connections"));
        var slowOnly = report.Classes.Any(c => c.Source != LogFormat.PgStatStatements);
        return PoolSizing.For(new PoolInputs(peak, statementsPerRequest, report.TotalQueryTime / report.Events, slowOnly,
            service is null ? null : service.Scaling?.Max ?? service.Instances,
            service?.Pools.TryGetValue("db_connections", out var pool) == true ? pool : null,
            database?.Pools.TryGetValue("max_connections", out var max) == true ? max : null));
    }

    private static void PoolText(CliContext context, PoolSizing? pools)
    {
        if (pools is null) return;
        var c = context.Console;
        c.WriteLine();
        c.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Connection pools at the peak (Little's law): {pools.StatementsPerSecond:N0} statements/s keep {pools.BusyConnections:0.#} connections busy, {pools.NeededWithHeadroom:0.#} with headroom{(pools.RecommendedPerInstance is { } r ? $"; {r} per instance" : "")}{(pools.DeclaredTotal is { } d ? $"; the pools declare {d}" : "")}: {KebabCase.Of(pools.Verdict)}")));
        foreach (var f in pools.Findings) c.MarkupLine($"  [yellow]![/] {Markup.Escape(f)}");
        foreach (var a in pools.Assumptions) c.MarkupLine($"  [grey]{Markup.Escape(a)}[/]");
    }

    private static JsonObject? PoolJson(PoolSizing? p) => p is null ? null : new JsonObject
    {
        ["statements_per_second"] = p.StatementsPerSecond,
        ["busy_connections"] = p.BusyConnections,
        ["needed_with_headroom"] = p.NeededWithHeadroom,
        ["recommended_per_instance"] = p.RecommendedPerInstance,
        ["declared_total"] = p.DeclaredTotal,
        ["verdict"] = KebabCase.Of(p.Verdict),
        ["findings"] = new JsonArray([.. p.Findings.Select(f => (JsonNode)f)]),
        ["assumptions"] = new JsonArray([.. p.Assumptions.Select(a => (JsonNode)a)]),
    };

    private static LogFormat Format(string text) => text switch
    {
        "auto" => LogFormat.Auto,
        "mysql-slow" => LogFormat.MySqlSlow,
        "postgres" => LogFormat.Postgres,
        "pg-stat-statements" => LogFormat.PgStatStatements,
        var other => throw new BadInputException("invalid-log-format", $"'{other}' is not a log format", "auto, mysql-slow, postgres or pg-stat-statements", SourceLocation.ForField("--log-format")),
    };

    private static Command FingerprintCommand(CliContext context)
    {
        var sql = new Argument<string>("SQL") { Description = "One statement, quoted for the shell" };
        var json = CliOptions.Json();
        var command = new Command("fingerprint", "The fingerprint of a statement (its values abstracted) and its query ID, as pt-query-digest computes them") { sql, json };
        command.SetAction(parse =>
        {
            var statement = parse.GetValue(sql)!.TrimEnd().TrimEnd(';');
            var fingerprint = Fingerprint.Of(statement);
            var id = Fingerprint.QueryId(fingerprint);
            if (parse.GetValue(json))
                context.Out.WriteLine(new JsonObject { ["schema"] = "hypercare.db.fingerprint/v1", ["fingerprint"] = fingerprint, ["query_id"] = "0x" + id }.ToJsonString(Indented));
            else
            {
                context.Out.WriteLine(fingerprint);
                context.Out.WriteLine($"query id: 0x{id}");
            }
            return 0;
        });
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] Decades = ["<10us", "<100us", "<1ms", "<10ms", "<100ms", "<1s", "<10s", "10s+"];
    private static readonly string[] HistogramKeys = ["under_10us", "under_100us", "under_1ms", "under_10ms", "under_100ms", "under_1s", "under_10s", "10s_or_more"];

    private static void Text(CliContext context, DigestReport report, IReadOnlyList<QueryClass> shown, Dictionary<int, ClassAdvice> advice, IPlanVerifier? verifier)
    {
        var c = context.Console;
        var files = string.Join(", ", report.Files.Select(f => f.Compressed ? $"{f.Path} (gzip)" : f.Path));
        c.MarkupLine(Markup.Escape($"Digest of {files}: {report.Events} events in {report.Classes.Count} query classes, {Seconds(report.TotalQueryTime)} of query time"));
        if (report.FirstSeen is { } first && report.LastSeen is { } last)
            c.MarkupLine(Markup.Escape($"Time range: {Stamp(first)} to {Stamp(last)} ({Seconds((last - first).TotalSeconds)}){(report.QueriesPerSecond is { } qps ? $", {qps.ToString("0.00", CultureInfo.InvariantCulture)} queries/s" : "")}"));
        if (report.SkippedEvents > 0 || report.StrayLines > 0)
            c.MarkupLine($"[yellow]Skipped {report.SkippedEvents} event(s) and {report.StrayLines} line(s) outside events[/] ({report.ProblemCount} problem(s), located on stderr)");
        if (report.Classes.Count == 0) { c.MarkupLine("No events."); return; }

        c.WriteLine();
        c.MarkupLine(shown.Count < report.Classes.Count ? $"[bold]Profile[/] by total query time (top {shown.Count} of {report.Classes.Count}; --limit 0 shows all)" : "[bold]Profile[/] by total query time");
        var profile = new Table().AddColumn(new TableColumn("rank").RightAligned()).AddColumn("query id").AddColumn(new TableColumn("total").RightAligned())
            .AddColumn(new TableColumn("share").RightAligned()).AddColumn(new TableColumn("calls").RightAligned()).AddColumn(new TableColumn("per call").RightAligned())
            .AddColumn(new TableColumn("V/M").RightAligned()).AddColumn("item");
        // The source column appears only when PostgreSQL is read, so that MySQL reports keep their shape.
        var sources = report.Classes.Any(q => q.Source != LogFormat.MySqlSlow);
        if (sources) profile.AddColumn("source");
        foreach (var q in shown)
        {
            var vm = q.Statistics == ClassStatistics.ServerSums ? "-" : q.VarianceToMean.ToString("0.00", CultureInfo.InvariantCulture);
            string[] cells = [Invariant(q.Rank), "0x" + q.QueryId, Seconds(q.QueryTime.Total), Percent(q.Share), Invariant(q.Calls), Seconds(q.QueryTime.Average), vm, Markup.Escape(q.Item)];
            profile.AddRow(sources ? [.. cells, KebabFormat(q.Source)] : cells);
        }
        c.Write(profile);
        foreach (var q in shown)
        {
            Class(context, q);
            if (advice.TryGetValue(q.Rank, out var a)) Advice(context, a);
        }
        if (advice.Count > 0)
        {
            c.WriteLine();
            context.Out.WriteLine(AdviceSummary(advice.Values, verifier));
        }
    }

    private static string AdviceSummary(IEnumerable<ClassAdvice> advice, IPlanVerifier? verifier)
    {
        var list = advice.ToList();
        var findings = list.Sum(a => a.Findings.Count);
        var candidates = list.Sum(a => a.Indexes.Count);
        if (verifier is null)
            return $"Advice for the top {list.Count} classes: {findings} finding(s), {candidates} index candidate(s), not verified (--explain DATABASE checks them with EXPLAIN)";
        var verified = list.Where(a => a.Verified.Any()).ToList();
        return $"Advice for the top {list.Count} classes: {findings} finding(s), {verified.Sum(a => a.Verified.Count())} verified index(es) for {verified.Count} class(es) "
            + $"({(verified.Count == 0 ? "none" : string.Join(", ", verified.Select(a => "query " + a.Rank.ToString(CultureInfo.InvariantCulture))))}), "
            + $"{candidates - verified.Sum(a => a.Verified.Count())} candidate(s) rejected; EXPLAIN on {verifier.Description}";
    }

    private static void Advice(CliContext context, ClassAdvice a)
    {
        var o = context.Out;
        o.WriteLine("  advice:");
        foreach (var f in a.Findings)
        {
            o.WriteLine($"    finding ({f.Code}): {f.Message}");
            o.WriteLine($"      what to do: {f.Action}");
        }
        foreach (var i in a.Indexes)
        {
            var v = i.Verification;
            var label = v is null ? "index candidate (not verified)" : v.Verified ? "index (verified)" : "rejected";
            o.WriteLine($"    {label}: {i.Candidate.Ddl()}");
            o.WriteLine($"      why these columns: {i.Candidate.Rationale}");
            if (v is null) continue;
            o.WriteLine($"      EXPLAIN: {v.Reason}{(v.CostBefore is { } cb && v.CostAfter is { } ca ? $" (estimated cost {cb.ToString("0.##", CultureInfo.InvariantCulture)} -> {ca.ToString("0.##", CultureInfo.InvariantCulture)})" : "")}");
            if (v.PlanBefore.Count > 0) o.WriteLine($"      plan before: {string.Join(" | ", v.PlanBefore.Select(l => l.Trim()))}");
            if (v.PlanAfter.Count > 0) o.WriteLine($"      plan after:  {string.Join(" | ", v.PlanAfter.Select(l => l.Trim()))}");
        }
        foreach (var s in a.Skipped) o.WriteLine($"    left out: {s}");
        if (a.NoCandidateReason is { } reason) o.WriteLine($"    no index candidate: {reason}");
        foreach (var n in a.Notes) o.WriteLine($"    note: {n}");
        if (a.Findings.Count == 0 && a.Indexes.Count == 0 && a.NoCandidateReason is null && a.Skipped.Count == 0) o.WriteLine("    nothing to report");
    }

    private static void Class(CliContext context, QueryClass q)
    {
        if (q.Statistics is ClassStatistics.ServerSums or ClassStatistics.ServerSumsWithExtremes) { ViewClass(context, q); return; }
        var c = context.Console;
        c.WriteLine();
        c.MarkupLine($"[bold]Query {q.Rank}[/]: {Markup.Escape(q.Item)}, ID 0x{q.QueryId}{(q.Source == LogFormat.Postgres ? ", from a PostgreSQL log" : "")}");
        var seen = q.FirstSeen is { } f && q.LastSeen is { } l ? f == l ? $", at {Stamp(f)}" : $", {Stamp(f)} to {Stamp(l)}" : "";
        c.MarkupLine(Markup.Escape($"  {q.Calls} call{(q.Calls == 1 ? "" : "s")}, {Percent(q.Share)} of query time{(q.QueriesPerSecond is { } qps ? $", {qps.ToString("0.00", CultureInfo.InvariantCulture)} queries/s" : "")}, V/M {q.VarianceToMean.ToString("0.00", CultureInfo.InvariantCulture)}{seen}"));
        var table = new Table().AddColumn("").AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("min").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("avg").RightAligned()).AddColumn(new TableColumn("95%").RightAligned())
            .AddColumn(new TableColumn("99%").RightAligned()).AddColumn(new TableColumn("stddev").RightAligned()).AddColumn(new TableColumn("median").RightAligned());
        Row(table, "query time", q.QueryTime, Seconds);
        if (q.Statistics == ClassStatistics.PerExecution)
        {
            Row(table, "lock time", q.LockTime, Seconds);
            Row(table, "rows sent", q.RowsSent, Count);
            Row(table, "rows examined", q.RowsExamined, Count);
        }
        c.Write(table);
        if (!q.QueryTime.Exact) c.MarkupLine("  [grey]percentiles from a histogram within 1% (more values than kept exactly)[/]");
        c.MarkupLine(Markup.Escape($"  databases: {Values(q.Databases)}; users: {Values(q.Users)}; hosts: {Values(q.Hosts)}"));
        c.MarkupLine(Markup.Escape("  query times: " + string.Join("  ", Decades.Zip(q.LatencyHistogram).Where(d => d.Second > 0).Select(d => $"{d.First} {d.Second}"))));
        // Statements are written as they are, not wrapped to the console's width, so that they can be copied.
        context.Out.WriteLine($"  fingerprint: {Cut(q.Fingerprint, 400)}");
        var w = q.Worst;
        if (q.Statistics == ClassStatistics.PerExecutionTimeOnly)
            c.MarkupLine(Markup.Escape($"  worst: {Seconds(w.QueryTime)}{(w.Time is { } at ? $", at {Stamp(at)}" : "")}{(w.Database is { } db ? $", in {db}" : "")}, {(w.File is { } log ? Path.GetFileName(log) + ":" : "line ")}{w.Line} (byte {w.ByteOffset})"));
        else c.MarkupLine(Markup.Escape($"  worst: {Seconds(w.QueryTime)}, {Count(w.RowsExamined)} row{(w.RowsExamined == 1 ? "" : "s")} examined, {Count(w.RowsSent)} sent{(w.Time is { } t ? $", at {Stamp(t)}" : "")}{(w.Database is { } d ? $", in {d}" : "")}, {(w.File is { } file ? Path.GetFileName(file) + ":" : "line ")}{w.Line} (byte {w.ByteOffset})"));
        context.Out.WriteLine("    " + Cut(w.Statement, 2000).Replace("\n", "\n    ", StringComparison.Ordinal));
    }

    // A class from pg_stat_statements: the server's sums; what the view does not keep is shown as '-'.
    private static void ViewClass(CliContext context, QueryClass q)
    {
        var c = context.Console;
        c.WriteLine();
        c.MarkupLine($"[bold]Query {q.Rank}[/]: {Markup.Escape(q.Item)}, ID 0x{q.QueryId}, from pg_stat_statements");
        c.MarkupLine(Markup.Escape($"  {q.Calls} call{(q.Calls == 1 ? "" : "s")}, {Percent(q.Share)} of query time; the view keeps sums, not executions: no percentiles, median, histogram or worst execution"));
        var extremes = q.Statistics == ClassStatistics.ServerSumsWithExtremes;
        var table = new Table().AddColumn("").AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("min").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("avg").RightAligned()).AddColumn(new TableColumn("stddev").RightAligned());
        var t = q.QueryTime;
        table.AddRow("query time", Seconds(t.Total), extremes ? Seconds(t.Min) : "-", extremes ? Seconds(t.Max) : "-", Seconds(t.Average), extremes ? Seconds(t.StandardDeviation) : "-");
        if (q.RowsSent.Count > 0) table.AddRow("rows", Count(q.RowsSent.Total), "-", "-", Count(q.RowsSent.Average), "-");
        c.Write(table);
        c.MarkupLine(Markup.Escape($"  databases: {Values(q.Databases)}; users: {Values(q.Users)}"));
        context.Out.WriteLine($"  fingerprint: {Cut(q.Fingerprint, 400)}");
        var w = q.Worst;
        c.MarkupLine(Markup.Escape($"  statement (the row with the most time, {(w.File is { } file ? Path.GetFileName(file) + ":" : "line ")}{w.Line}):"));
        context.Out.WriteLine("    " + Cut(w.Statement, 2000).Replace("\n", "\n    ", StringComparison.Ordinal));
    }

    private static void Row(Table table, string name, MetricStatistics m, Func<double, string> format) =>
        table.AddRow(name, format(m.Total), format(m.Min), format(m.Max), format(m.Average), format(m.P95), format(m.P99), format(m.StandardDeviation), format(m.Median));

    private static string Values(IReadOnlyList<ValueCount> values) =>
        values.Count == 0 ? "-" : string.Join(", ", values.Take(5).Select(v => $"{v.Value} ({v.Count})")) + (values.Count > 5 ? $", {values.Count - 5} more" : "");

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + $"... ({text.Length} characters)";

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) + "Z";

    /// <summary>Seconds in the unit that reads best: 850us, 12.3ms, 1.60s, 2m 05s.</summary>
    internal static string Seconds(double s) => s switch
    {
        0 => "0",
        < 0.001 => (s * 1e6).ToString("0", CultureInfo.InvariantCulture) + "us",
        < 1 => (s * 1e3).ToString(s < 0.01 ? "0.00" : s < 0.1 ? "0.0" : "0", CultureInfo.InvariantCulture) + "ms",
        < 60 => s.ToString("0.00", CultureInfo.InvariantCulture) + "s",
        < 3600 => $"{(int)(s / 60)}m {(s % 60).ToString("00", CultureInfo.InvariantCulture)}s",
        _ => $"{(int)(s / 3600)}h {(int)(s % 3600 / 60):00}m",
    };

    private static string Count(double n) => n switch
    {
        < 10_000 => n.ToString(n == Math.Floor(n) ? "0" : "0.0", CultureInfo.InvariantCulture),
        < 10_000_000 => (n / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => (n / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
    };

    private static JsonObject AdviceJson(ClassAdvice a) => new()
    {
        ["findings"] = new JsonArray([.. a.Findings.Select(f => (JsonNode)new JsonObject { ["code"] = f.Code, ["message"] = f.Message, ["action"] = f.Action })]),
        ["candidates"] = new JsonArray([.. a.Indexes.Select(i => (JsonNode)new JsonObject
        {
            ["table"] = i.Candidate.Table.Schema is { } schema ? $"{schema}.{i.Candidate.Table.Name}" : i.Candidate.Table.Name,
            ["columns"] = new JsonArray([.. i.Candidate.Columns.Select(c => (JsonNode)c.ToString())]),
            ["ddl"] = i.Candidate.Ddl(),
            ["rationale"] = i.Candidate.Rationale,
            ["verified"] = i.Verification?.Verified,
            ["explain"] = i.Verification?.Reason,
            ["plan_before"] = i.Verification is { } v ? new JsonArray([.. v.PlanBefore.Select(l => (JsonNode)l)]) : null,
            ["plan_after"] = i.Verification is { } w ? new JsonArray([.. w.PlanAfter.Select(l => (JsonNode)l)]) : null,
            ["cost_before"] = i.Verification?.CostBefore,
            ["cost_after"] = i.Verification?.CostAfter,
        })]),
        ["skipped"] = new JsonArray([.. a.Skipped.Select(s => (JsonNode)s)]),
        ["no_candidate_reason"] = a.NoCandidateReason,
        ["notes"] = new JsonArray([.. a.Notes.Select(n => (JsonNode)n)]),
    };

    private static string Json(DigestReport report, IReadOnlyList<QueryClass> shown, Dictionary<int, ClassAdvice> advice, IPlanVerifier? verifier, PoolSizing? pools)
    {
        var classes = new JsonArray();
        foreach (var q in shown)
        {
            var view = q.Statistics is ClassStatistics.ServerSums or ClassStatistics.ServerSumsWithExtremes;
            var extremes = q.Statistics != ClassStatistics.ServerSums;
            classes.Add(new JsonObject
            {
                ["rank"] = q.Rank,
                ["source"] = KebabFormat(q.Source),
                ["statistics"] = q.Statistics switch
                {
                    ClassStatistics.PerExecutionTimeOnly => "per-execution-time-only",
                    ClassStatistics.ServerSums => "server-sums",
                    ClassStatistics.ServerSumsWithExtremes => "server-sums-with-extremes",
                    _ => "per-execution",
                },
                ["query_id"] = "0x" + q.QueryId,
                ["fingerprint"] = q.Fingerprint,
                ["item"] = q.Item,
                ["calls"] = q.Calls,
                ["share"] = q.Share,
                ["variance_to_mean"] = extremes ? q.VarianceToMean : null,
                ["queries_per_second"] = q.QueriesPerSecond,
                ["first_seen"] = q.FirstSeen,
                ["last_seen"] = q.LastSeen,
                ["query_time"] = Metric(q.QueryTime, !view, extremes),
                ["lock_time"] = Metric(q.LockTime),
                ["rows_sent"] = Metric(q.RowsSent, !view, !view),
                ["rows_examined"] = Metric(q.RowsExamined),
                ["databases"] = Counts(q.Databases),
                ["users"] = Counts(q.Users),
                ["hosts"] = Counts(q.Hosts),
                ["latency_histogram"] = new JsonObject(HistogramKeys.Zip(q.LatencyHistogram).Select(p => KeyValuePair.Create(p.First, (JsonNode?)p.Second))),
                ["worst"] = new JsonObject
                {
                    ["query_time"] = q.Worst.QueryTime,
                    ["lock_time"] = q.Worst.LockTime,
                    ["rows_sent"] = q.Worst.RowsSent,
                    ["rows_examined"] = q.Worst.RowsExamined,
                    ["time"] = q.Worst.Time,
                    ["database"] = q.Worst.Database,
                    ["user"] = q.Worst.User,
                    ["host"] = q.Worst.Host,
                    ["file"] = q.Worst.File,
                    ["line"] = q.Worst.Line,
                    ["byte_offset"] = q.Worst.ByteOffset,
                    ["statement"] = q.Worst.Statement,
                },
                ["flags"] = q.Flags.Logged == 0 ? null : new JsonObject
                {
                    ["logged"] = q.Flags.Logged,
                    ["full_scan"] = q.Flags.FullScan,
                    ["full_join"] = q.Flags.FullJoin,
                    ["tmp_table"] = q.Flags.TmpTable,
                    ["tmp_table_on_disk"] = q.Flags.TmpTableOnDisk,
                    ["filesort"] = q.Flags.Filesort,
                    ["filesort_on_disk"] = q.Flags.FilesortOnDisk,
                },
                ["advice"] = advice.TryGetValue(q.Rank, out var a) ? AdviceJson(a) : null,
            });
        }
        var problems = new JsonArray();
        foreach (var p in report.Problems)
            problems.Add(new JsonObject { ["code"] = p.Code, ["message"] = p.Message, ["file"] = p.Location?.File, ["line"] = p.Location?.Line });
        return new JsonObject
        {
            ["schema"] = "hypercare.db.digest/v1",
            ["files"] = new JsonArray([.. report.Files.Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["format"] = KebabFormat(f.Format), ["compressed"] = f.Compressed, ["events"] = f.Events, ["skipped_events"] = f.SkippedEvents })]),
            ["summary"] = new JsonObject
            {
                ["events"] = report.Events,
                ["classes"] = report.Classes.Count,
                ["classes_shown"] = shown.Count,
                ["total_query_time"] = report.TotalQueryTime,
                ["first_seen"] = report.FirstSeen,
                ["last_seen"] = report.LastSeen,
                ["queries_per_second"] = report.QueriesPerSecond,
                ["skipped_events"] = report.SkippedEvents,
                ["stray_lines"] = report.StrayLines,
                ["problem_count"] = report.ProblemCount,
                ["problems"] = problems,
            },
            ["advice"] = advice.Count == 0 ? null : new JsonObject
            {
                ["classes"] = advice.Count,
                ["explain"] = verifier?.Description,
                ["findings"] = advice.Values.Sum(a => a.Findings.Count),
                ["verified_indexes"] = advice.Values.Sum(a => a.Verified.Count()),
                ["candidates"] = advice.Values.Sum(a => a.Indexes.Count),
                ["summary"] = AdviceSummary(advice.Values, verifier),
            },
            ["pools"] = PoolJson(pools),
            ["classes"] = classes,
        }.ToJsonString(Indented);
    }

    private static string KebabFormat(LogFormat f) => f switch
    {
        LogFormat.MySqlSlow => "mysql-slow",
        LogFormat.Postgres => "postgres",
        LogFormat.PgStatStatements => "pg-stat-statements",
        _ => "auto",
    };

    // Statistics a source does not have (pg_stat_statements keeps no executions) are null.
    private static JsonObject Metric(MetricStatistics m, bool percentiles = true, bool extremes = true) => new()
    {
        ["count"] = m.Count,
        ["total"] = m.Total,
        ["min"] = extremes ? m.Min : null,
        ["max"] = extremes ? m.Max : null,
        ["avg"] = m.Average,
        ["median"] = percentiles ? m.Median : null,
        ["p95"] = percentiles ? m.P95 : null,
        ["p99"] = percentiles ? m.P99 : null,
        ["stddev"] = extremes ? m.StandardDeviation : null,
        ["exact"] = m.Exact,
    };

    private static JsonArray Counts(IReadOnlyList<ValueCount> values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["count"] = v.Count })]);
}
