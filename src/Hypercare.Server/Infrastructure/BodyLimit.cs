using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hypercare.Server.Infrastructure;

/// <summary>
/// Refuses request bodies above <see cref="ServerOptions.MaxRequestBodyBytes"/> with 413, whatever server hosts the
/// application: a declared length is refused before reading, and a body without one stops when it passes the limit.
/// </summary>
internal sealed class BodyLimit(RequestDelegate next, IOptions<ServerOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
            return ProblemMapping.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "too-large", $"the request body is larger than {limit} bytes", "send a smaller body", null);
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        else context.Request.Body = new LimitedStream(context.Request.Body, limit);
        return next(context);
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new BadHttpRequestException($"the request body is larger than {limit} bytes", StatusCodes.Status413PayloadTooLarge);
            return read;
        }
    }
}
