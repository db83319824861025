using System.Net;

namespace DurableObjects.Channels;

/// <summary>
/// A provider refused or failed a request. The message names the provider and its error code; it never contains
/// credentials. It may contain a recipient's address as the provider reported it, so log <see cref="ProviderCode"/>
/// and <see cref="StatusCode"/>, not the message.
/// </summary>
public class ChannelException : Exception
{
    /// <summary>Creates an exception with no details.</summary>
    public ChannelException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ChannelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception wrapping the transport failure.</summary>
    public ChannelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a provider answer.</summary>
    public ChannelException(string provider, HttpStatusCode? statusCode, string? providerCode, string message)
        : base($"{provider}: {message}")
    {
        Provider = provider;
        StatusCode = statusCode;
        ProviderCode = providerCode;
    }

    /// <summary>Twilio, SendGrid, SMTP, Slack or GitHub.</summary>
    public string? Provider { get; }

    /// <summary>The HTTP status the provider answered with, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The provider's own error code (Twilio's numeric code, Slack's <c>error</c> string, …).</summary>
    public string? ProviderCode { get; }
}
