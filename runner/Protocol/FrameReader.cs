using System.Buffers.Binary;

namespace DurableObjects.Runner.Protocol;

/// <summary>
/// Reads frames from a stream. The peer is not trusted: a frame longer than <c>maxFrameBytes</c> or shorter than a
/// header is a protocol violation and throws <see cref="InvalidDataException"/> rather than allocating.
/// </summary>
internal sealed class FrameReader(Stream stream, int maxFrameBytes)
{
    private readonly byte[] _header = new byte[Frame.PrefixSize + Frame.HeaderSize];

    /// <summary>Reads the next frame, or returns <c>null</c> at a clean end of stream.</summary>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var read = await stream.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < _header.Length)
        {
            throw new EndOfStreamException("The stream ended inside a frame header.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_header);
        if (length < Frame.HeaderSize || length > maxFrameBytes)
        {
            throw new InvalidDataException($"Frame length {length} is outside 9..{maxFrameBytes}.");
        }

        var kind = (FrameKind)_header[Frame.PrefixSize];
        var id = BinaryPrimitives.ReadInt64LittleEndian(_header.AsSpan(Frame.PrefixSize + 1));
        var body = length == Frame.HeaderSize ? [] : new byte[length - Frame.HeaderSize];
        if (body.Length > 0)
        {
            await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        }

        return new Frame(kind, id, body);
    }
}
