namespace DurableObjects.Channels.Notifications;

/// <summary>A link shown with a notification (the run's page, the object's page, …).</summary>
public sealed record NotificationLink(string Title, Uri Url);
