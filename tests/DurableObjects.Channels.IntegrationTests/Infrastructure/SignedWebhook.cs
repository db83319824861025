using DurableObjects.Channels.Twilio;

namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>Posts webhook forms to the host the way Twilio does: form-encoded, signed with the auth token for the public URL.</summary>
public static class SignedWebhook
{
    /// <summary>The public base URL the host is configured with; Twilio signs URLs under it.</summary>
    public const string PublicBaseUrl = "https://objects.example.test";

    public static Dictionary<string, string> Sms(string from, string body) => new()
    {
        ["AccountSid"] = TwilioStandIn.AccountSid,
        ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
        ["From"] = from,
        ["To"] = TwilioStandIn.PhoneNumber,
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    public static Dictionary<string, string> Call(string from, string? speech = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = TwilioStandIn.AccountSid,
            ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"),
            ["From"] = from,
            ["To"] = TwilioStandIn.PhoneNumber,
            ["CallStatus"] = "in-progress",
        };
        if (speech is not null)
        {
            form["SpeechResult"] = speech;
            form["Confidence"] = "0.92";
        }
        return form;
    }

    /// <summary>Posts <paramref name="form"/> to <paramref name="path"/>, signed for <paramref name="signedUrl"/> (default: the public URL of the path).</summary>
    public static Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, IReadOnlyDictionary<string, string> form, string? signedUrl = null,
        IReadOnlyDictionary<string, string>? signedForm = null, string? signature = null, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            request.Headers.Add(TwilioSignatureValidator.HeaderName,
                signature ?? TwilioSigner.Sign(TwilioStandIn.AuthToken, signedUrl ?? PublicBaseUrl + path, signedForm ?? form));
        }
        return client.SendAsync(request);
    }
}
