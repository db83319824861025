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

    /// <summary>
    /// The URL as given and, for http/https, the same URL with the default port toggled (present ↔ absent):
    /// Twilio signs with the port exactly as configured on the number, which proxies often hide.
    /// </summary>
    public static IEnumerable<string> Variants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield break;
        }

        var authorityEnd = url.IndexOf('/', uri.Scheme.Length + 3);
        var authority = authorityEnd < 0 ? url[(uri.Scheme.Length + 3)..] : url[(uri.Scheme.Length + 3)..authorityEnd];
        var rest = authorityEnd < 0 ? string.Empty : url[authorityEnd..];
        var defaultPort = uri.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        var portSuffix = ":" + defaultPort;
        if (authority.EndsWith(portSuffix, StringComparison.Ordinal))
        {
            yield return $"{uri.Scheme}://{authority[..^portSuffix.Length]}{rest}";
        }
        else if (uri.IsDefaultPort && !authority.Contains(':', StringComparison.Ordinal))
        {
            yield return $"{uri.Scheme}://{authority}{portSuffix}{rest}";
        }
    }
}
