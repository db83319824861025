using System.Net;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Phone;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using SystemNetHttpClient = Twilio.Http.SystemNetHttpClient;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Outbound SMS and calls through the Twilio SDK (<see cref="MessageResource"/>, <see cref="CallResource"/>) over
/// the given <see cref="HttpClient"/>; <c>TWILIO_API_BASE_URL</c> re-points the SDK's requests (stand-ins, proxies).
/// </summary>
/// <remarks>
/// Trust model: callers must pass an E.164 number they are allowed to contact; this client checks the format only.
/// Numbers are masked in logs; the token only ever goes into the SDK's credentials.
/// </remarks>
public sealed class TwilioClient(HttpClient http, IOptions<TwilioOptions> options, ILogger<TwilioClient> logger)
{
    /// <summary>Sends <paramref name="body"/> as one SMS, or several numbered ones when it is long; returns the message SIDs.</summary>
    public async Task<IReadOnlyList<string>> SendSmsAsync(string to, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (settings, client) = RequireConfigured(to);
        var sids = new List<string>();
        foreach (var part in SmsSplitter.Split(body))
        {
            var message = await CallAsync(
                () => MessageResource.CreateAsync(to: new PhoneNumber(to), from: new PhoneNumber(settings.PhoneNumber), body: part, client: client),
                "Messages",
                cancellationToken);
            sids.Add(message.Sid);
        }

        logger.LogInformation("Sent {PartCount} SMS part(s) to {To}", sids.Count, PhoneNumbers.Mask(to));
        return sids;
    }

    /// <summary>Places a call that plays <paramref name="twiml"/> (a <c>VoiceResponse</c> document); returns the call SID.</summary>
    public async Task<string> StartCallAsync(string to, string twiml, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(twiml);
        var (settings, client) = RequireConfigured(to);
        var call = await CallAsync(
            () => CallResource.CreateAsync(to: new PhoneNumber(to), from: new PhoneNumber(settings.PhoneNumber), twiml: new Twiml(twiml), client: client),
            "Calls",
            cancellationToken);
        logger.LogInformation("Started call {CallSid} to {To}", call.Sid, PhoneNumbers.Mask(to));
        return call.Sid;
    }

    private (TwilioOptions Settings, TwilioRestClient Client) RequireConfigured(string to)
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

        // The SDK's own transport over our HttpClient; re-pointed only when TWILIO_API_BASE_URL is set.
        var transport = settings.ApiBaseUrlOverride is { } baseUrl
            ? new SystemNetHttpClient(new HttpClient(new TwilioApiBaseUrlHandler(http, baseUrl), disposeHandler: true))
            : new SystemNetHttpClient(http);
        return (settings, new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: transport));
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, string resource, CancellationToken cancellationToken)
    {
        // The SDK's resource calls take no cancellation token; honour it around them.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (ApiException e)
        {
            logger.LogWarning("Twilio {Resource} failed with {StatusCode}, Twilio code {TwilioCode}", resource, e.Status, e.Code);
            throw new ChannelException("Twilio", (HttpStatusCode)e.Status, e.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        }
        catch (TwilioException e)
        {
            logger.LogWarning("Twilio {Resource} failed: {ErrorType}", resource, e.GetType().Name);
            throw new ChannelException("Twilio", null, "transport", e.Message);
        }
    }
}
