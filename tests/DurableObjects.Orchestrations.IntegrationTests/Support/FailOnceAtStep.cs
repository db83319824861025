using DurableObjects.Orchestrations.Runs;

namespace DurableObjects.Orchestrations.IntegrationTests.Support;

/// <summary>
/// Fails a run's step once, after its work and before its record (like a storage error there): the first time the
/// step named <paramref name="target"/> completes, it throws; later deliveries pass.
/// </summary>
public sealed class FailOnceAtStep(string target) : IRunStepObserver
{
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    public Task StepCompletingAsync(string runId, string step, CancellationToken cancellationToken) =>
        step == target && Interlocked.CompareExchange(ref _failures, 1, 0) == 0
            ? throw new InvalidOperationException($"Step '{step}' failed once on purpose.")
            : Task.CompletedTask;

    public Task StepJournaledAsync(string runId, string step, CancellationToken cancellationToken) => Task.CompletedTask;
}
