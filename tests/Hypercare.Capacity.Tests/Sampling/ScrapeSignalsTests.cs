using Hypercare.Capacity.Sampling;

namespace Hypercare.Capacity.Tests.Sampling;

public sealed class ScrapeSignalsTests
{
    private static IReadOnlyList<MetricSample> Parse(string text) => PrometheusText.Parse(text, "test");

    [Fact]
    public void ApplicationMetrics_BecomeRatesMeansAndPoolSignals()
    {
        var earlier = Parse("""
            process_cpu_seconds_total 10
            process_resident_memory_bytes 1000
            dotnet_gc_pause_seconds_total 1.0
            dotnet_threadpool_queue_length 0
            shop_db_pool_size 8
            shop_db_pool_in_use 2
            shop_db_pool_waiting 0
            shop_db_pool_wait_seconds_sum 0
            shop_db_pool_wait_seconds_count 100
            shop_db_query_duration_seconds_sum{query="search"} 1.0
            shop_db_query_duration_seconds_count{query="search"} 100
            http_request_duration_seconds_sum{route="/api"} 5
            http_request_duration_seconds_count{route="/api"} 100
            """);
        var later = Parse("""
            process_cpu_seconds_total 11.5
            process_resident_memory_bytes 2000
            dotnet_gc_pause_seconds_total 1.2
            dotnet_threadpool_queue_length 12
            shop_db_pool_size 8
            shop_db_pool_in_use 8
            shop_db_pool_waiting 5
            shop_db_pool_wait_seconds_sum 2
            shop_db_pool_wait_seconds_count 200
            shop_db_query_duration_seconds_sum{query="search"} 4.0
            shop_db_query_duration_seconds_count{query="search"} 200
            http_request_duration_seconds_sum{route="/api"} 50
            http_request_duration_seconds_count{route="/api"} 200
            """);

        var signals = ScrapeSignals.Between(earlier, later, 1.0, "http://127.0.0.1:8080/metrics", processors: 2).ToDictionary(s => s.Info.Key);

        Assert.Equal(0.75, signals["process_cpu"].Value, 6);           // 1.5 CPU-seconds in a second of 2 CPUs
        Assert.Equal(2000, signals["process_resident_memory_bytes"].Value);
        Assert.Equal(0.2, signals["gc_pause"].Value, 6);
        Assert.Equal(12, signals["dotnet_threadpool_queue_length"].Value);
        Assert.Equal(5, signals["shop_db_pool_waiting"].Value);
        Assert.Equal(1.0, signals["shop_db_pool_utilization"].Value);
        Assert.Equal(0.02, signals["shop_db_pool_wait_seconds_mean"].Value, 6);
        Assert.Equal(ResourceKind.ConnectionPool, signals["shop_db_pool_wait_seconds_mean"].Info.Kind);
        Assert.Equal(0.03, signals["shop_db_query_duration_seconds_mean{query=\"search\"}"].Value, 6);
        Assert.Equal(ResourceKind.Dependency, signals["shop_db_query_duration_seconds_mean{query=\"search\"}"].Info.Kind);
        // The service's own request duration is the latency being explained, not a dependency.
        Assert.DoesNotContain(signals.Keys, k => k.StartsWith("http_request", StringComparison.Ordinal));
    }

    [Fact]
    public void NodeExporterMetrics_GiveHostSignals_AndNotTheExportersOwnProcess()
    {
        var earlier = Parse("""
            node_cpu_seconds_total{cpu="0",mode="idle"} 100
            node_cpu_seconds_total{cpu="0",mode="user"} 50
            node_cpu_seconds_total{cpu="1",mode="idle"} 100
            node_cpu_seconds_total{cpu="1",mode="user"} 50
            node_memory_MemTotal_bytes 1000
            node_memory_MemAvailable_bytes 400
            node_disk_io_time_seconds_total{device="sda"} 10
            node_network_receive_bytes_total{device="eth0"} 0
            node_network_transmit_bytes_total{device="eth0"} 0
            node_network_speed_bytes{device="eth0"} 125000000
            node_network_receive_bytes_total{device="lo"} 0
            node_network_transmit_bytes_total{device="lo"} 0
            process_cpu_seconds_total 1
            go_gc_duration_seconds_sum 0
            """);
        var later = Parse("""
            node_cpu_seconds_total{cpu="0",mode="idle"} 100.1
            node_cpu_seconds_total{cpu="0",mode="user"} 50.9
            node_cpu_seconds_total{cpu="1",mode="idle"} 100.3
            node_cpu_seconds_total{cpu="1",mode="user"} 50.7
            node_memory_MemTotal_bytes 1000
            node_memory_MemAvailable_bytes 100
            node_disk_io_time_seconds_total{device="sda"} 10.5
            node_network_receive_bytes_total{device="eth0"} 100000000
            node_network_transmit_bytes_total{device="eth0"} 25000000
            node_network_speed_bytes{device="eth0"} 125000000
            node_network_receive_bytes_total{device="lo"} 5000
            node_network_transmit_bytes_total{device="lo"} 5000
            process_cpu_seconds_total 2
            go_gc_duration_seconds_sum 0.9
            """);

        var signals = ScrapeSignals.Between(earlier, later, 1.0, "http://127.0.0.1:9100/metrics", processors: 2).ToDictionary(s => s.Info.Key);

        Assert.Equal(0.8, signals["node_cpu_busy"].Value, 6);
        Assert.Equal(0.9, signals["node_memory_used"].Value, 6);
        Assert.Equal(0.5, signals["node_disk_busy{device=\"sda\"}"].Value, 6);
        Assert.Equal(0.8, signals["node_network_utilization{device=\"eth0\"}"].Value, 6);
        Assert.Equal(10000, signals["node_network_bytes{device=\"lo\"}"].Value);
        Assert.DoesNotContain("process_cpu", signals.Keys);
        Assert.DoesNotContain("gc_pause", signals.Keys);
    }

    [Fact]
    public void IdleKeepAliveConnectionsOfNginx_AreNotAPoolQueue()
    {
        var text = "nginx_connections_waiting 120\nhikaricp_connections_pending{pool=\"orders\"} 3\n";
        var signals = ScrapeSignals.Between(Parse(text), Parse(text), 1, "x", 2);
        Assert.Equal("hikaricp_connections_pending{pool=\"orders\"}", Assert.Single(signals).Info.Key);
    }

    [Fact]
    public void ACounterReset_IsNotANegativeRate()
    {
        var signals = ScrapeSignals.Between(Parse("process_cpu_seconds_total 100"), Parse("process_cpu_seconds_total 1"), 1, "x", 2);
        Assert.Equal(0, Assert.Single(signals).Value);
    }
}
