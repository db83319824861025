using DurableObjects.Channels.Email;

namespace DurableObjects.Channels.Notifications;

/// <summary>Notifications as email through the configured <see cref="IEmailSender"/>.</summary>
public sealed class EmailNotificationSender(IEmailSender email) : INotificationSender
{
    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Email;

    /// <inheritdoc />
    public string? NotConfiguredReason => email.IsConfigured
        ? null
        : "Email is not configured: set FROM_EMAIL and either SENDGRID_API_KEY or SMTP_HOST (EMAIL_PROVIDER chooses).";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = new EmailMessage(notification.Target, notification.Subject, NotificationText.Plain(notification), NotificationText.Html(notification));
        var id = await email.SendAsync(message, cancellationToken);
        return id is null ? [] : [id];
    }
}
