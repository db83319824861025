using Microsoft.AspNetCore.Http;

namespace DurableObjects.Channels.Twilio;

/// <summary>Rebuilds the URL Twilio signed for a webhook request.</summary>
public static class TwilioRequestUrl
{
    /// <summary>
    /// The full URL of <paramref name="request"/> (path base, path and query string included), with the scheme and
    /// authority taken from <paramref name="publicBaseUrl"/> when it is set (deployments behind proxies).
    /// </summary>
    public static string Reconstruct(HttpRequest request, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pathAndQuery = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return publicBaseUrl.TrimEnd('/') + pathAndQuery;
        }

        return $"{request.Scheme}://{request.Host.ToUriComponent()}{pathAndQuery}";
    }
}
