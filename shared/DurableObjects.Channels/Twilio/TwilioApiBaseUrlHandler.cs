namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Sends the SDK's requests through our <see cref="HttpClient"/>, re-pointed at <c>TWILIO_API_BASE_URL</c>: scheme,
/// host, port and any path prefix change; the SDK's path, query, form body and basic auth stay exactly as the SDK
/// wrote them, so a stand-in or proxy sees the real wire format.
/// </summary>
internal sealed class TwilioApiBaseUrlHandler(HttpClient inner, Uri apiBaseUrl) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The outer client has marked this message sent: the inner client gets a copy at the new address.
        using var copy = new HttpRequestMessage(request.Method, Rebase(request.RequestUri!)) { Version = request.Version, Content = request.Content };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        var response = await inner.SendAsync(copy, HttpCompletionOption.ResponseContentRead, cancellationToken);
        copy.Content = null; // the SDK's request owns its content
        return response;
    }

    private Uri Rebase(Uri uri) => new(apiBaseUrl.AbsoluteUri.TrimEnd('/') + uri.PathAndQuery);
}
