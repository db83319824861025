using DurableObjects.Orchestrations.Runs;

namespace DurableObjects.Orchestrations.IntegrationTests.Support;

/// <summary>
/// Holds a run at a step boundary — after the step is journaled, or (with <paramref name="beforeJournal"/>) after its
/// work but before its journal row — for good, like a crash there: the engine delivers the step again to the next host on the same storage.
/// </summary>
public sealed class StopAtStep(string target, bool beforeJournal = false) : IRunStepObserver
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public Task StepCompletingAsync(string runId, string step, CancellationToken cancellationToken) =>
        beforeJournal ? HoldAsync(step, cancellationToken) : Task.CompletedTask;

    public Task StepJournaledAsync(string runId, string step, CancellationToken cancellationToken) =>
        beforeJournal ? Task.CompletedTask : HoldAsync(step, cancellationToken);

    private async Task HoldAsync(string name, CancellationToken cancellationToken)
    {
        if (name == target)
        {
            _reached.TrySetResult();
            // Never returns, like a host that died here: the activity is neither completed nor failed.
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }
}
