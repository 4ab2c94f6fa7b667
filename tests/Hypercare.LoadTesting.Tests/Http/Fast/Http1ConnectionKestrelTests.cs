using System.Net;
using System.Net.Sockets;
using System.Text;
using Hypercare.LoadTesting.Http;
using Hypercare.LoadTesting.Http.Fast;

namespace Hypercare.LoadTesting.Tests.Http.Fast;

public class Http1ConnectionKestrelTests(KestrelTarget target) : IClassFixture<KestrelTarget>
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private byte[] Get(string pathAndQuery, params KeyValuePair<string, string>[] headers) =>
        Http1RequestWriter.Serialize("GET", pathAndQuery, $"127.0.0.1:{target.EndPoint.Port}", headers, []);

    [Fact]
    public async Task SendAsync_many_sequential_requests_on_one_connection_read_every_status_and_body_length()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);
        var sizes = new[] { 0, 1, 100, 4096, 16 * 1024, 40_000, 7 };
        var requests = sizes.Select(size => Get($"/fixed?size={size}&tag=sequential")).ToArray();
        var notFound = Get("/missing?tag=sequential");

        for (var i = 0; i < 300; i++)
        {
            var response = await connection.SendAsync(requests[i % sizes.Length], ResponseCapture.None, isHead: false, Timeout);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(sizes[i % sizes.Length], response.BodyLength);
            Assert.False(response.ConnectionClosing);
            Assert.Null(response.Headers);
            Assert.Null(response.Body);
            Assert.True(response.BytesReceived > response.BodyLength);
        }
        var missing = await connection.SendAsync(notFound, ResponseCapture.None, isHead: false, Timeout);

        Assert.Equal(404, missing.StatusCode);
        Assert.True(connection.IsReusable);
    }

    [Fact]
    public async Task SendAsync_chunked_responses_on_one_connection_read_every_body_whole()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);
        var request = Get("/streamed?size=25500");

        for (var i = 0; i < 20; i++)
        {
            var response = await connection.SendAsync(request, ResponseCapture.Body, isHead: false, Timeout);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(25_500, response.BodyLength);
            Assert.Equal(KestrelTarget.Pattern(25_500), response.Body);
        }
    }

    [Fact]
    public async Task SendAsync_captured_body_equals_the_body_that_was_sent()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"sku\":\"Zoë-42\"},", 5000)));
        var request = Http1RequestWriter.Serialize("POST", "/echo", "127.0.0.1", [new("Content-Type", "application/json")], body);

        var response = await connection.SendAsync(request, ResponseCapture.Body | ResponseCapture.Headers, isHead: false, Timeout);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(body, response.Body);
        Assert.Equal(body.Length, response.BodyLength);
        Assert.Contains(response.Headers!, h => h.Key == "Content-Type" && h.Value == "application/json");
    }

    [Fact]
    public async Task SendAsync_captured_headers_include_what_the_server_set()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);
        var request = Get("/headers?size=10", new KeyValuePair<string, string>(KestrelTarget.TraceHeader, "trace-7f3a"));

        var response = await connection.SendAsync(request, ResponseCapture.Headers, isHead: false, Timeout);

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Body);
        Assert.Equal(2, response.BodyLength);
        Assert.Contains(response.Headers!, h => h.Key == KestrelTarget.TraceHeader && h.Value == "trace-7f3a");
        Assert.Contains(response.Headers!, h => h.Key == "X-Large" && h.Value == "hhhhhhhhhh");
        Assert.Contains(response.Headers!, h => h.Key == "Content-Length" && h.Value == "2");
    }

    [Fact]
    public async Task SendAsync_header_section_larger_than_the_initial_buffer_is_read_and_the_connection_stays_usable()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);
        var large = Get("/headers?size=40000");

        var response = await connection.SendAsync(large, ResponseCapture.Headers, isHead: false, Timeout);
        var next = await connection.SendAsync(Get("/fixed?size=3"), ResponseCapture.Body, isHead: false, Timeout);

        Assert.Equal(40_000, response.Headers!.Single(h => h.Key == "X-Large").Value.Length);
        Assert.Equal("abc"u8.ToArray(), next.Body);
    }

    [Fact]
    public async Task SendAsync_head_request_reads_no_body_and_the_next_request_succeeds()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);
        var head = Http1RequestWriter.Serialize("HEAD", "/fixed?size=500", "127.0.0.1", NoHeaders, []);

        var response = await connection.SendAsync(head, ResponseCapture.Body, isHead: true, Timeout);
        var next = await connection.SendAsync(Get("/fixed?size=5"), ResponseCapture.None, isHead: false, Timeout);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(0, response.BodyLength);
        Assert.Empty(response.Body!);
        Assert.Equal(5, next.BodyLength);
    }

    [Fact]
    public async Task SendAsync_no_content_response_reads_no_body()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);

        var response = await connection.SendAsync(Get("/no-content"), ResponseCapture.None, isHead: false, Timeout);
        var next = await connection.SendAsync(Get("/fixed?size=9"), ResponseCapture.None, isHead: false, Timeout);

        Assert.Equal(204, response.StatusCode);
        Assert.Equal(9, next.BodyLength);
    }

    [Fact]
    public async Task SendAsync_requests_on_one_connection_reach_the_server_on_one_connection()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);
        var request = Get("/fixed?size=1");
        lock (target.ConnectionIds)
        {
            target.ConnectionIds.Clear();
        }

        for (var i = 0; i < 50; i++)
        {
            await connection.SendAsync(request, ResponseCapture.None, isHead: false, Timeout);
        }

        lock (target.ConnectionIds)
        {
            // xunit runs the tests of one class one after another, so no other test adds a connection meanwhile.
            Assert.Single(target.ConnectionIds);
        }
    }

    [Fact]
    public async Task ConnectAsync_port_with_no_listener_fails_with_connect_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = await Assert.ThrowsAsync<Http1Exception>(async () =>
            await Http1Connection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, closedPort), Timeout));

        Assert.Equal(TransportError.Connect, e.Error);
        Assert.Contains(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_listening_loopback_port_gives_a_reusable_connection()
    {
        await using var connection = await Http1Connection.ConnectAsync(target.EndPoint, Timeout);

        Assert.True(connection.IsReusable);
        Assert.Equal(target.EndPoint, connection.RemoteEndPoint);
    }
}
