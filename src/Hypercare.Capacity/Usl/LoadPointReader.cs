using System.Globalization;
using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Results;

namespace Hypercare.Capacity.Usl;

/// <summary>
/// Reads measured points: a CSV of <c>concurrency,throughput</c> (a header row is optional), or the JSON result of
/// a stress run, whose stages become points: virtual users and requests per second for closed-model stages;
/// for open-model stages the concurrency is what Little's law gives, requests per second times mean latency.
/// </summary>
public static class LoadPointReader
{
    /// <summary>Reads a file; bad lines are reported with file:line:column.</summary>
    public static IReadOnlyList<LoadPoint> Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException("file-unreadable", $"cannot read {path}: {e.Message}", "give a CSV of concurrency,throughput or a stress result (JSON)", new SourceLocation(path, 0, 0, null));
        }
        return text.TrimStart().StartsWith('{') ? FromStressResult(path, text) : FromCsv(path, text);
    }

    /// <summary>Points from CSV text.</summary>
    public static IReadOnlyList<LoadPoint> FromCsv(string file, string text)
    {
        var points = new List<LoadPoint>();
        var problems = new List<Problem>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',');
            if (fields.Length != 2)
            {
                problems.Add(new Problem("invalid-line", $"expected two fields (concurrency,throughput), found {fields.Length}", new SourceLocation(file, i + 1, 1, null), "e.g. 32,1650.5"));
                continue;
            }
            var okN = double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n);
            var okX = double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var x);
            if (!okN && !okX && points.Count == 0 && problems.Count == 0) continue; // a header row
            if (!okN) { problems.Add(new Problem("invalid-number", $"'{fields[0].Trim()}' is not a number", new SourceLocation(file, i + 1, 1, null))); continue; }
            if (!okX) { problems.Add(new Problem("invalid-number", $"'{fields[1].Trim()}' is not a number", new SourceLocation(file, i + 1, lines[i].IndexOf(',', StringComparison.Ordinal) + 2, null))); continue; }
            points.Add(new LoadPoint(n, x));
        }
        if (problems.Count > 0) throw new BadInputException(problems);
        return points;
    }

    /// <summary>Points from the stages of a stress result.</summary>
    public static IReadOnlyList<LoadPoint> FromStressResult(string file, string json)
    {
        var result = ResultWriters.ReadJson(file, json);
        return result.Stages
            .Where(s => s.Requests > 0)
            .Select(s => s.TargetVus > 0 && s.TargetRate <= 0
                ? new LoadPoint(s.TargetVus, s.AchievedRate)
                : new LoadPoint(s.AchievedRate * s.CorrectedMean / 1000, s.AchievedRate))
            .ToList();
    }
}
