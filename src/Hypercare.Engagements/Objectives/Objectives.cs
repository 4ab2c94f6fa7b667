using Hypercare.Core.Units;
using NodaTime;

namespace Hypercare.Engagements.Objectives;

/// <summary>A latency objective: a percentile and the time it must stay under.</summary>
/// <param name="Percentile">The percentile, e.g. 99 or 99.9.</param>
/// <param name="Threshold">The latency it must stay under.</param>
public sealed record LatencySlo(double Percentile, TimeSpan Threshold);

/// <summary>How fast traffic climbs to the peak: <paramref name="Factor"/> times the base within <paramref name="Within"/>.</summary>
public sealed record TrafficRamp(double Factor, TimeSpan Within);

/// <summary>The target of one API.</summary>
public sealed record ApiTarget(string Name, string Method, string Path, Rate? PeakRate, IReadOnlyList<LatencySlo> Latency);

/// <summary>The business objectives the event must meet.</summary>
public sealed record BusinessObjectives(
    Rate PeakRate,
    long PeakConcurrentUsers,
    IReadOnlyList<LatencySlo> Latency,
    Percentage? ErrorBudget,
    TrafficRamp? Ramp,
    Bandwidth? PeakEgress,
    IReadOnlyList<ApiTarget> Apis);

/// <summary>A key phase of the event, in the engagement's time zone. <see cref="End"/> is exclusive.</summary>
public sealed record KeyPhase(string Name, LocalDateTime Start, LocalDateTime End)
{
    /// <summary>The calendar dates this phase touches.</summary>
    public IEnumerable<LocalDate> Dates()
    {
        var last = End.PlusTicks(-1).Date;
        for (var d = Start.Date; d <= last; d = d.PlusDays(1)) yield return d;
    }
}

/// <summary>Key-phase arithmetic.</summary>
public static class KeyPhases
{
    /// <summary>
    /// Days of service the key phases need: the distinct calendar dates they touch in the engagement's time
    /// zone, because the 24/7 chat and the service manager are on duty on each such date.
    /// </summary>
    public static int ServiceDays(IEnumerable<KeyPhase> phases) => phases.SelectMany(p => p.Dates()).Distinct().Count();

    /// <summary>The end of the last key phase as an instant.</summary>
    public static Instant? EventEnd(IEnumerable<KeyPhase> phases, DateTimeZone zone)
    {
        var last = phases.Select(p => (LocalDateTime?)p.End).Max();
        return last?.InZoneLeniently(zone).ToInstant();
    }

    /// <summary>The start of the first key phase as an instant.</summary>
    public static Instant? EventStart(IEnumerable<KeyPhase> phases, DateTimeZone zone)
    {
        var first = phases.Select(p => (LocalDateTime?)p.Start).Min();
        return first?.InZoneLeniently(zone).ToInstant();
    }
}
