using DurableObjects.Channels.Notifications;

namespace DurableObjects.Channels.Outbox;

/// <summary>A message that was not delivered, kept whole with the reason, so a fresh machine shows everything it would have sent.</summary>
/// <param name="Id">Unique id (sortable by time: newest ids sort last).</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="Notification">The full message.</param>
/// <param name="Reason">Why it was not delivered.</param>
/// <param name="Detail">A human-readable explanation (missing setting names, the provider's error).</param>
public sealed record OutboxMessage(string Id, DateTimeOffset CreatedAt, Notification Notification, OutboxReason Reason, string Detail);
