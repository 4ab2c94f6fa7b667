using System.Runtime.CompilerServices;

namespace Hypercare.Databases.MySql;

/// <summary>
/// Lines of a stream as byte spans over one reusable buffer: no string per line, no whole-file read. A line
/// longer than the cap is returned cut at the cap with <see cref="Cut"/> set; the rest of it is discarded.
/// </summary>
internal sealed class LineSource(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _discarding;
    private long _nextOffset;

    /// <summary>Offset of the current line's first byte in the stream.</summary>
    public long Offset { get; private set; }

    /// <summary>1-based number of the current line.</summary>
    public long Number { get; private set; }

    /// <summary>Why the stream ended early (damaged gzip data), or null.</summary>
    public string? Damage { get; private set; }

    /// <summary>Bytes consumed so far.</summary>
    public long Consumed => _nextOffset;

    /// <summary>Whether the current line was longer than the cap and cut.</summary>
    public bool Cut { get; private set; }

    /// <summary>The next line without its line break; false at the end of the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out ReadOnlySpan<byte> line)
    {
        Cut = false;
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                if (_discarding)
                {
                    // The end of a line already returned cut: consumed, not a line of its own.
                    Skip(length + 1);
                    _discarding = false;
                    scanned = 0;
                    continue;
                }
                line = Trim(_buffer.AsSpan(_start, length));
                Begin(length + 1);
                return true;
            }
            scanned = _end - _start;
            if (_eof)
            {
                if (scanned == 0 || _discarding) { Skip(scanned); line = default; return false; }
                line = Trim(_buffer.AsSpan(_start, scanned));
                Begin(scanned);
                return true;
            }
            if (scanned >= maxLineBytes)
            {
                if (_discarding) { Skip(scanned); scanned = 0; continue; }
                line = _buffer.AsSpan(_start, scanned);
                Begin(scanned);
                _discarding = true;
                Cut = true;
                return true;
            }
            Fill();
        }
    }

    private void Skip(int consumed)
    {
        _nextOffset += consumed;
        _start += consumed;
    }

    private void Begin(int consumed)
    {
        Offset = _nextOffset;
        Number++;
        Skip(consumed);
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, (long)maxLineBytes + 1));
        int read;
        try
        {
            read = stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            // Damaged compressed data: what was read stands, the rest cannot be.
            Damage = e.Message;
            read = 0;
        }
        if (read == 0) _eof = true;
        _end += read;
    }
}
