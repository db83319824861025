namespace DurableObjects.Orchestrations.Runs;

/// <summary>Ends a run with a final status and a reason people can read (no internals).</summary>
public sealed class RunStoppedException : Exception
{
    public RunStoppedException()
    {
    }

    public RunStoppedException(string message)
        : base(message)
    {
    }

    public RunStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunStoppedException(RunStatus status, string reason)
        : base(reason) => Status = status;

    public RunStatus Status { get; } = RunStatus.Failed;
}
