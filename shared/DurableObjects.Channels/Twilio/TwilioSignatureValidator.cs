using System.Security.Cryptography;
using System.Text;
using DurableObjects.Channels.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Verifies that a webhook request comes from Twilio: <c>X-Twilio-Signature</c> must equal
/// Base64(HMAC-SHA1(auth token, full URL + every POST parameter sorted by name, name then value, no separators)).
/// </summary>
/// <remarks>
/// Trust model: this is the only check between the internet and the command processor for SMS and voice. It fails
/// closed (no token configured, no header, bad Base64 → invalid) and compares in constant time. The URL is rebuilt
/// from <see cref="TwilioOptions.PublicBaseUrl"/> when set, because behind a proxy the request's own scheme and host
/// are not what Twilio signed. The caller's identity (the <c>From</c> number) is trusted only after this check.
/// </remarks>
public sealed class TwilioSignatureValidator(IOptions<TwilioOptions> options)
{
    /// <summary>The header Twilio signs requests with.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>Computes the signature Twilio would send for <paramref name="url"/> and <paramref name="parameters"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "HMAC-SHA1 is Twilio's signing protocol; we verify, we do not choose.")]
    public static string ComputeSignature(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        var data = new StringBuilder(url);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    /// <summary>True when <paramref name="signature"/> is Twilio's signature of the URL and parameters.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature)
    {
        var token = options.Value.AuthToken;
        if (string.IsNullOrEmpty(token) || string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        var provided = new byte[20];
        if (!Convert.TryFromBase64String(signature.Trim(), provided, out var written) || written != provided.Length)
        {
            return false;
        }

        var materialized = parameters.ToList();
        var valid = false;
        foreach (var candidate in TwilioRequestUrl.Variants(url))
        {
            var expected = Convert.FromBase64String(ComputeSignature(token, candidate, materialized));
            valid |= CryptographicOperations.FixedTimeEquals(expected, provided);
        }

        return valid;
    }

    /// <summary>Validates an incoming ASP.NET Core request (form body and header); reads the form if needed.</summary>
    public async Task<bool> IsValidRequestAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signature = request.Headers[HeaderName].ToString();
        var parameters = new List<KeyValuePair<string, string>>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var field in form)
            {
                parameters.AddRange(field.Value.Select(v => new KeyValuePair<string, string>(field.Key, v ?? string.Empty)));
            }
        }

        return IsValid(TwilioRequestUrl.Reconstruct(request, options.Value.PublicBaseUrl), parameters, signature);
    }
}
