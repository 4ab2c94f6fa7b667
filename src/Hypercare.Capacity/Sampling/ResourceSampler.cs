using Hypercare.Core.Problems;

namespace Hypercare.Capacity.Sampling;

/// <summary>
/// Samples resources once a second while load runs: every metrics endpoint given (node_exporter, the
/// application's /metrics) and, for a local target, its process in /proc. Counters become per-second rates between
/// consecutive samples. An endpoint that cannot be scraped is reported once in <see cref="Warnings"/> and retried;
/// sampling never stops the load.
/// </summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly int? _pid;
    private readonly MetricsScraper _scraper;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly long _started;
    private readonly Dictionary<Uri, (double Seconds, IReadOnlyList<MetricSample> Samples)> _previous = [];
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private (double Seconds, ProcessReading Reading)? _previousProcess;
    private int _rounds;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <summary>Creates a sampler. Refuses (exit 3) an endpoint outside loopback before anything is scraped.</summary>
    /// <param name="endpoints">Prometheus text endpoints.</param>
    /// <param name="pid">A local process to read from /proc, or null.</param>
    /// <param name="http">The client used to scrape.</param>
    /// <param name="time">The clock; <see cref="Now"/> and every sample's time come from it.</param>
    /// <param name="interval">The sampling interval (default one second).</param>
    public ResourceSampler(IReadOnlyList<Uri> endpoints, int? pid, HttpClient http, TimeProvider time, TimeSpan? interval = null)
    {
        foreach (var e in endpoints) MetricsScraper.EnsureAllowed(e);
        _endpoints = endpoints;
        _pid = pid;
        _scraper = new MetricsScraper(http);
        _time = time;
        _interval = interval ?? TimeSpan.FromSeconds(1);
        _started = time.GetTimestamp();
    }

    /// <summary>The samples so far.</summary>
    public ResourceTimeline Timeline { get; } = new();

    /// <summary>Endpoints that could not be scraped, and a process that could not be read.</summary>
    public IReadOnlyList<string> Warnings
    {
        get { lock (_warnings) return [.. _warnings]; }
    }

    /// <summary>The endpoints sampled.</summary>
    public IReadOnlyList<Uri> Endpoints => _endpoints;

    /// <summary>The local process sampled, if any.</summary>
    public int? Pid => _pid;

    /// <summary>How many times every source has been sampled.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <summary>Seconds since the sampler was created, on its clock.</summary>
    public double Now => _time.GetElapsedTime(_started).TotalSeconds;

    /// <summary>Starts sampling in the background, once per interval.</summary>
    public void Start()
    {
        if (_loop is not null) return;
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_interval, _time);
            try
            {
                await SampleOnceAsync(token);
                while (await timer.WaitForNextTickAsync(token)) await SampleOnceAsync(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
        }, CancellationToken.None);
    }

    /// <summary>Takes one sample of every endpoint and the process.</summary>
    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var scrapes = _endpoints.Select(async endpoint =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_interval * 0.9);
            try
            {
                var samples = await _scraper.ScrapeAsync(endpoint, timeout.Token);
                return (endpoint, Now, samples);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Warn(endpoint.ToString(), $"{endpoint} did not answer a scrape within {_interval.TotalMilliseconds * 0.9:0} ms; its samples have gaps");
                return (endpoint, Now, (IReadOnlyList<MetricSample>?)null);
            }
            catch (BadInputException e)
            {
                Warn(endpoint.ToString(), e.Problems[0].Message);
                return (endpoint, Now, (IReadOnlyList<MetricSample>?)null);
            }
        }).ToList();
        foreach (var (endpoint, at, samples) in await Task.WhenAll(scrapes))
        {
            if (samples is null) continue;
            lock (_previous)
            {
                if (_previous.TryGetValue(endpoint, out var last))
                    foreach (var (info, value) in ScrapeSignals.Between(last.Samples, samples, at - last.Seconds, endpoint.ToString(), Environment.ProcessorCount))
                        Timeline.Add(info, at, value);
                _previous[endpoint] = (at, samples);
            }
        }
        if (_pid is { } pid)
        {
            var at = Now;
            if (LocalProcess.Read(pid) is { } reading)
            {
                if (_previousProcess is { } last)
                    foreach (var (info, value) in LocalProcess.Between(last.Reading, reading, at - last.Seconds, pid, Environment.ProcessorCount))
                        Timeline.Add(info, at, value);
                _previousProcess = (at, reading);
            }
            else Warn($"/proc/{pid}", $"process {pid} could not be read from /proc (it may have exited)");
        }
        Interlocked.Increment(ref _rounds);
    }

    /// <summary>Stops sampling and waits for the last sample.</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _loop is null) return;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _stop = null;
        _loop = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    private void Warn(string key, string message)
    {
        lock (_warnings)
            if (_warned.Add(key)) _warnings.Add(message);
    }
}
