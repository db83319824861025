namespace DurableObjects.Channels.Notifications;

/// <summary>The outcome of <see cref="INotificationService.NotifyAsync"/>; never an exception.</summary>
/// <param name="Status">Sent, outboxed, failed or invalid.</param>
/// <param name="Channel">The channel asked for.</param>
/// <param name="CorrelationId">The notification's correlation id.</param>
/// <param name="ProviderIds">Provider ids when sent (Twilio SIDs, Slack ts, issue URL, email message id).</param>
/// <param name="Error">Why it was not sent, when it was not.</param>
/// <param name="OutboxId">The outbox entry holding the message, when there is one.</param>
public sealed record NotificationResult(
    NotificationStatus Status,
    NotificationChannel Channel,
    string CorrelationId,
    IReadOnlyList<string> ProviderIds,
    string? Error = null,
    string? OutboxId = null)
{
    /// <summary>True when the provider accepted the message.</summary>
    public bool Succeeded => Status == NotificationStatus.Sent;
}
