using System.Text.Json;

namespace DurableObjects.Monitors.IntegrationTests.Infrastructure;

/// <summary>One request as a provider stand-in received it on the wire.</summary>
public sealed record ProviderRequest(string Method, string Path, string? Authorization, string ContentType, string Body)
{
    public bool IsSms => Path.EndsWith("/Messages.json", StringComparison.Ordinal);
    public bool IsCall => Path.EndsWith("/Calls.json", StringComparison.Ordinal);
    public bool IsEmail => Path == "/v3/mail/send";
    public bool IsSlack => Path == "/api/chat.postMessage";

    /// <summary>A form field of a Twilio request.</summary>
    public string Form(string key) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Body)[key].ToString();

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
