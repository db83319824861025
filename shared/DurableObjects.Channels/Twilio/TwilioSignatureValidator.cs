using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Verifies that a webhook request comes from Twilio with the SDK's <see cref="RequestValidator"/>: the
/// <c>X-Twilio-Signature</c> must be Twilio's HMAC of the full URL and the sorted POST parameters under the auth token
/// (compared in constant time; the URL with and without the default port is tried).
/// </summary>
/// <remarks>
/// Trust model: this is the only check between the internet and the command processor for SMS and voice. It fails
/// closed (no token configured, no header, a repeated form field → invalid). The URL is rebuilt from
/// <see cref="TwilioOptions.PublicBaseUrl"/> when set, because behind a proxy the request's own scheme and host are
/// not what Twilio signed. The caller's identity (the <c>From</c> number) is trusted only after this check.
/// </remarks>
public sealed class TwilioSignatureValidator(IOptions<TwilioOptions> options)
{
    /// <summary>The header Twilio signs requests with.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>True when <paramref name="signature"/> is Twilio's signature of the URL and parameters.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var token = options.Value.AuthToken;
        // A blank token is no token (TwilioOptions treats it as not configured too): refuse rather than check against it.
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        // Twilio's SMS and voice webhooks never repeat a field; a request that does is not one of theirs.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            if (!fields.TryAdd(key, value))
            {
                return false;
            }
        }

        return new RequestValidator(token).Validate(url, fields, signature.Trim());
    }

    /// <summary>Validates an incoming ASP.NET Core request (form body and header); reads the form if needed.</summary>
    public async Task<bool> IsValidRequestAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signature = request.Headers[HeaderName].ToString();
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var field in await request.ReadFormOrRejectAsync(cancellationToken))
        {
            parameters.AddRange(field.Value.Select(v => new KeyValuePair<string, string>(field.Key, v ?? string.Empty)));
        }

        return IsValid(TwilioRequestUrl.Reconstruct(request, options.Value.PublicBaseUrl), parameters, signature);
    }
}
