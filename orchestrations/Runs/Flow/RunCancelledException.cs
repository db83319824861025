using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>Unwinds an orchestration when the cancel event wins a race against the step in progress.</summary>
public sealed class RunCancelledException : Exception
{
    public RunCancelledException()
    {
    }

    public RunCancelledException(string message)
        : base(message)
    {
    }

    public RunCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunCancelledException(CancelRequest request)
        : base($"Cancelled by {request?.By}.")
    {
    }
}
