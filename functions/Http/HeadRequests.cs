namespace DurableObjects.Functions.Http;

/// <summary>
/// <c>HEAD</c> for endpoints mapped for <c>GET</c> (or for every method) by a library (the OpenAPI document, the API
/// reference page, the health checks): routing matches them for these two methods only, and a <c>HEAD</c> answer keeps the <c>GET</c> answer's status and headers
/// without its body (RFC 9110 §9.3.2), whatever server carries it.
/// </summary>
public static class HeadRequests
{
    public static TBuilder AllowHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            // Routing reads the last method metadata: this one replaces the library's GET-only one.
            endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
            var next = endpoint.RequestDelegate;
            if (next is null)
            {
                return;
            }
            endpoint.RequestDelegate = async http =>
            {
                if (!HttpMethods.IsHead(http.Request.Method))
                {
                    await next(http);
                    return;
                }
                var body = http.Response.Body;
                http.Response.Body = Stream.Null;
                try
                {
                    await next(http);
                }
                finally
                {
                    http.Response.Body = body;
                }
            };
        });
        return builder;
    }
}
