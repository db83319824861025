namespace DurableObjects.Channels.Notifications;

/// <summary>
/// The one way out for every message: picks the channel's sender, and when the channel is not configured, the
/// message is invalid or the send fails, writes the full message and the reason to the <see cref="Outbox.IOutbox"/>.
/// </summary>
public interface INotificationService
{
    /// <summary>Sends or outboxes <paramref name="notification"/>; reports the outcome instead of throwing (cancellation aside).</summary>
    Task<NotificationResult> NotifyAsync(Notification notification, CancellationToken cancellationToken = default);
}
