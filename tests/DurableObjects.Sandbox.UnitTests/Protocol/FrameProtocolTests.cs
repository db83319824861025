using System.Buffers.Binary;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Sandbox.UnitTests.Protocol;

public class FrameProtocolTests
{
    [Fact]
    public async Task WriteThenRead_SeveralFrames_RoundTripInOrder()
    {
        using var stream = new MemoryStream();
        await using (var writer = new FrameWriter(stream))
        {
            Assert.True(writer.TryWrite(new Frame(FrameKind.Invoke, 7, FrameBody.Pack("Add"u8.ToArray(), "{}"u8.ToArray()))));
            Assert.True(writer.TryWrite(new Frame(FrameKind.Ping, 8, [])));
        }

        stream.Position = 0;
        var reader = new FrameReader(stream, 1024);
        var first = await reader.ReadAsync();
        var second = await reader.ReadAsync();
        var end = await reader.ReadAsync();

        Assert.Equal((FrameKind.Invoke, 7L), (first!.Value.Kind, first.Value.Id));
        Assert.Equal("Add"u8.ToArray(), FrameBody.Unpack(first.Value.Body)[0].ToArray());
        Assert.Equal((FrameKind.Ping, 8L), (second!.Value.Kind, second.Value.Id));
        Assert.Null(end);
    }

    [Fact]
    public async Task ReadAsync_FrameLongerThanLimit_ThrowsWithoutAllocating()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32LittleEndian(header, int.MaxValue);
        var reader = new FrameReader(new MemoryStream(header), 1024);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_StreamEndsInsideHeader_ThrowsEndOfStream()
    {
        var reader = new FrameReader(new MemoryStream([1, 2, 3]), 1024);

        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public void Unpack_SegmentLengthBeyondBody_Throws()
    {
        var body = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(body, 100);

        Assert.Throws<InvalidDataException>(() => FrameBody.Unpack(body));
    }

    [Fact]
    public void PackResponse_ThenUnpack_KeepsStatusAndSegments()
    {
        var body = FrameBody.PackResponse(ResponseStatus.ObjectThrew, "{}"u8.ToArray(), "out"u8.ToArray());

        var (status, segments) = FrameBody.UnpackResponse(body);

        Assert.Equal(ResponseStatus.ObjectThrew, status);
        Assert.Equal(2, segments.Count);
        Assert.Equal("out"u8.ToArray(), segments[1].ToArray());
    }
}
