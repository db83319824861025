using DurableObjects.Orchestrations.Runs;

namespace DurableObjects.Orchestrations.IntegrationTests.Support;

/// <summary>
/// Holds the first run that completes the step named <paramref name="target"/> — after its work, before its record —
/// until <see cref="Release"/>; every other run passes. For tests that let another run overtake the held one.
/// </summary>
public sealed class HoldAtStep(string target) : IRunStepObserver
{
    private readonly TaskCompletionSource<string> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the held run's id once it is held.</summary>
    public Task<string> Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public Task StepCompletingAsync(string runId, string step, CancellationToken cancellationToken) =>
        step == target && (_reached.TrySetResult(runId) || _reached.Task.Result == runId) ? _released.Task : Task.CompletedTask;

    public Task StepJournaledAsync(string runId, string step, CancellationToken cancellationToken) => Task.CompletedTask;
}
