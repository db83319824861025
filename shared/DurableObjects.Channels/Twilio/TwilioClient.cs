using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Phone;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Twilio's REST API over <see cref="HttpClient"/> (the Twilio SDK is not available): SMS through
/// <c>Messages.json</c> and calls through <c>Calls.json</c>, authenticated with basic auth (account SID : auth token).
/// </summary>
/// <remarks>
/// Trust model: callers must pass an E.164 number they are allowed to contact; this client checks the format only.
/// Numbers are masked in logs; the token only ever goes into the Authorization header.
/// </remarks>
public sealed class TwilioClient(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioClient> logger)
{
    /// <summary>Sends <paramref name="body"/> as one SMS, or several numbered ones when it is long; returns the message SIDs.</summary>
    public async Task<IReadOnlyList<string>> SendSmsAsync(string to, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var settings = RequireConfigured(to);
        var sids = new List<string>();
        foreach (var part in SmsSplitter.Split(body))
        {
            var fields = new Dictionary<string, string> { ["To"] = to, ["From"] = settings.PhoneNumber!, ["Body"] = part };
            sids.Add(await PostAsync(settings, "Messages.json", fields, cancellationToken));
        }

        logger.LogInformation("Sent {PartCount} SMS part(s) to {To}", sids.Count, PhoneNumbers.Mask(to));
        return sids;
    }

    /// <summary>Places a call that plays <paramref name="twiml"/> (e.g. a <see cref="TwimlResponse"/> with &lt;Say&gt;); returns the call SID.</summary>
    public async Task<string> StartCallAsync(string to, string twiml, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(twiml);
        var settings = RequireConfigured(to);
        var fields = new Dictionary<string, string> { ["To"] = to, ["From"] = settings.PhoneNumber!, ["Twiml"] = twiml };
        var sid = await PostAsync(settings, "Calls.json", fields, cancellationToken);
        logger.LogInformation("Started call {CallSid} to {To}", sid, PhoneNumbers.Mask(to));
        return sid;
    }

    private TwilioOptions RequireConfigured(string to)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new ChannelException("Twilio", null, "not_configured", "Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER).");
        }

        if (!PhoneNumbers.IsE164(to))
        {
            throw new ArgumentException("The recipient must be an E.164 phone number.", nameof(to));
        }

        return settings;
    }

    private async Task<string> PostAsync(TwilioOptions settings, string resource, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var uri = new Uri(settings.EffectiveApiBaseUrl, $"/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/{resource}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(fields) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await http.SendAsync(request, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = ReadError(json);
            logger.LogWarning("Twilio {Resource} failed with {StatusCode}, Twilio code {TwilioCode}", resource, (int)response.StatusCode, code);
            throw new ChannelException("Twilio", response.StatusCode, code, message ?? $"HTTP {(int)response.StatusCode}");
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("sid", out var sid) ? sid.GetString() ?? string.Empty : string.Empty;
    }

    private static (string? Code, string? Message) ReadError(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var code = root.TryGetProperty("code", out var c) ? c.ToString() : null;
            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
