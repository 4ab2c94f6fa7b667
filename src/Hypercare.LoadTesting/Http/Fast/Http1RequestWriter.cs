using System.Globalization;
using System.Text;

namespace Hypercare.LoadTesting.Http.Fast;

/// <summary>
/// Serializes an HTTP/1.1 request once, so that a load test sends the same bytes on every
/// iteration instead of formatting headers per request.
/// </summary>
internal static class Http1RequestWriter
{
    private static ReadOnlySpan<byte> Version => " HTTP/1.1\r\n"u8;
    private static ReadOnlySpan<byte> HostPrefix => "Host: "u8;
    private static ReadOnlySpan<byte> ContentLengthPrefix => "Content-Length: "u8;
    private static ReadOnlySpan<byte> NameSeparator => ": "u8;
    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    /// <summary>
    /// Serializes a request. <c>Host</c> comes first (a user-supplied Host wins over
    /// <paramref name="hostHeader"/>); <c>Content-Length</c> is always computed from the body and is
    /// written when there is a body or the method expects one (POST, PUT, PATCH). Header text is
    /// written as Latin-1; the body is copied as given.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A header name or value contains CR, LF or NUL, a character outside Latin-1, the method or
    /// target is malformed, Host is given twice, or Transfer-Encoding is given (the body is always
    /// framed by Content-Length).
    /// </exception>
    public static byte[] Serialize(
        string method,
        string pathAndQuery,
        string hostHeader,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(hostHeader);
        ArgumentNullException.ThrowIfNull(headers);

        ValidateMethod(method);
        ValidateTarget(pathAndQuery);

        var host = hostHeader;
        var userHostIndex = -1;
        var length = method.Length + 1 + pathAndQuery.Length + Version.Length;
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers[i];
            ValidateHeader(name, value);
            if (IsNamed(name, "Host"))
            {
                if (userHostIndex >= 0)
                {
                    throw new ArgumentException("Header 'Host' is given more than once.", nameof(headers));
                }
                userHostIndex = i;
                host = value;
            }
            else if (IsNamed(name, "Transfer-Encoding"))
            {
                throw new ArgumentException(
                    "Header 'Transfer-Encoding' is not supported: the body is always sent with Content-Length.",
                    nameof(headers));
            }
            else if (!IsNamed(name, "Content-Length"))
            {
                length += name.Length + NameSeparator.Length + value.Length + LineEnd.Length;
            }
        }
        if (userHostIndex < 0)
        {
            ValidateHeader("Host", hostHeader, nameof(hostHeader));
        }
        length += HostPrefix.Length + host.Length + LineEnd.Length;

        var writeContentLength = body.Length > 0 || ExpectsBody(method);
        var contentLengthDigits = body.Length.ToString(CultureInfo.InvariantCulture);
        if (writeContentLength)
        {
            length += ContentLengthPrefix.Length + contentLengthDigits.Length + LineEnd.Length;
        }
        length += LineEnd.Length + body.Length;

        var request = new byte[length];
        var writer = new SpanWriter(request);
        writer.WriteLatin1(method);
        writer.Write(" "u8);
        writer.WriteLatin1(pathAndQuery);
        writer.Write(Version);
        writer.Write(HostPrefix);
        writer.WriteLatin1(host);
        writer.Write(LineEnd);
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers[i];
            if (IsNamed(name, "Host") || IsNamed(name, "Content-Length"))
            {
                continue;
            }
            writer.WriteLatin1(name);
            writer.Write(NameSeparator);
            writer.WriteLatin1(value);
            writer.Write(LineEnd);
        }
        if (writeContentLength)
        {
            writer.Write(ContentLengthPrefix);
            writer.WriteLatin1(contentLengthDigits);
            writer.Write(LineEnd);
        }
        writer.Write(LineEnd);
        writer.Write(body);
        return request;
    }

    private static bool ExpectsBody(string method) =>
        method.Equals("POST", StringComparison.OrdinalIgnoreCase)
        || method.Equals("PUT", StringComparison.OrdinalIgnoreCase)
        || method.Equals("PATCH", StringComparison.OrdinalIgnoreCase);

    private static bool IsNamed(string name, string expected) =>
        name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static void ValidateMethod(string method)
    {
        if (method.Length == 0)
        {
            throw new ArgumentException("The method is empty.", nameof(method));
        }
        foreach (var c in method)
        {
            if (c <= ' ' || c >= 0x7F || c == ':')
            {
                throw new ArgumentException($"The method '{Printable(method)}' contains a character that is not allowed in a token.", nameof(method));
            }
        }
    }

    private static void ValidateTarget(string pathAndQuery)
    {
        if (pathAndQuery.Length == 0)
        {
            throw new ArgumentException("The request target is empty; use \"/\" for the root.", nameof(pathAndQuery));
        }
        foreach (var c in pathAndQuery)
        {
            // A space or line break would end the request line early and let the rest be read as headers.
            if (c <= ' ' || c == 0x7F || c > 0xFF)
            {
                throw new ArgumentException($"The request target '{Printable(pathAndQuery)}' contains whitespace, a control character or a character outside Latin-1.", nameof(pathAndQuery));
            }
        }
    }

    private static void ValidateHeader(string name, string value, string parameterName = "headers")
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (name.Length == 0)
        {
            throw new ArgumentException("A header has an empty name.", parameterName);
        }
        foreach (var c in name)
        {
            if (c is '\r' or '\n')
            {
                throw new ArgumentException($"Header name '{Printable(name)}' contains CR or LF.", parameterName);
            }
            if (c <= ' ' || c >= 0x7F || c == ':')
            {
                throw new ArgumentException($"Header name '{Printable(name)}' contains whitespace, ':' or a character that is not allowed in a token.", parameterName);
            }
        }
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\0')
            {
                throw new ArgumentException($"The value of header '{name}' contains CR, LF or NUL.", parameterName);
            }
            if (c > 0xFF)
            {
                throw new ArgumentException($"The value of header '{name}' contains a character outside Latin-1.", parameterName);
            }
        }
    }

    private static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case < ' ': builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    private ref struct SpanWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        private int _position;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_destination[_position..]);
            _position += bytes.Length;
        }

        public void WriteLatin1(string text)
        {
            // Validation has already ensured every character fits in one byte.
            _position += Encoding.Latin1.GetBytes(text, _destination[_position..]);
        }
    }
}
