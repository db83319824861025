using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Endpoint filter for Twilio webhooks: the handler runs only when <c>X-Twilio-Signature</c> is valid; otherwise
/// the answer is 403 with a <c>ProblemDetails</c> body and nothing else happens.
/// </summary>
public sealed class TwilioSignatureFilter(TwilioSignatureValidator validator, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (!await validator.IsValidRequestAsync(request, context.HttpContext.RequestAborted))
        {
            logger.LogWarning("Rejected a Twilio webhook on {Path}: invalid or missing signature", request.Path.Value);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Invalid Twilio signature",
                detail: "The request is not signed by Twilio for this URL.");
        }

        return await next(context);
    }
}
