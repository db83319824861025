namespace DurableObjects.Orchestrations.Runs;

/// <summary>The production observer: does nothing.</summary>
public sealed class NoRunStepObserver : IRunStepObserver
{
    public Task StepCompletingAsync(string runId, string step, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StepJournaledAsync(string runId, string step, CancellationToken cancellationToken) => Task.CompletedTask;
}
