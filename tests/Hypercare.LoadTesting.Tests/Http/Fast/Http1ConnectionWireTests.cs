using System.Text;
using Hypercare.LoadTesting.Http;
using Hypercare.LoadTesting.Http.Fast;

namespace Hypercare.LoadTesting.Tests.Http.Fast;

/// <summary>Responses written byte for byte by a scripted server, for framing a real server rarely shows.</summary>
public class Http1ConnectionWireTests
{
    private static readonly byte[] Request = Http1RequestWriter.Serialize("GET", "/", "127.0.0.1", [], []);

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private static async Task<Http1Response> ExchangeAsync(string response, ResponseCapture capture = ResponseCapture.Body | ResponseCapture.Headers, bool isHead = false)
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync(response);
            peer.Close();
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);
        var result = await connection.SendAsync(Request, capture, isHead, Timeout);
        await server.Completion;
        return result;
    }

    private static async Task<Http1Exception> FailureAsync(Func<ScriptedPeer, Task> script)
    {
        await using var server = ScriptedServer.Start(script);
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);
        var e = await Assert.ThrowsAsync<Http1Exception>(async () => await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout));
        Assert.False(connection.IsReusable);
        return e;
    }

    private static Task<Http1Exception> FailureAsync(string response) => FailureAsync(async peer =>
    {
        await peer.ReadRequestAsync();
        await peer.WriteAsync(response);
        peer.Close();
    });

    private const string ChunkedWithExtensionsAndTrailers =
        "HTTP/1.1 200 OK\r\n"
        + "Transfer-Encoding: chunked\r\n"
        + "X-Order: 1\r\n"
        + "\r\n"
        + "5;name=value\r\nHello\r\n"
        + "1 ; quoted=\"a;b\"\r\n,\r\n"
        + "A\r\n wide worl\r\n"
        + "1\r\nd\r\n"
        + "0;last\r\n"
        + "X-Checksum: 1234\r\n"
        + "X-Other: yes\r\n"
        + "\r\n";

    [Fact]
    public async Task SendAsync_chunked_body_with_extensions_and_trailers_is_decoded()
    {
        var response = await ExchangeAsync(ChunkedWithExtensionsAndTrailers);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Hello, wide world", Encoding.ASCII.GetString(response.Body!));
        Assert.Equal(17, response.BodyLength);
        Assert.Equal(Encoding.ASCII.GetByteCount(ChunkedWithExtensionsAndTrailers), response.BytesReceived);
        Assert.False(response.ConnectionClosing);
        Assert.Equal([new("Transfer-Encoding", "chunked"), new("X-Order", "1")], response.Headers);
    }

    [Fact]
    public async Task SendAsync_response_split_into_one_byte_writes_is_read_whole()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteByteByByteAsync("HTTP/1.1 100 Continue\r\n\r\n" + ChunkedWithExtensionsAndTrailers);
            await peer.ReadRequestAsync();
            await peer.WriteByteByByteAsync("HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone");
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);

        var first = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);
        var second = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);

        Assert.Equal("Hello, wide world", Encoding.ASCII.GetString(first.Body!));
        Assert.Equal(201, second.StatusCode);
        Assert.Equal("done", Encoding.ASCII.GetString(second.Body!));
        await server.Completion;
    }

    [Fact]
    public async Task SendAsync_interim_continue_response_is_skipped_and_the_final_response_read()
    {
        var response = await ExchangeAsync(
            "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
            + "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok", Encoding.ASCII.GetString(response.Body!));
        Assert.Equal([new("Content-Length", "2")], response.Headers);
    }

    [Fact]
    public async Task SendAsync_http10_response_without_length_is_read_until_close()
    {
        var response = await ExchangeAsync("HTTP/1.0 200 OK\r\nServer: old\r\n\r\nall of this until the end");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("all of this until the end", Encoding.ASCII.GetString(response.Body!));
        Assert.True(response.ConnectionClosing);
    }

    [Fact]
    public async Task SendAsync_http10_response_with_length_and_no_keep_alive_is_closing()
    {
        var response = await ExchangeAsync("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc");

        Assert.Equal(3, response.BodyLength);
        Assert.True(response.ConnectionClosing);
    }

    [Fact]
    public async Task SendAsync_http10_response_with_keep_alive_keeps_the_connection()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 3\r\n\r\nabc");
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nd");
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);

        var first = await connection.SendAsync(Request, ResponseCapture.None, isHead: false, Timeout);
        var second = await connection.SendAsync(Request, ResponseCapture.None, isHead: false, Timeout);

        Assert.False(first.ConnectionClosing);
        Assert.Equal(1, second.BodyLength);
        Assert.True(connection.IsReusable);
        await server.Completion;
    }

    [Fact]
    public async Task SendAsync_connection_close_header_makes_the_connection_not_reusable()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: upgrade, CLOSE\r\n\r\nbusy");
            peer.Close();
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);

        var response = await connection.SendAsync(Request, ResponseCapture.None, isHead: false, Timeout);

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(4, response.BodyLength);
        Assert.True(response.ConnectionClosing);
        Assert.False(connection.IsReusable);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await connection.SendAsync(Request, ResponseCapture.None, isHead: false, Timeout));
        await server.Completion;
    }

    [Fact]
    public async Task SendAsync_no_content_and_not_modified_responses_have_no_body_even_when_a_length_is_sent()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            // The next response follows at once: reading a body here would swallow it.
            await peer.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n");
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);

        var noContent = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);
        var notModified = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);
        var ok = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);

        Assert.Equal((204, 0L), (noContent.StatusCode, noContent.BodyLength));
        Assert.Empty(noContent.Body!);
        Assert.Equal((304, 0L), (notModified.StatusCode, notModified.BodyLength));
        Assert.Equal("x", Encoding.ASCII.GetString(ok.Body!));
        await server.Completion;
    }

    [Fact]
    public async Task SendAsync_head_response_with_content_length_has_no_body()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);

        var withLength = await connection.SendAsync(Request, ResponseCapture.None, isHead: true, Timeout);
        var chunked = await connection.SendAsync(Request, ResponseCapture.None, isHead: true, Timeout);
        var get = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);

        Assert.Equal(0, withLength.BodyLength);
        Assert.Equal(0, chunked.BodyLength);
        Assert.Equal("hi", Encoding.ASCII.GetString(get.Body!));
        await server.Completion;
    }

    [Fact]
    public async Task SendAsync_two_responses_in_one_segment_are_read_by_consecutive_requests()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 202 Accepted\r\ncontent-length: 1\r\n\r\nb");
            await peer.ReadRequestAsync();
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);

        var first = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);
        var second = await connection.SendAsync(Request, ResponseCapture.Body, isHead: false, Timeout);

        Assert.Equal("a", Encoding.ASCII.GetString(first.Body!));
        Assert.Equal(202, second.StatusCode);
        Assert.Equal("b", Encoding.ASCII.GetString(second.Body!));
        await server.Completion;
    }

    [Fact]
    public async Task SendAsync_header_names_are_matched_case_insensitively_and_lf_only_lines_are_accepted()
    {
        var response = await ExchangeAsync("HTTP/1.1 200\nCONTENT-LENGTH:   3  \nx-any:v\n\nabc");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("abc", Encoding.ASCII.GetString(response.Body!));
        Assert.Equal([new("CONTENT-LENGTH", "3"), new("x-any", "v")], response.Headers);
    }

    [Fact]
    public async Task SendAsync_uncaptured_body_is_counted_not_copied()
    {
        var response = await ExchangeAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", ResponseCapture.None);

        Assert.Equal(5, response.BodyLength);
        Assert.Null(response.Body);
        Assert.Null(response.Headers);
    }

    [Theory]
    [InlineData("HTTP/1.1 OK\r\n\r\n", "malformed status line 'HTTP/1.1 OK'")]
    [InlineData("HTTP/2 200 OK\r\n\r\n", "malformed status line 'HTTP/2 200 OK'")]
    [InlineData("<html>hello</html>\r\n\r\n", "malformed status line '<html>hello</html>'")]
    [InlineData("HTTP/1.1 20x OK\r\n\r\n", "malformed status line")]
    [InlineData("HTTP/1.1 200OK\r\n\r\n", "malformed status line")]
    public async Task SendAsync_malformed_status_line_fails_with_protocol_error_quoting_it(string response, string expected)
    {
        var e = await FailureAsync(response);

        Assert.Equal(TransportError.Protocol, e.Error);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_garbage_without_line_end_fails_at_once_instead_of_waiting()
    {
        var e = await FailureAsync(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync("SSH-2.0-OpenSSH");
            // Keep the connection open: the client must not wait for more.
            await peer.WaitForClientCloseAsync();
        });

        Assert.Equal(TransportError.Protocol, e.Error);
        Assert.Contains("malformed status line 'SSH-2.0-OpenSSH'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", "invalid chunk size 'zz'")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "invalid chunk size ''")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5x\r\nhello\r\n0\r\n\r\n", "invalid chunk size '5x'")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", "chunk data is not followed by CRLF")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", "is too large")]
    public async Task SendAsync_bad_chunk_framing_fails_with_protocol_error_saying_what_is_wrong(string response, string expected)
    {
        var e = await FailureAsync(response);

        Assert.Equal(TransportError.Protocol, e.Error);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", "invalid Content-Length 'abc'")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length '-1'")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "conflicting Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "malformed header line 'No colon here'")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Name: v\r\n\r\n", "whitespace in header name 'Bad Name'")]
    [InlineData("HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n", "obsolete line folding")]
    public async Task SendAsync_malformed_header_fails_with_protocol_error_saying_what_is_wrong(string response, string expected)
    {
        var e = await FailureAsync(response);

        Assert.Equal(TransportError.Protocol, e.Error);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_header_section_over_64_kilobytes_fails_with_protocol_error()
    {
        var e = await FailureAsync(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 200 OK\r\n");
            for (var i = 0; i < 70; i++)
            {
                await peer.WriteAsync($"X-Filler-{i}: {new string('f', 1000)}\r\n");
            }
            await peer.WaitForClientCloseAsync();
        });

        Assert.Equal(TransportError.Protocol, e.Error);
        Assert.Contains("header section exceeds 65536 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_reset_in_the_middle_of_the_body_fails_with_reset_error()
    {
        var e = await FailureAsync(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part");
            await Task.Delay(100);
            peer.Reset();
        });

        Assert.Equal(TransportError.Reset, e.Error);
    }

    [Fact]
    public async Task SendAsync_close_in_the_middle_of_a_chunked_body_fails_with_reset_error()
    {
        var e = await FailureAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort");

        Assert.Equal(TransportError.Reset, e.Error);
        Assert.Contains("middle of the response", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_close_before_any_response_byte_fails_with_reset_error()
    {
        var e = await FailureAsync(async peer =>
        {
            await peer.ReadRequestAsync();
            peer.Close();
        });

        Assert.Equal(TransportError.Reset, e.Error);
        Assert.Contains("before the response started", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_cancelled_token_throws_operation_canceled_and_the_connection_is_not_reusable()
    {
        var requestRead = new TaskCompletionSource();
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            requestRead.SetResult();
            await peer.WaitForClientCloseAsync();
        });
        await using var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);
        using var cancellation = new CancellationTokenSource();

        var exchange = connection.SendAsync(Request, ResponseCapture.None, isHead: false, cancellation.Token).AsTask();
        await requestRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exchange);
        Assert.False(connection.IsReusable);
    }

    [Fact]
    public async Task SendAsync_connection_disposed_during_the_exchange_throws_object_disposed()
    {
        var requestRead = new TaskCompletionSource();
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            requestRead.SetResult();
            await peer.WaitForClientCloseAsync();
        });
        var connection = await Http1Connection.ConnectAsync(server.EndPoint, Timeout);

        var exchange = connection.SendAsync(Request, ResponseCapture.None, isHead: false, CancellationToken.None).AsTask();
        await requestRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await connection.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => exchange.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(connection.IsReusable);
    }
}
