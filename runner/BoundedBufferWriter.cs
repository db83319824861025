using System.Buffers;

namespace DurableObjects.Runner;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that refuses to grow past a limit, so serializing a huge result fails early
/// with <see cref="ResultTooLargeException"/> instead of building the whole thing first.
/// </summary>
internal sealed class BoundedBufferWriter(int maxBytes) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[256];
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        _written += count;
        if (_written > maxBytes)
        {
            throw new ResultTooLargeException(maxBytes);
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

    private byte[] Ensure(int sizeHint)
    {
        // The JSON writer asks for worst-case room (escaping can grow text six-fold), so the limit is enforced on
        // what was actually written (Advance), not on the hint.
        // A hint above six bytes per allowed byte can only come from text longer than the limit itself.
        if (sizeHint > 6L * maxBytes + 65536)
        {
            throw new ResultTooLargeException(maxBytes);
        }

        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, Math.Min(_buffer.Length * 2, maxBytes + 1)));
        }

        return _buffer;
    }
}
