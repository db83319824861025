using DurableObjects.Channels.Phone;
using Microsoft.Extensions.Configuration;

namespace DurableObjects.Channels.Configuration;

/// <summary>
/// Twilio settings, bound from the seed's flat keys (<c>TWILIO_ACCOUNT_SID</c>, <c>TWILIO_AUTH_TOKEN</c>,
/// <c>TWILIO_PHONE_NUMBER</c>) plus <c>TWILIO_API_BASE_URL</c> (tests, proxies) and <c>PUBLIC_BASE_URL</c>
/// (the address Twilio calls, used to rebuild the signed URL behind a proxy).
/// </summary>
/// <remarks>Holds the auth token: never log the values, only <see cref="ToString"/>, which redacts them.</remarks>
public sealed class TwilioOptions
{
    /// <summary>Twilio's public REST endpoint.</summary>
    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    /// <summary>Account SID (<c>AC…</c>); the user name of the REST API's basic auth.</summary>
    [ConfigurationKeyName("TWILIO_ACCOUNT_SID")]
    public string? AccountSid { get; set; }

    /// <summary>Auth token: the REST API password and the HMAC key of <c>X-Twilio-Signature</c>.</summary>
    [ConfigurationKeyName("TWILIO_AUTH_TOKEN")]
    public string? AuthToken { get; set; }

    /// <summary>The Twilio number messages and calls come from (E.164).</summary>
    [ConfigurationKeyName("TWILIO_PHONE_NUMBER")]
    public string? PhoneNumber { get; set; }

    /// <summary>Base URL of the REST API; point it at a local stand-in in tests.</summary>
    [ConfigurationKeyName("TWILIO_API_BASE_URL")]
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// Public base URL of this host as Twilio sees it (e.g. <c>https://objects.example.com</c>). When set, webhook
    /// signatures are checked against it instead of the scheme and host of the incoming request.
    /// </summary>
    [ConfigurationKeyName("PUBLIC_BASE_URL")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>True when outbound SMS and calls can be sent.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken) && !string.IsNullOrWhiteSpace(PhoneNumber);

    /// <summary>The REST base URL to use, falling back to Twilio's.</summary>
    public Uri EffectiveApiBaseUrl => new(string.IsNullOrWhiteSpace(ApiBaseUrl) ? DefaultApiBaseUrl : ApiBaseUrl);

    /// <summary>Where the SDK's requests are re-pointed, or null to let the SDK choose Twilio's own host (region and edge included).</summary>
    public Uri? ApiBaseUrlOverride => string.IsNullOrWhiteSpace(ApiBaseUrl) ? null : new Uri(ApiBaseUrl);

    /// <inheritdoc />
    public override string ToString() =>
        $"Twilio {{ AccountSid = {SecretText.Redact(AccountSid)}, AuthToken = {SecretText.Redact(AuthToken)}, " +
        $"PhoneNumber = {PhoneNumbers.Mask(PhoneNumber)}, ApiBaseUrl = {EffectiveApiBaseUrl}, " +
        $"PublicBaseUrl = {PublicBaseUrl ?? "(request)"} }}";
}
