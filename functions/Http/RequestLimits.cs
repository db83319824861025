using DurableObjects.Shared.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Refuses request bodies over <see cref="ObjectLimitsOptions.MaxRequestBytes"/> with 413 before anything reads
/// them: at once when Content-Length says so, and through the server's body-size limit for chunked bodies.
/// </summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ObjectLimitsOptions>>().Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request too large",
                detail: $"A request body may be at most {limit} bytes.").ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);
    });
}
