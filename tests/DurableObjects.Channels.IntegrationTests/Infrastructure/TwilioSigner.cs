using System.Security.Cryptography;
using System.Text;

namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>Signs a webhook the way Twilio does (the tests play Twilio): Base64(HMAC-SHA1(token, URL + sorted name/value pairs)).</summary>
public static class TwilioSigner
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "HMAC-SHA1 is Twilio's signing protocol.")]
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
