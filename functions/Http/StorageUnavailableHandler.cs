using DurableObjects.Shared.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Answers a request whose storage call could not complete with <c>503 Service Unavailable</c>, a problem body
/// and <c>Retry-After</c>, instead of a 500 or a request that hangs. Whether a write that timed out was applied is
/// unknown to the host (storage may still apply it when it comes back): the problem says so, and a client that
/// sent an <c>Idempotency-Key</c> can retry with the same key safely.
/// </summary>
public sealed partial class StorageUnavailableHandler(
    IProblemDetailsService problems, IOptions<StorageOptions> storage, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageUnavailable.Matches(exception, httpContext.RequestAborted) || httpContext.Response.HasStarted)
        {
            return false;
        }
        var retryAfter = Math.Max(1, (int)storage.Value.WorstCaseCallDuration.TotalSeconds);
        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "Storage did not answer in time. Retry after the indicated delay; a change that was cut short may " +
                         "still be applied, so retry it with the same Idempotency-Key to get its outcome.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: storage unavailable ({ExceptionType}: {Reason}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string method, PathString path, string exceptionType, string reason);
}
