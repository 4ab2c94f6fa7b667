using HdrHistogram;
using Hypercare.LoadTesting.Metrics;
using Hypercare.LoadTesting.Thresholds;

namespace Hypercare.LoadTesting.Results;

/// <summary>Threshold inputs over a whole run, a scenario or a step.</summary>
internal sealed class Measurements(HistogramBase corrected, HistogramBase service, long requests, long failed, long checks, long checkFailures, long intended, long dropped, double seconds) : IMeasurement
{
    public HistogramBase Corrected => corrected;
    public HistogramBase Service => service;

    public double CorrectedPercentileMs(double percentile) => Latency.PercentileMs(corrected, percentile);
    public double ServicePercentileMs(double percentile) => Latency.PercentileMs(service, percentile);
    public double MeanMs => Latency.MeanMs(corrected);
    public double MaxMs => Latency.MaxMs(corrected);
    public long Requests => requests;
    public long Failed => failed;
    public long Checks => checks;
    public long CheckFailures => checkFailures;
    public long Intended => intended;
    public long Dropped => dropped;
    public double Seconds => seconds;

    public static Measurements For(RunStats stats, string? scenario, string? step, double seconds)
    {
        if (scenario is null)
            return new Measurements(stats.CorrectedTotal, stats.ServiceTotal, stats.TotalRequests(), stats.TotalFailed(), stats.TotalChecks(), stats.TotalCheckFailures(),
                Volatile.Read(ref stats.Intended), Volatile.Read(ref stats.Dropped), seconds);
        var steps = stats.Steps.Where(s => s.Scenario == scenario && (step is null || s.Step == step)).ToList();
        var corrected = Latency.NewHistogram();
        var service = Latency.NewHistogram();
        foreach (var s in steps)
        {
            corrected.Add(s.CorrectedTotal);
            service.Add(s.ServiceTotal);
        }
        return new Measurements(corrected, service, steps.Sum(s => s.Requests), steps.Sum(s => s.FailedRequests()), steps.Sum(s => s.Checks),
            steps.Sum(s => s.Errors[(int)ErrorKind.CheckFailed]), Volatile.Read(ref stats.Intended), Volatile.Read(ref stats.Dropped), seconds);
    }
}
