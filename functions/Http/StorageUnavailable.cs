using Azure;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Recognises the failures of a storage call that could not complete — no answer within the storage client's bounded
/// tries (<c>Storage:NetworkTimeout</c>, <c>Storage:MaxRetries</c>), a transport error, or the service saying it is
/// busy or unavailable — as opposed to a refusal (404, 409, 412), which is an answer.
/// </summary>
public static class StorageUnavailable
{
    /// <summary>True when <paramref name="exception"/> (or what it wraps) means storage did not answer in time.
    /// A cancellation counts only when the client did not abort the request itself.</summary>
    public static bool Matches(Exception exception, CancellationToken requestAborted) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        TimeoutException => true,
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.Any(e => Matches(e, requestAborted)),
        { InnerException: { } inner } => Matches(inner, requestAborted),
        _ => false,
    };
}
