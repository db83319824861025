namespace DurableObjects.Channels.Notifications;

/// <summary>Sends notifications on one channel. Implementations throw on failure; the service turns that into a result.</summary>
public interface INotificationSender
{
    /// <summary>The channel served.</summary>
    NotificationChannel Channel { get; }

    /// <summary>Null when the channel can send; otherwise why not (names the missing settings, never their values).</summary>
    string? NotConfiguredReason { get; }

    /// <summary>Sends; returns provider ids. The target has already been validated and normalized.</summary>
    Task<IReadOnlyList<string>> SendAsync(Notification notification, CancellationToken cancellationToken);
}
