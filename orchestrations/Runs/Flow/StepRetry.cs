using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// How a run's steps outlast a storage outage or a network hiccup: a step (activity) that failed because storage or
/// the network did not answer is run again after a durable timer — 2, 4, 8, 16, then 30 s, six attempts in all, about a
/// minute plus the storage client's own bounded tries in each — instead of failing the run. Any other failure (a model
/// that is not configured, a refusal, a bug) fails the step at once, as before. Running a step again is safe: every
/// step is idempotent by run id (<see cref="Storage.RunSteps"/>: a recorded result is returned, a model called once).
/// Found by the load benchmark: with storage frozen for 10 s, a run failed in its gates on a storage timeout.
/// </summary>
public static class StepRetry
{
    // What a storage or network call that got no answer throws, as the failure's type name (Azure.Core gives up after its
    // own tries with an AggregateException of the tries' failures).
    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "Azure.RequestFailedException",
        "System.TimeoutException",
        "System.Threading.Tasks.TaskCanceledException",
        "System.OperationCanceledException",
        "System.IO.IOException",
        "System.Net.Http.HttpRequestException",
        "System.Net.Sockets.SocketException",
    };

    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30))
        {
            HandleFailure = IsTransient,
        });

    /// <summary>
    /// True for a failure of storage or the network to answer. A <c>RequestFailedException</c> counts whatever its status:
    /// the steps handle the answers they expect (404, 409, 412) themselves, so one that escapes a step is a service
    /// error or a try that got no answer; retrying anything else costs a minute before the run fails as it would have.
    /// </summary>
    public static bool IsTransient(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Transient.Contains(failure.ErrorType)
            || failure.ErrorType == "System.AggregateException" && failure.InnerFailure is { } inner && IsTransient(inner);
    }
}
