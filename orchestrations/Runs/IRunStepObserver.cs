namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Watches step boundaries of runs. The host registers a no-op; tests register one that stops a run at a chosen
/// boundary (then stop the host) to prove a restarted host resumes without repeating completed work.
/// </summary>
public interface IRunStepObserver
{
    /// <summary>A step's work is done but not yet journaled (a crash here repeats the step on resume).</summary>
    Task StepCompletingAsync(string runId, string step, CancellationToken cancellationToken);

    /// <summary>A step is journaled; the next has not started.</summary>
    Task StepJournaledAsync(string runId, string step, CancellationToken cancellationToken);
}
