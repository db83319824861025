namespace DurableObjects.Channels.Notifications;

/// <summary>One message to one target on one channel.</summary>
/// <remarks>
/// Trust model: the notification service validates the target's format (E.164 for sms/voice, an address for email,
/// "owner/name" for github) but not whether the recipient may be contacted; the caller (command processor,
/// monitor scheduler) must have checked that the target belongs to, and was verified by, the user it notifies.
/// </remarks>
public sealed record Notification
{
    /// <summary>The channel to send on.</summary>
    public required NotificationChannel Channel { get; init; }

    /// <summary>Phone number (E.164), email address, Slack channel, or "owner/name" (empty: <c>GITHUB_REPO</c>).</summary>
    public required string Target { get; init; }

    /// <summary>Subject: email subject, Slack header, GitHub issue title, first line of an SMS or call.</summary>
    public required string Subject { get; init; }

    /// <summary>Plain-text message.</summary>
    public required string Text { get; init; }

    /// <summary>Optional HTML body for email (the caller escapes user text in it).</summary>
    public string? Html { get; init; }

    /// <summary>Links shown with the message.</summary>
    public IReadOnlyList<NotificationLink> Links { get; init; } = [];

    /// <summary>Correlates the message with the run, event or command that caused it.</summary>
    public string CorrelationId { get; init; } = Guid.NewGuid().ToString("n");

    /// <summary>GitHub only: labels for the issue.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>GitHub only: logins to assign.</summary>
    public IReadOnlyList<string> Assignees { get; init; } = [];
}
