namespace DurableObjects.Channels.Notifications;

/// <summary>Where a notification goes. Serialized names: sms, voice, email, slack, github.</summary>
public enum NotificationChannel
{
    /// <summary>Text message through Twilio; the target is an E.164 number.</summary>
    Sms,

    /// <summary>Phone call through Twilio speaking the message; the target is an E.164 number.</summary>
    Voice,

    /// <summary>Email through SendGrid or SMTP; the target is an address.</summary>
    Email,

    /// <summary>Slack message; the target is a channel id or name.</summary>
    Slack,

    /// <summary>GitHub issue; the target is "owner/name" (or empty for <c>GITHUB_REPO</c>).</summary>
    GitHub,
}
