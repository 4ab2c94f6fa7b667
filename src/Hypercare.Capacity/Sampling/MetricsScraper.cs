using System.Net;
using Hypercare.Core.Problems;

namespace Hypercare.Capacity.Sampling;

/// <summary>
/// Scrapes Prometheus text endpoints (node_exporter, an application's /metrics). Only loopback endpoints are
/// scraped until the engagement's scope is wired into capacity runs; anything else is refused (exit 3).
/// </summary>
public sealed class MetricsScraper(HttpClient client)
{
    /// <summary>Refuses (exit 3) an endpoint that is not on loopback.</summary>
    public static void EnsureAllowed(Uri endpoint)
    {
        if (endpoint.Scheme is not ("http" or "https"))
            throw new BadInputException("invalid-url", $"'{endpoint}' is not an http or https URL", "e.g. http://127.0.0.1:9100/metrics", SourceLocation.ForField(endpoint.ToString()));
        if (!IPAddress.TryParse(endpoint.IdnHost.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
            throw new SafetyRefusalException("target-out-of-scope", $"{endpoint} is not a loopback address; metrics are scraped only from 127.0.0.0/8 or ::1",
                "run the exporter on loopback, or reach it through an SSH tunnel to a loopback port");
    }

    /// <summary>One scrape of an endpoint.</summary>
    public async Task<IReadOnlyList<MetricSample>> ScrapeAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        EnsureAllowed(endpoint);
        string text;
        try
        {
            using var response = await client.GetAsync(endpoint, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new BadInputException("scrape-failed", $"{endpoint} answered {(int)response.StatusCode}", "check the metrics path", SourceLocation.ForField(endpoint.ToString()));
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BadInputException("scrape-failed", $"{endpoint} could not be scraped: {e.Message}", "check that the exporter runs and listens there", SourceLocation.ForField(endpoint.ToString()));
        }
        return PrometheusText.Parse(text, endpoint.ToString());
    }
}
