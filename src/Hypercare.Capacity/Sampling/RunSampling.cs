using Hypercare.Core;
using Hypercare.LoadTesting.Results;

namespace Hypercare.Capacity.Sampling;

/// <summary>
/// Resource sampling for one stress run: the engine starts it as the load starts, and the series it returns
/// (seconds from that start) go into the run's result. Endpoints off loopback are refused (exit 3) when it is
/// created, before the run.
/// </summary>
public sealed class RunSampling : IResourceSampling, IAsyncDisposable
{
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly int? _pid;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private ResourceSampler? _sampler;

    /// <summary>Creates the sampling; nothing is scraped before <see cref="Start"/>.</summary>
    public RunSampling(IReadOnlyList<Uri> endpoints, int? pid, HttpClient http, TimeProvider time)
    {
        foreach (var e in endpoints) MetricsScraper.EnsureAllowed(e);
        (_endpoints, _pid, _http, _time) = (endpoints, pid, http, time);
    }

    /// <summary>Endpoints that could not be scraped during the run, and a process that could not be read.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <inheritdoc />
    public void Start()
    {
        _sampler = new ResourceSampler(_endpoints, _pid, _http, _time);
        _sampler.Start();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ResourceSeriesResult>> StopAsync()
    {
        if (_sampler is not { } sampler) return [];
        _sampler = null;
        await sampler.StopAsync();
        Warnings = sampler.Warnings;
        return ToResults(sampler.Timeline);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>A timeline as the series of a stress result.</summary>
    public static IReadOnlyList<ResourceSeriesResult> ToResults(ResourceTimeline timeline) =>
        timeline.Series.Select(s => new ResourceSeriesResult(s.Info.Key, KebabCase.Of(s.Info.Kind), s.Info.Measure, s.Info.Unit, s.Info.Source,
            s.Points.Select(p => new[] { Math.Round(p.Seconds, 3), p.Value }).ToList())).ToList();
}
