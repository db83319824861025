using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableObjects.Testing;

/// <summary>
/// Holds one storage request of a host (registered as an <see cref="HttpPipelinePolicy"/> service, like
/// <see cref="StorageFaults"/>) until the test releases it: the writer stays paused between what it read and the write
/// it decided on, so another host's write lands in that window every time instead of by luck.
/// </summary>
public sealed class StorageHold : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private Func<HttpMessage, bool>? _match;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next request matching <paramref name="match"/> waits, before it is sent, until <see cref="Release"/>.</summary>
    public void HoldNext(Func<HttpMessage, bool> match)
    {
        lock (_gate)
        {
            _match = match;
            _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when the held request has arrived (and waits); fails after <paramref name="timeout"/>.</summary>
    public Task ReachedAsync(TimeSpan timeout)
    {
        lock (_gate)
        {
            return _reached.Task.WaitAsync(timeout);
        }
    }

    /// <summary>Lets the held request go on to storage.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _released.TrySetResult();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Task? wait = null;
        lock (_gate)
        {
            if (_match?.Invoke(message) == true)
            {
                _match = null;
                _reached.TrySetResult();
                wait = _released.Task;
            }
        }
        if (wait is not null)
        {
            await wait.WaitAsync(TimeSpan.FromMinutes(1));
        }
        await ProcessNextAsync(message, pipeline);
    }
}
