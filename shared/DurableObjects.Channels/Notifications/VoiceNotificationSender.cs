using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Twilio;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Notifications;

/// <summary>Notifications as phone calls through Twilio that speak the message twice and hang up (the seed's <c>make_call</c>).</summary>
public sealed class VoiceNotificationSender(TwilioClient twilio, IOptions<TwilioOptions> options) : INotificationSender
{
    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Voice;

    /// <inheritdoc />
    public string? NotConfiguredReason => options.Value.IsConfigured ? null : "Voice is not configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER.";

    /// <summary>The TwiML a notification call plays.</summary>
    public static string Twiml(Notification notification)
    {
        var spoken = NotificationText.Spoken(notification);
        return TwilioReplies.Announcement("Hello, this is Durable Objects. " + spoken, "Again: " + spoken, "Goodbye.").ToString();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        [await twilio.StartCallAsync(notification.Target, Twiml(notification), cancellationToken)];
}
