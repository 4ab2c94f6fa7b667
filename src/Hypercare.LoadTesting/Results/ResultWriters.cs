using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using Hypercare.LoadTesting.Metrics;

namespace Hypercare.LoadTesting.Results;

/// <summary>The files a run writes: the JSON summary, JUnit XML for CI, and the per-second time series as CSV.</summary>
public static class ResultWriters
{
    /// <summary>The JSON settings of the summary: snake_case names, enums as text.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The summary as JSON.</summary>
    public static string Json(StressResult result) => JsonSerializer.Serialize(result, JsonOptions);

    /// <summary>Reads a summary written by <see cref="Json"/>; the error names the file and what is wrong.</summary>
    public static StressResult ReadJson(string file, string text)
    {
        StressResult? result;
        try
        {
            result = JsonSerializer.Deserialize<StressResult>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new Core.Problems.BadInputException("invalid-result", $"{file} is not a stress result: {e.Message}",
                "give the JSON that 'hypercare stress run --out FILE' wrote", new Core.Problems.SourceLocation(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, e.Path));
        }
        if (result is null || result.Schema != StressResult.SchemaId)
            throw new Core.Problems.BadInputException("unsupported-schema", $"{file} has schema '{result?.Schema}', expected '{StressResult.SchemaId}'",
                "merge results written by the same version of Hypercare", new Core.Problems.SourceLocation(file, 1, 1, "schema"));
        return result;
    }

    /// <summary>
    /// JUnit XML: one test case per threshold (failed ones carry the measured value) and one per step with its
    /// error counts, so CI systems show a failed stress test like a failed unit test.
    /// </summary>
    public static string JUnit(StressResult result)
    {
        var cases = new List<XElement>();
        foreach (var t in result.Thresholds)
        {
            var c = new XElement("testcase", new XAttribute("classname", "thresholds"), new XAttribute("name", $"{t.Scope}: {t.Expression}"), new XAttribute("time", "0"));
            if (!t.Passed) c.Add(new XElement("failure", new XAttribute("message", $"{t.Expression} failed: measured {t.Value}"), new XAttribute("type", "threshold"), $"measured {t.Value} over {t.Scope}"));
            cases.Add(c);
        }
        if (result.Run.Aborted is { } aborted)
            cases.Add(new XElement("testcase", new XAttribute("classname", "run"), new XAttribute("name", "run completed"), new XElement("failure", new XAttribute("message", aborted), new XAttribute("type", "aborted"))));
        foreach (var scenario in result.Scenarios)
            foreach (var step in scenario.Steps)
            {
                var c = new XElement("testcase", new XAttribute("classname", $"scenarios.{scenario.Name}"), new XAttribute("name", step.Name),
                    new XAttribute("time", (step.Service.Mean / 1000).ToString("0.######", CultureInfo.InvariantCulture)));
                c.Add(new XElement("system-out", $"requests {step.Requests}, failed {step.Failed}, checks failed {step.CheckFailures}, corrected p99 {step.Corrected.P99} ms, service p99 {step.Service.P99} ms"));
                cases.Add(c);
            }
        var failures = result.Thresholds.Count(t => !t.Passed) + (result.Run.Aborted is null ? 0 : 1);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"hypercare stress {result.Run.Plan ?? result.Run.Executor}"),
            new XAttribute("tests", cases.Count), new XAttribute("failures", failures), new XAttribute("errors", 0), new XAttribute("skipped", 0),
            new XAttribute("time", result.Run.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            new XAttribute("timestamp", result.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
        var root = new XElement("testsuites", new XAttribute("tests", cases.Count), new XAttribute("failures", failures), suite);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Environment.NewLine + root + Environment.NewLine;
    }

    /// <summary>The per-second time series as CSV with a header row; error columns are one per kind.</summary>
    public static string Csv(StressResult result)
    {
        var kinds = Enum.GetValues<ErrorKind>();
        var sb = new StringBuilder("second,target_rate,requests,failed,");
        sb.Append(string.Join(',', kinds.Select(k => "errors_" + ResultBuilder.ErrorName(k))));
        sb.Append(",corrected_p50_ms,corrected_p90_ms,corrected_p99_ms,corrected_max_ms,service_p50_ms,service_p99_ms,started,late,dropped,vus\n");
        foreach (var p in result.Series)
        {
            sb.Append(p.Second).Append(',').Append(F(p.TargetRate)).Append(',').Append(p.Requests).Append(',').Append(p.Failed).Append(',');
            sb.Append(string.Join(',', kinds.Select(k => p.Errors.TryGetValue(k, out var n) ? n : 0)));
            sb.Append(',').Append(F(p.CorrectedP50Ms)).Append(',').Append(F(p.CorrectedP90Ms)).Append(',').Append(F(p.CorrectedP99Ms)).Append(',').Append(F(p.CorrectedMaxMs));
            sb.Append(',').Append(F(p.ServiceP50Ms)).Append(',').Append(F(p.ServiceP99Ms));
            sb.Append(',').Append(p.Started).Append(',').Append(p.Late).Append(',').Append(p.Dropped).Append(',').Append(p.ActiveVus).Append('\n');
        }
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
