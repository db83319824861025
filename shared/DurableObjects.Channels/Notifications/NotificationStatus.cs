namespace DurableObjects.Channels.Notifications;

/// <summary>What happened to a notification.</summary>
public enum NotificationStatus
{
    /// <summary>The provider accepted it.</summary>
    Sent,

    /// <summary>The channel is not configured; the message is in the outbox.</summary>
    Outboxed,

    /// <summary>The provider refused it or could not be reached; the message and the reason are in the outbox.</summary>
    Failed,

    /// <summary>The notification itself is invalid (e.g. a target that is not a phone number); kept in the outbox too.</summary>
    Invalid,
}
