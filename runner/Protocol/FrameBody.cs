using System.Buffers.Binary;

namespace DurableObjects.Runner.Protocol;

/// <summary>
/// Frame bodies are a sequence of segments, each <c>[int32 LE length][bytes]</c>; a response body starts with one
/// <see cref="ResponseStatus"/> byte. Unpacking validates every length against the body it came from.
/// </summary>
internal static class FrameBody
{
    public static byte[] Pack(params ReadOnlySpan<ReadOnlyMemory<byte>> segments) => PackWithPrefix(-1, segments);

    public static byte[] PackResponse(ResponseStatus status, params ReadOnlySpan<ReadOnlyMemory<byte>> segments) =>
        PackWithPrefix((int)status, segments);

    public static IReadOnlyList<ReadOnlyMemory<byte>> Unpack(ReadOnlyMemory<byte> body)
    {
        var segments = new List<ReadOnlyMemory<byte>>();
        var offset = 0;
        while (offset < body.Length)
        {
            if (body.Length - offset < 4)
            {
                throw new InvalidDataException("Truncated segment length.");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(body.Span[offset..]);
            offset += 4;
            if (length < 0 || length > body.Length - offset)
            {
                throw new InvalidDataException($"Segment length {length} exceeds the frame body.");
            }

            segments.Add(body.Slice(offset, length));
            offset += length;
        }

        return segments;
    }

    public static (ResponseStatus Status, IReadOnlyList<ReadOnlyMemory<byte>> Segments) UnpackResponse(byte[] body)
    {
        if (body.Length == 0)
        {
            throw new InvalidDataException("Empty response body.");
        }

        return ((ResponseStatus)body[0], Unpack(body.AsMemory(1)));
    }

    private static byte[] PackWithPrefix(int prefix, ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        var size = prefix >= 0 ? 1 : 0;
        foreach (var segment in segments)
        {
            size += 4 + segment.Length;
        }

        var body = new byte[size];
        var offset = 0;
        if (prefix >= 0)
        {
            body[offset++] = (byte)prefix;
        }

        foreach (var segment in segments)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(offset), segment.Length);
            offset += 4;
            segment.Span.CopyTo(body.AsSpan(offset));
            offset += segment.Length;
        }

        return body;
    }
}
