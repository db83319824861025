using DurableObjects.Channels.GitHub;
using DurableObjects.Channels.Phone;
using MimeKit;

namespace DurableObjects.Channels.Notifications;

/// <summary>Checks a notification's target format for its channel and normalizes phone numbers to E.164.</summary>
public static class NotificationValidator
{
    /// <summary>Returns the notification ready to send (normalized target), or an error saying what is wrong.</summary>
    public static (Notification? Valid, string? Error) Validate(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (string.IsNullOrWhiteSpace(notification.Text) && string.IsNullOrWhiteSpace(notification.Subject))
        {
            return (null, "The notification has neither subject nor text.");
        }

        var target = notification.Target?.Trim() ?? string.Empty;
        switch (notification.Channel)
        {
            case NotificationChannel.Sms or NotificationChannel.Voice:
                return PhoneNumbers.TryNormalize(target, out var e164)
                    ? (notification with { Target = e164 }, null)
                    : (null, "The target is not a phone number in E.164 form (+15551234567).");
            case NotificationChannel.Email:
                return MailboxAddress.TryParse(target, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
                    ? (notification with { Target = mailbox.Address }, null)
                    : (null, "The target is not an email address.");
            case NotificationChannel.Slack:
                return target.Length > 0 && !target.Any(char.IsWhiteSpace)
                    ? (notification with { Target = target }, null)
                    : (null, "The target is not a Slack channel id or name.");
            case NotificationChannel.GitHub:
                return target.Length == 0 || GitHubRepositoryName.TryParse(target, out _, out _)
                    ? (notification with { Target = target }, null)
                    : (null, "The target is not a repository \"owner/name\".");
            default:
                return (null, "Unknown channel.");
        }
    }
}
