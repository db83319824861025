namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>Work started ahead of need whose outcome nobody waits for: its failure is observed and dropped.</summary>
internal static class BestEffort
{
    /// <summary>Lets <paramref name="work"/> run on; a failure is observed (never an unobserved task exception) and ignored.</summary>
    public static void Start(Task work) =>
        _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
