using System.Net;
using Hypercare.Core.Problems;

namespace Hypercare.Capacity.Sampling;

/// <summary>
/// Scrapes Prometheus text endpoints (node_exporter, an application's /metrics). Only loopback endpoints are
/// scraped until the engagement's scope is wired into capacity runs; anything else is refused (exit 3).
/// </summary>
public sealed class MetricsScraper(HttpClient client)
{
    /// <summary>One scrape of an endpoint.</summary>
    public async Task<IReadOnlyList<MetricSample>> ScrapeAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(endpoint.IdnHost.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
            throw new SafetyRefusalException("target-out-of-scope", $"{endpoint} is not a loopback address; metrics are scraped only from 127.0.0.0/8 or ::1 for now",
                "scrape an exporter on loopback, or wait for capacity runs to read the engagement's scope");
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
