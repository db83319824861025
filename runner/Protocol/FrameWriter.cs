using System.Buffers.Binary;
using System.Threading.Channels;

namespace DurableObjects.Runner.Protocol;

/// <summary>
/// Writes frames from many concurrent callers through one loop, so frames never interleave and a burst of
/// answers is flushed with one system call instead of one per frame (this is what makes thousands of
/// invocations per second cheap).
/// </summary>
internal sealed class FrameWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Channel<Frame> _queue = Channel.CreateUnbounded<Frame>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Task _loop;

    public FrameWriter(Stream stream)
    {
        _stream = stream;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes when the write loop stops (end of stream or a write error).</summary>
    public Task Completion => _loop;

    /// <summary>Queues a frame; returns <c>false</c> when the writer has stopped.</summary>
    public bool TryWrite(Frame frame) => _queue.Writer.TryWrite(frame);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The peer went away; nothing left to flush.
        }
    }

    private async Task WriteLoopAsync()
    {
        var header = new byte[Frame.PrefixSize + Frame.HeaderSize];
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    BinaryPrimitives.WriteInt32LittleEndian(header, Frame.HeaderSize + frame.Body.Length);
                    header[Frame.PrefixSize] = (byte)frame.Kind;
                    BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(Frame.PrefixSize + 1), frame.Id);
                    await _stream.WriteAsync(header).ConfigureAwait(false);
                    if (frame.Body.Length > 0)
                    {
                        await _stream.WriteAsync(frame.Body).ConfigureAwait(false);
                    }
                }

                await _stream.FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }
}
