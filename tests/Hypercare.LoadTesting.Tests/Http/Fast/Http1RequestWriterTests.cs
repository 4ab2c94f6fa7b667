using System.Text;
using Hypercare.LoadTesting.Http.Fast;

namespace Hypercare.LoadTesting.Tests.Http.Fast;

public class Http1RequestWriterTests
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    private static string Serialize(string method, string path, string host, KeyValuePair<string, string>[] headers, string body = "") =>
        Encoding.Latin1.GetString(Http1RequestWriter.Serialize(method, path, host, headers, Encoding.UTF8.GetBytes(body)));

    private static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    [Fact]
    public void Serialize_get_without_body_writes_request_line_and_host_without_content_length()
    {
        var request = Serialize("GET", "/items?page=2", "shop.test:8080", NoHeaders);

        Assert.Equal("GET /items?page=2 HTTP/1.1\r\nHost: shop.test:8080\r\n\r\n", request);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public void Serialize_method_that_expects_a_body_with_empty_body_writes_content_length_zero(string method)
    {
        var request = Serialize(method, "/", "h", NoHeaders);

        Assert.Equal($"{method} / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", request);
    }

    [Fact]
    public void Serialize_body_writes_content_length_in_utf8_bytes_and_the_body_last()
    {
        var bytes = Http1RequestWriter.Serialize("POST", "/orders", "h", NoHeaders, Encoding.UTF8.GetBytes("{\"name\":\"Zoë\"}"));

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal("POST /orders HTTP/1.1\r\nHost: h\r\nContent-Length: 15\r\n\r\n{\"name\":\"Zoë\"}", text);
    }

    [Fact]
    public void Serialize_user_headers_keep_their_order_after_host()
    {
        var request = Serialize("GET", "/", "h", [Header("Accept", "*/*"), Header("X-B", "2"), Header("X-A", "1")]);

        Assert.Equal("GET / HTTP/1.1\r\nHost: h\r\nAccept: */*\r\nX-B: 2\r\nX-A: 1\r\n\r\n", request);
    }

    [Fact]
    public void Serialize_user_host_header_wins_and_is_written_once()
    {
        var request = Serialize("GET", "/", "127.0.0.1:5000", [Header("Accept", "*/*"), Header("host", "shop.test")]);

        Assert.Equal("GET / HTTP/1.1\r\nHost: shop.test\r\nAccept: */*\r\n\r\n", request);
    }

    [Fact]
    public void Serialize_user_content_length_is_replaced_by_the_computed_one()
    {
        var request = Serialize("POST", "/", "h", [Header("content-length", "999"), Header("Content-Type", "text/plain")], "hello");

        Assert.Equal("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello", request);
    }

    [Fact]
    public void Serialize_get_with_body_writes_content_length()
    {
        var request = Serialize("GET", "/search", "h", NoHeaders, "q");

        Assert.Contains("\r\nContent-Length: 1\r\n\r\nq", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_latin1_header_value_is_written_as_one_byte_per_character()
    {
        var bytes = Http1RequestWriter.Serialize("GET", "/", "h", [Header("X-Name", "café")], []);

        Assert.Contains((byte)0xE9, bytes);
        Assert.Equal("GET / HTTP/1.1\r\nHost: h\r\nX-Name: café\r\n\r\n".Length, bytes.Length);
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("ok\r\nInjected: yes")]
    public void Serialize_cr_or_lf_in_header_value_throws_naming_the_header(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => Http1RequestWriter.Serialize("GET", "/", "h", [Header("X-Tenant", value)], []));

        Assert.Contains("X-Tenant", e.Message, StringComparison.Ordinal);
        Assert.Contains("CR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_cr_or_lf_in_header_name_throws_naming_the_header()
    {
        var e = Assert.Throws<ArgumentException>(() => Http1RequestWriter.Serialize("GET", "/", "h", [Header("X-Bad\r\nName", "v")], []));

        Assert.Contains("X-Bad\\r\\nName", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_line_break_in_host_argument_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Http1RequestWriter.Serialize("GET", "/", "h\r\nX: y", NoHeaders, []));

        Assert.Contains("Host", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_character_outside_latin1_in_header_value_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Http1RequestWriter.Serialize("GET", "/", "h", [Header("X-Emoji", "☃")], []));

        Assert.Contains("X-Emoji", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a b")]
    [InlineData("/a\r\nX: y")]
    [InlineData("")]
    public void Serialize_target_with_whitespace_or_empty_throws(string target)
    {
        Assert.Throws<ArgumentException>(() => Http1RequestWriter.Serialize("GET", target, "h", NoHeaders, []));
    }

    [Fact]
    public void Serialize_transfer_encoding_header_throws_because_bodies_use_content_length()
    {
        var e = Assert.Throws<ArgumentException>(() => Http1RequestWriter.Serialize("POST", "/", "h", [Header("Transfer-Encoding", "chunked")], []));

        Assert.Contains("Transfer-Encoding", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_host_given_twice_throws()
    {
        Assert.Throws<ArgumentException>(() => Http1RequestWriter.Serialize("GET", "/", "h", [Header("Host", "a"), Header("HOST", "b")], []));
    }
}
