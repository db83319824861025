using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Twilio;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Notifications;

/// <summary>Notifications as SMS through Twilio (long text split into numbered parts).</summary>
public sealed class SmsNotificationSender(TwilioClient twilio, IOptions<TwilioOptions> options) : INotificationSender
{
    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Sms;

    /// <inheritdoc />
    public string? NotConfiguredReason => options.Value.IsConfigured ? null : "SMS is not configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER.";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        twilio.SendSmsAsync(notification.Target, NotificationText.Plain(notification), cancellationToken);
}
