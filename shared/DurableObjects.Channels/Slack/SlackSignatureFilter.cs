using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.Slack;

/// <summary>
/// Endpoint filter for Slack webhooks: the handler runs only when <c>X-Slack-Signature</c> is valid and fresh;
/// otherwise the answer is 403 with a <c>ProblemDetails</c> body and nothing else happens.
/// </summary>
public sealed class SlackSignatureFilter(SlackSignatureValidator validator, ILogger<SlackSignatureFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (!await validator.IsValidRequestAsync(request, context.HttpContext.RequestAborted))
        {
            logger.LogWarning("Rejected a Slack webhook on {Path}: invalid, missing or stale signature", request.Path.Value);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Invalid Slack signature",
                detail: "The request is not signed by Slack with this app's signing secret, or it is older than five minutes.");
        }

        return await next(context);
    }
}
