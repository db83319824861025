using DurableTask.Core;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// Callers of a wrapper's fetch take turns: the sidecar has one fetch loop, but a restarted dispatcher could overlap a
/// stopping one, and a wrapper that keeps the provider's fetch outstanding across calls must hand it to exactly one.
/// </summary>
public sealed class FetchTurns : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Runs <paramref name="fetch"/> alone; a caller cancelled while it waits for its turn gets null.</summary>
    public async Task<TaskOrchestrationWorkItem> TakeAsync(Func<Task<TaskOrchestrationWorkItem>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        try
        {
            await _turn.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null!;
        }
        try
        {
            return await fetch();
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
