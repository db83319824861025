using DurableObjects.Channels.Notifications;

namespace DurableObjects.Channels.Outbox;

/// <summary>A page request over the outbox, newest first.</summary>
/// <param name="PageSize">At most this many messages (1–500).</param>
/// <param name="ContinuationToken">Opaque token from the previous page; null for the first.</param>
/// <param name="Channel">Only this channel, when set.</param>
/// <param name="CorrelationId">Only this correlation id, when set.</param>
/// <param name="Targets">Only messages to one of these targets (numbers, addresses), when set: how a user sees just their own.</param>
public sealed record OutboxQuery(
    int PageSize = 50,
    string? ContinuationToken = null,
    NotificationChannel? Channel = null,
    string? CorrelationId = null,
    IReadOnlyCollection<string>? Targets = null);
