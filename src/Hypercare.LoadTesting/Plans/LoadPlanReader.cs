using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.Core.Yaml;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Templates;
using Hypercare.LoadTesting.Thresholds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hypercare.LoadTesting.Plans;

/// <summary>
/// Reads a load plan strictly, from a plan file or from the <c>stress</c> section of <c>hypercare.yaml</c>. Every
/// problem (unknown key, bad duration, unknown or not-yet-extracted variable, bad JSONPath, missing data file)
/// is reported with file, line and column before any request is sent.
/// </summary>
public static class LoadPlanReader
{
    /// <summary>Reads a plan file.</summary>
    public static LoadPlan Load(string path)
    {
        var text = ReadFile(path);
        var (doc, root) = YamlDocumentReader.Parse(path, text);
        if (root is null) { doc.ThrowIfAny(); throw new BadInputException("empty-document", $"{path} is empty", "see docs/stress-testing.md for the plan format"); }
        var map = doc.Map(root, "");
        doc.ThrowIfAny();
        return Read(doc, map!, BaseDirectory(path), null);
    }

    /// <summary>
    /// Reads the <c>stress</c> section of an engagement file; <paramref name="defaultBaseUrl"/> (the stress
    /// environment's base URL) applies when the section has none.
    /// </summary>
    public static LoadPlan LoadSection(string path, string section, Uri? defaultBaseUrl)
    {
        var text = ReadFile(path);
        var (doc, root) = YamlDocumentReader.Parse(path, text);
        var top = doc.Map(root, "");
        doc.ThrowIfAny();
        var node = top!.Raw(section);
        if (node is null)
            throw new BadInputException("missing-section", $"{path} has no '{section}' section", "add a 'stress' section with scenarios and an executor (see docs/stress-testing.md)", new SourceLocation(path, 1, 1, section));
        var map = doc.Map(node, section);
        doc.ThrowIfAny();
        return Read(doc, map!, BaseDirectory(path), defaultBaseUrl);
    }

    /// <summary>Reads a plan from text (for tests and the API); relative data files resolve from <paramref name="baseDirectory"/>.</summary>
    public static LoadPlan Parse(string file, string text, string baseDirectory)
    {
        var (doc, root) = YamlDocumentReader.Parse(file, text);
        if (root is null) { doc.ThrowIfAny(); throw new BadInputException("empty-document", $"{file} is empty"); }
        var map = doc.Map(root, "");
        doc.ThrowIfAny();
        return Read(doc, map!, baseDirectory, null);
    }

