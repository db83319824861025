using DurableObjects.Shared.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Refuses request bodies over <see cref="ObjectLimitsOptions.MaxRequestBytes"/> with 413 before anything reads
/// them: at once when Content-Length says so, and while reading for chunked bodies (a 413 bad-request error).
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
        if (context.Request.ContentLength is null)
        {
            // Chunked bodies: count as they are read, whatever server is underneath.
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }
        await next(context);
    });
}
