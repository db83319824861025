using DurableObjects.Channels.Http;
using Microsoft.AspNetCore.Http;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// The fields of a Twilio SMS or voice webhook the host needs. Read it only after the signature check
/// (<see cref="TwilioEndpointExtensions.RequireTwilioSignature{TBuilder}"/>): before that, <see cref="From"/> is just a claim.
/// </summary>
/// <param name="From">The caller's or sender's number (E.164).</param>
/// <param name="To">Our Twilio number.</param>
/// <param name="Body">SMS text (SMS webhooks).</param>
/// <param name="SpeechResult">Transcript of what the caller said (voice &lt;Gather&gt; callbacks).</param>
/// <param name="Sid">MessageSid or CallSid.</param>
public sealed record TwilioWebhookForm(string From, string To, string? Body, string? SpeechResult, string? Sid)
{
    /// <summary>Reads the form of a webhook request.</summary>
    public static async Task<TwilioWebhookForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = await request.ReadFormOrRejectAsync(cancellationToken);
        return new TwilioWebhookForm(
            form["From"].ToString(),
            form["To"].ToString(),
            NullIfEmpty(form["Body"].ToString()),
            NullIfEmpty(form["SpeechResult"].ToString()),
            NullIfEmpty(form["MessageSid"].ToString()) ?? NullIfEmpty(form["CallSid"].ToString()));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