    private static string ReadFile(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException("file-unreadable", $"cannot read the plan: {e.Message}", "give the path of a load plan (see docs/stress-testing.md)", new SourceLocation(path, 0, 0, null));
        }
    }

    private static string BaseDirectory(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();

    private static LoadPlan Read(YamlDocumentReader doc, MapReader top, string baseDirectory, Uri? defaultBaseUrl)
    {
        var reader = new Reader(doc, baseDirectory);
        var plan = reader.Plan(top, defaultBaseUrl);
        top.Done();
        doc.ThrowIfAny();
        return plan!;
    }

    private sealed class Reader(YamlDocumentReader doc, string baseDirectory)
    {
        public LoadPlan? Plan(MapReader top, Uri? defaultBaseUrl)
        {
            var baseText = top.Text("base_url", required: defaultBaseUrl is null, hint: "the URL relative paths resolve against, e.g. http://127.0.0.1:8080");
            Uri? baseUrl = defaultBaseUrl;
            if (baseText is not null)
            {
                if (Uri.TryCreate(baseText, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") baseUrl = u;
                else top.Error("base_url", "invalid-value", $"'{baseText}' is not an http or https URL", "e.g. http://127.0.0.1:8080");
            }
            var timeout = top.Duration("timeout") ?? TimeSpan.FromSeconds(10);
            var maxLateness = top.Duration("max_lateness") ?? TimeSpan.FromSeconds(10);
            var engineText = top.Text("engine");
            var engine = EngineChoice.Auto;
            if (engineText is not null && !TryEngine(engineText, out engine))
                top.Error("engine", "invalid-value", $"'{engineText}' is not an engine", "auto, fast or httpclient");
            var cookies = top.Boolean("cookies") ?? true;
            var insecure = top.Boolean("insecure") ?? false;
            var headers = Headers(top, "headers");
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            if (top.Map("variables") is { } vars)
            {
                foreach (var (k, v) in vars.Node.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? "";
                    if (v is YamlScalarNode { Value: { } value }) variables[name] = value;
                    else doc.Add(v, "wrong-type", $"variable '{name}' must be text", null, $"{vars.PathOf(name)}");
                }
            }
            var data = top.ListOfMaps("data", Feeder);
            var scenarios = top.ListOfMaps("scenarios", Scenario, required: true, hint: "at least one scenario with steps");
            if (top.Has("scenarios") && scenarios.Count == 0) top.Error("scenarios", "empty-list", "a plan needs at least one scenario", "add a scenario with a 'steps' list");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in scenarios)
                if (!names.Add(s.Name)) doc.Add(new Problem("duplicate-name", $"two scenarios are named '{s.Name}'", s.Location, "give each scenario its own name"));
            var executorMap = top.Map("executor", required: true, hint: "how load is offered, e.g. type: constant-arrival-rate, rate: 100/s, duration: 1m");
            var executor = executorMap is null ? null : Executor(executorMap);
            executorMap?.Done();
            var thresholds = top.List("thresholds", (node, path) => ThresholdOf(node, path, scenarios));

            CheckVariables(scenarios, variables, data);
            if (baseUrl is null || executor is null || scenarios.Count == 0) return null;
            return new LoadPlan
            {
                Source = doc.File,
                BaseUrl = baseUrl,
                Headers = headers,
                Variables = variables,
                Data = data,
                Scenarios = scenarios,
                Executor = executor,
                Thresholds = thresholds,
                Timeout = timeout,
                Engine = engine,
                Cookies = cookies,
                Insecure = insecure,
                MaxLateness = maxLateness,
            };
        }

        private static bool TryEngine(string text, out EngineChoice engine)
        {
            engine = text switch { "auto" => EngineChoice.Auto, "fast" => EngineChoice.Fast, "httpclient" => EngineChoice.HttpClient, _ => (EngineChoice)(-1) };
            return (int)engine >= 0;
        }

        private Scenario? Scenario(MapReader m)
        {
            var name = m.Text("name", required: true);
            var weight = (int)(m.WholeNumber("weight", min: 1, max: 1000) ?? 1);
            var think = ThinkTimeOf(m, "think_time");
            var steps = m.ListOfMaps("steps", Step, required: true, hint: "the requests of one iteration");
            if (m.Has("steps") && steps.Count == 0) m.Error("steps", "empty-list", "a scenario needs at least one step");
            var stepNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in steps)
                if (!stepNames.Add(s.Name)) doc.Add(new Problem("duplicate-name", $"two steps of scenario '{name}' are named '{s.Name}'", s.Location, "name the steps apart with 'name:'"));
            return name is null ? null : new Scenario(name, weight, steps, think, doc.At(m.Node, m.Path));
        }

        private ScenarioStep? Step(MapReader m)
        {
            var method = (m.Text("method") ?? "GET").ToUpperInvariant();
            if (!Regex.IsMatch(method, "^[A-Z]+$")) m.Error("method", "invalid-value", $"'{method}' is not an HTTP method", "GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS");
            var path = TemplateOf(m, "path", required: true);
            if (path is not null && !path.Text.StartsWith('/') && !path.Text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !path.Text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !path.Text.StartsWith("${", StringComparison.Ordinal))
                m.Error("path", "invalid-value", $"'{path.Text}' is neither a path starting with '/' nor an http(s) URL", "e.g. /api/products/${id}");
            if (path is not null && Regex.Match(path.Text, "^https?://([^/]*)", RegexOptions.IgnoreCase) is { Success: true } abs && abs.Groups[1].Value.Contains("${", StringComparison.Ordinal))
                m.Error("path", "variable-host", "the host of an absolute URL cannot come from a variable: every target is checked before the run", "write the host literally, or put it in base_url");
            var name = m.Text("name") ?? $"{method} {path?.Text}";
            var query = Pairs(m, "query");
            var headers = Headers(m, "headers");
            Template? body = null;
            var hasBody = m.Has("body");
            var hasJson = m.Has("json");
            if (hasBody && hasJson) m.Error("json", "conflict", "a step has either 'body' or 'json', not both");
            if (hasBody) body = TemplateOf(m, "body", required: false);
            else if (hasJson)
            {
                var node = m.Raw("json")!;
                var json = new StringBuilder();
                WriteJson(node, json);
                body = ParseTemplate(json.ToString(), node, m.PathOf("json"));
                if (!headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                    headers = [.. headers, new("Content-Type", Template.Literal("application/json"))];
            }
            var extract = new List<Extraction>();
            if (m.Map("extract") is { } ex)
            {
                foreach (var (k, v) in ex.Node.Children)
                {
                    var variable = (k as YamlScalarNode)?.Value ?? "";
                    var em = doc.Map(v, ex.PathOf(variable));
                    if (em is null) continue;
                    if (ExtractionOf(variable, em) is { } e) extract.Add(e);
                    em.Done();
                }
            }
            var checks = new List<Check>();
            if (m.Map("check") is { } c)
            {
                if (c.Raw("status") is { } statusNode) checks.Add(StatusCheck(statusNode, c.PathOf("status")));
                if (c.Text("body_contains") is { } contains)
                    checks.Add(new Check(CheckKind.BodyContains, $"body contains '{contains}'", [], contains, null) { TextTemplate = ParseTemplate(contains, c.Raw("body_contains")!, c.PathOf("body_contains")) });
                if (c.Text("body_excludes") is { } excludes)
                    checks.Add(new Check(CheckKind.BodyExcludes, $"body excludes '{excludes}'", [], excludes, null) { TextTemplate = ParseTemplate(excludes, c.Raw("body_excludes")!, c.PathOf("body_excludes")) });
                if (c.Duration("latency") is { } latency) checks.Add(new Check(CheckKind.Latency, $"service time <= {DurationText.Format(latency)}", [], null, latency));
                c.Done();
            }
            var think = ThinkTimeOf(m, "think_time");
            if (path is null) return null;
            return new ScenarioStep { Name = name, Method = method, Path = path, Query = query, Headers = headers, Body = body, Extract = extract, Checks = checks, ThinkTime = think, Location = doc.At(m.Node, m.Path) };
        }

        private Check StatusCheck(YamlNode node, string path)
        {
            var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
            var codes = new List<int>();
            foreach (var item in items)
            {
                var text = (item as YamlScalarNode)?.Value ?? "";
                if (Regex.Match(text, "^([1-5])xx$", RegexOptions.IgnoreCase) is { Success: true } cls) codes.Add(int.Parse(cls.Groups[1].Value, CultureInfo.InvariantCulture));
                else if (int.TryParse(text, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599) codes.Add(code);
                else doc.Add(item, "invalid-value", $"'{text}' is not a status code", "a code such as 200, a class such as 2xx, or a list of them", path);
            }
            return new Check(CheckKind.Status, $"status is {string.Join(" or ", items.Select(i => (i as YamlScalarNode)?.Value))}", codes, null, null);
        }

        private Extraction? ExtractionOf(string variable, MapReader m)
        {
            var json = m.Text("json");
            var regex = m.Text("regex");
            var header = m.Text("header");
            var fallback = m.Text("default");
            var given = new[] { json, regex, header }.Count(x => x is not null);
            if (given != 1)
            {
                doc.Add(m.Node, given == 0 ? "missing-key" : "conflict", $"extraction '{variable}' needs exactly one of json, regex or header", "e.g. token: { json: $.token }", m.Path);
                return null;
            }
            var location = doc.At(m.Node, m.Path);
            if (json is not null)
            {
                if (!JsonPath.TryParse(json, out var path, out var error)) { m.Error("json", "invalid-jsonpath", error!); return null; }
                return new Extraction(variable, ExtractionSource.Json, json, path, null, fallback, location);
            }
            if (regex is not null)
            {
                Regex pattern;
                try { pattern = new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)); }
                catch (ArgumentException e) { m.Error("regex", "invalid-regex", $"'{regex}' is not a regular expression: {e.Message}"); return null; }
                return new Extraction(variable, ExtractionSource.Regex, regex, null, pattern, fallback, location);
            }
            return new Extraction(variable, ExtractionSource.Header, header!, null, null, fallback, location);
        }

        private ThinkTime? ThinkTimeOf(MapReader m, string key)
        {
            var node = m.Raw(key);
            if (node is null) return null;
            if (node is YamlScalarNode)
            {
                var d = m.Duration(key, allowZero: true);
                return d is null ? null : new ThinkTime(ThinkTimeKind.Constant, d.Value, d.Value);
            }
            var tm = doc.Map(node, m.PathOf(key));
            if (tm is null) return null;
            ThinkTime? result = null;
            if (tm.Has("constant")) result = tm.Duration("constant", allowZero: true) is { } c ? new ThinkTime(ThinkTimeKind.Constant, c, c) : null;
            else if (tm.Has("exponential")) result = tm.Duration("exponential") is { } e ? new ThinkTime(ThinkTimeKind.Exponential, e, e) : null;
            else if (tm.Has("uniform"))
            {
                var bounds = tm.List("uniform", (n, p) => n is YamlScalarNode { Value: { } v } && DurationText.TryParse(v, out var d) ? (TimeSpan?)d : Bad(n, p));
                if (bounds.Count != 2) tm.Error("uniform", "invalid-value", "uniform think time needs two durations", "e.g. uniform: [1s, 3s]");
                else if (bounds[0] > bounds[1]) tm.Error("uniform", "invalid-value", "the minimum is above the maximum");
                else result = new ThinkTime(ThinkTimeKind.Uniform, bounds[0]!.Value, bounds[1]!.Value);
            }
            else tm.Error("constant", "missing-key", "a think time is constant, uniform or exponential", "e.g. think_time: { uniform: [1s, 3s] } or think_time: 2s");
            tm.Done();
            return result;

            TimeSpan? Bad(YamlNode n, string p)
            {
                doc.Add(n, "wrong-type", "expected a duration such as 1s", null, p);
                return null;
            }
        }

        private DataFeederDefinition? Feeder(MapReader m)
        {
            var name = m.Text("name", required: true);
            if (name is not null && !Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_-]*$")) m.Error("name", "invalid-value", $"'{name}' is not a feeder name", "letters, digits, '_' and '-'; templates read ${name.column}");
            var file = m.Text("file", required: true, hint: "a CSV file with a header row");
            var modeText = m.Text("mode") ?? "sequential";
            var mode = modeText switch { "sequential" => FeederMode.Sequential, "random" => FeederMode.Random, "unique" => FeederMode.Unique, _ => (FeederMode)(-1) };
            if ((int)mode < 0) m.Error("mode", "invalid-value", $"'{modeText}' is not a feeder mode", "sequential, random or unique");
            if (name is null || file is null) return null;
            var full = Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory, file);
            string text;
            try { text = File.ReadAllText(full); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                m.Error("file", "file-unreadable", $"cannot read '{file}': {e.Message}", "paths are relative to the plan file");
                return null;
            }
            var (rows, error) = Csv.Parse(text);
            if (error is { } err) { doc.Add(new Problem("invalid-csv", err.Message, new SourceLocation(full, err.Line, err.Column, null), "fix the CSV (RFC 4180: quote fields with commas, quotes or line breaks)")); return null; }
            if (rows.Count < 2) { m.Error("file", "empty-data", $"'{file}' has no data rows", "the first row names the columns; add rows below it"); return null; }
            var columns = rows[0];
            for (var r = 1; r < rows.Count; r++)
                if (rows[r].Length != columns.Length)
                    doc.Add(new Problem("invalid-csv", $"row {r + 1} has {rows[r].Length} fields, the header has {columns.Length}", new SourceLocation(full, r + 1, 1, null), "every row needs one value per column"));
            return new DataFeederDefinition(name, full, mode, columns, rows.Skip(1).ToList(), doc.At(m.Node, m.Path));
        }

        private static ExecutorDefinition? Executor(MapReader m)
        {
            var type = m.Text("type", required: true, hint: "constant-arrival-rate, ramping-arrival-rate, constant-vus, ramping-vus or step-load");
            var graceful = m.Duration("graceful_stop", allowZero: true);
            ExecutorDefinition? result;
            switch (type)
            {
                case "constant-arrival-rate":
                    {
                        var rate = m.Rate("rate", required: true);
                        var duration = m.Duration("duration", required: true);
                        result = rate is null || duration is null ? null : Open(new ConstantArrivalRate(rate.Value, duration.Value), m);
                        break;
                    }
                case "ramping-arrival-rate":
                    {
                        var start = new Rate(RateOrZero(m, "start_rate", required: false) ?? 0);
                        var stages = Stages(m, rate: true);
                        result = stages is null ? null : Open(new RampingArrivalRate(start, stages), m);
                        break;
                    }
                case "constant-vus":
                    {
                        var vus = m.WholeNumber("vus", required: true, min: 1, max: 100_000);
                        var duration = m.Duration("duration", required: true);
                        result = vus is null || duration is null ? null : new ConstantVus((int)vus.Value, duration.Value);
                        break;
                    }
                case "ramping-vus":
                    {
                        var start = m.WholeNumber("start_vus", min: 0, max: 100_000) ?? 0;
                        var stages = Stages(m, rate: false);
                        result = stages is null ? null : new RampingVus((int)start, stages);
                        break;
                    }
                case "step-load":
                    {
                        var start = m.Rate("start_rate", required: true);
                        var step = m.Rate("step", required: true);
                        var length = m.Duration("step_duration", required: true);
                        var max = m.Rate("max_rate", required: true);
                        if (length is { } l && (l.Ticks % TimeSpan.TicksPerSecond != 0)) { m.Error("step_duration", "invalid-value", "a step lasts whole seconds", "e.g. 30s"); length = null; }
                        if (start is { } s0 && max is { } mx && mx.PerSecond < s0.PerSecond) m.Error("max_rate", "invalid-value", "max_rate is below start_rate");
                        result = start is null || step is null || length is null || max is null ? null : Open(new StepLoad(start.Value, step.Value, length.Value, max.Value), m);
                        break;
                    }
                default:
                    if (type is not null)
                    {
                        var closest = Suggestions.Closest(type, ["constant-arrival-rate", "ramping-arrival-rate", "constant-vus", "ramping-vus", "step-load"]);
                        m.Error("type", "invalid-value", $"'{type}' is not an executor", closest is null ? "constant-arrival-rate, ramping-arrival-rate, constant-vus, ramping-vus or step-load" : $"did you mean '{closest}'?");
                    }
                    return null;
            }
            if (result is not null && graceful is { } g) result = result with { GracefulStop = g };
            return result;
        }

        private static ArrivalRateExecutor Open(ArrivalRateExecutor executor, MapReader m)
        {
            var pre = m.WholeNumber("pre_allocated_vus", min: 1, max: 100_000);
            var max = m.WholeNumber("max_vus", min: 1, max: 100_000);
            var arrivalsText = m.Text("arrivals") ?? "uniform";
            var arrivals = arrivalsText switch { "uniform" => ArrivalProcess.Uniform, "poisson" => ArrivalProcess.Poisson, _ => (ArrivalProcess)(-1) };
            if ((int)arrivals < 0) m.Error("arrivals", "invalid-value", $"'{arrivalsText}' is not an arrival process", "uniform or poisson");
            var seed = m.WholeNumber("seed", min: 0, max: int.MaxValue);
            var preValue = (int)(pre ?? Math.Min(max ?? 10, 10));
            var maxValue = (int)(max ?? Math.Max(preValue, 100));
            if (maxValue < preValue) m.Error("max_vus", "invalid-value", $"max_vus ({maxValue}) is below pre_allocated_vus ({preValue})");
            return executor with { PreAllocatedVus = preValue, MaxVus = maxValue, Arrivals = (int)arrivals < 0 ? ArrivalProcess.Uniform : arrivals, Seed = (int)(seed ?? 20_261_126) };
        }

        private static List<RampStage>? Stages(MapReader m, bool rate)
        {
            var stages = m.ListOfMaps("stages", s =>
            {
                double? target = rate ? RateOrZero(s, "target", required: true) : s.WholeNumber("target", required: true, min: 0, max: 100_000);
                var duration = s.Duration("duration", required: true);
                return target is null || duration is null ? null : new RampStage(target.Value, duration.Value);
            }, required: true, hint: "e.g. - { target: 1000/s, duration: 5m }");
            return stages.Count == 0 ? null : stages.ToList();
        }

        private static double? RateOrZero(MapReader m, string key, bool required) =>
            m.Parsed(key, required, "a rate such as 100/s (0/s is allowed here)", text =>
                text is "0" ? (true, 0d, (string?)null) : Rate.TryParse(text, out var r) ? (r.PerSecond >= 0, r.PerSecond, r.PerSecond >= 0 ? null : "a rate cannot be negative") : (false, 0d, null));

        private Threshold? ThresholdOf(YamlNode node, string path, IReadOnlyList<Scenario> scenarios)
        {
            string? expression;
            MapReader? m = null;
            if (node is YamlScalarNode { Value: { } text }) expression = text;
            else
            {
                m = doc.Map(node, path);
                expression = m?.Text("expr", required: true, hint: "e.g. expr: p(99) < 300ms");
            }
            if (expression is null) { m?.Done(); return null; }
            var exprNode = m?.Raw("expr") ?? node;
            if (!Threshold.TryParse(expression, out var threshold, out var error))
            {
                doc.Add(exprNode, "invalid-threshold", error!, null, path);
                m?.Done();
                return null;
            }
            if (m is not null)
            {
                var abort = m.Boolean("abort") ?? false;
                var grace = m.Duration("grace", allowZero: true) ?? TimeSpan.Zero;
                var scenario = m.Text("scenario");
                var step = m.Text("step");
                if (scenario is not null && scenarios.All(s => s.Name != scenario))
                    m.Error("scenario", "unknown-name", $"there is no scenario '{scenario}'", Suggestions.Closest(scenario, scenarios.Select(s => s.Name)) is { } c ? $"did you mean '{c}'?" : null);
                else if (step is not null && scenario is null) m.Error("step", "missing-key", "a step threshold also names its scenario");
                else if (step is not null && scenarios.First(s => s.Name == scenario).Steps.All(s => s.Name != step))
                    m.Error("step", "unknown-name", $"scenario '{scenario}' has no step '{step}'");
                m.Done();
                threshold = threshold! with { AbortOnFail = abort, AbortGrace = grace, Scenario = scenario, Step = step };
            }
            return threshold! with { Location = doc.At(exprNode, path) };
        }

        private void CheckVariables(IReadOnlyList<Scenario> scenarios, Dictionary<string, string> variables, IReadOnlyList<DataFeederDefinition> data)
        {
            var feederColumns = data.SelectMany(d => d.Columns.Select(c => $"{d.Name}.{c}")).ToHashSet(StringComparer.Ordinal);
            foreach (var scenario in scenarios)
            {
                var extracted = new HashSet<string>(StringComparer.Ordinal);
                var later = scenario.Steps.SelectMany((s, i) => s.Extract.Select(e => (e.Variable, Step: s.Name, Index: i))).ToList();
                for (var i = 0; i < scenario.Steps.Count; i++)
                {
                    var step = scenario.Steps[i];
                    foreach (var name in Running.RequestBuilder.VariablesOf(step).Concat(step.Checks.SelectMany(c => c.TextTemplate?.Variables ?? [])))
                    {
                        if (BuiltinVariables.IsBuiltin(name))
                        {
                            if (BuiltinVariables.Validate(name) is { } why) doc.Add(new Problem("invalid-function", why, step.Location));
                            continue;
                        }
                        if (variables.ContainsKey(name) || feederColumns.Contains(name) || extracted.Contains(name)) continue;
                        var producer = later.FirstOrDefault(l => l.Variable == name && l.Index >= i);
                        if (producer.Variable is not null)
                        {
                            doc.Add(new Problem("unreachable-variable", $"step '{step.Name}' uses '${{{name}}}', which step '{producer.Step}' extracts only {(producer.Index == i ? "from this step's own response" : "later")}",
                                step.Location, "extract it in an earlier step, or move this step after the one that extracts it"));
                            continue;
                        }
                        var known = variables.Keys.Concat(feederColumns).Concat(extracted).Concat(BuiltinVariables.Names);
                        var closest = Suggestions.Closest(name, known);
                        doc.Add(new Problem("unknown-variable", $"step '{step.Name}' of scenario '{scenario.Name}' uses '${{{name}}}', which nothing defines",
                            step.Location, closest is not null ? $"did you mean '{closest}'?" : "define it under 'variables', extract it in an earlier step, or read it from a data feeder as ${feeder.column}"));
                    }
                    foreach (var e in step.Extract) extracted.Add(e.Variable);
                }
            }
        }

        private IReadOnlyList<KeyValuePair<string, Template>> Headers(MapReader m, string key)
        {
            var pairs = Pairs(m, key);
            foreach (var (name, _) in pairs)
                if (!Regex.IsMatch(name, "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")) m.Error(key, "invalid-header", $"'{name}' is not a valid header name", "letters, digits and -");
            return pairs;
        }

        private List<KeyValuePair<string, Template>> Pairs(MapReader m, string key)
        {
            var list = new List<KeyValuePair<string, Template>>();
            if (m.Map(key) is not { } map) return list;
            foreach (var (k, v) in map.Node.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (v is not YamlScalarNode { Value: { } value }) { doc.Add(v, "wrong-type", $"'{name}' must be text", null, map.PathOf(name)); continue; }
                if (ParseTemplate(value, v, map.PathOf(name)) is { } t) list.Add(new(name, t));
            }
            return list;
        }

        private Template? TemplateOf(MapReader m, string key, bool required)
        {
            var node = m.Raw(key, required);
            if (node is null) return null;
            if (node is not YamlScalarNode { Value: { } text }) { doc.Add(node, "wrong-type", "expected text", null, m.PathOf(key)); return null; }
            return ParseTemplate(text, node, m.PathOf(key));
        }

        private Template? ParseTemplate(string text, YamlNode node, string path)
        {
            if (Template.TryParse(text, out var t, out var error)) return t;
            doc.Add(node, "invalid-template", error!, "placeholders look like ${name}; write $${ for a literal ${", path);
            return null;
        }

        private static void WriteJson(YamlNode node, StringBuilder sb)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    sb.Append('{');
                    var first = true;
                    foreach (var (k, v) in map.Children)
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        sb.Append(JsonSerializer.Serialize(((YamlScalarNode)k).Value ?? "")).Append(':');
                        WriteJson(v, sb);
                    }
                    sb.Append('}');
                    break;
                case YamlSequenceNode seq:
                    sb.Append('[');
                    for (var i = 0; i < seq.Children.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        WriteJson(seq.Children[i], sb);
                    }
                    sb.Append(']');
                    break;
                case YamlScalarNode s:
                    var value = s.Value ?? "";
                    if (s.Style == ScalarStyle.Plain && (value is "true" or "false" or "null" || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                        || Regex.IsMatch(value, @"^\$\{[^}]+\}$")))
                        sb.Append(value.Length == 0 ? "null" : value);
                    else
                        sb.Append(JsonSerializer.Serialize(value, JsonOptions));
                    break;
            }
        }

        private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
