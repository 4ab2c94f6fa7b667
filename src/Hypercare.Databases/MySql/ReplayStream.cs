using System.IO.Compression;

namespace Hypercare.Databases.MySql;

/// <summary>A read-only stream that gives back bytes already read (to sniff the gzip magic) before the rest of its source.</summary>
internal sealed class ReplayStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    /// <summary>
    /// The log as text bytes, whatever its name says: gzip is recognised by its first two bytes and decompressed. The
    /// caller's stream stays open when the result is disposed.
    /// </summary>
    public static Stream Decompressed(Stream source, out bool compressed)
    {
        var first = new byte[2];
        var read = 0;
        while (read < 2 && source.Read(first, read, 2 - read) is var n and > 0) read += n;
        var replay = new ReplayStream(first.AsMemory(0, read), source);
        compressed = read == 2 && first[0] == 0x1f && first[1] == 0x8b;
        return compressed ? new GZipStream(replay, CompressionMode.Decompress) : replay;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty) return rest.Read(buffer);
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
