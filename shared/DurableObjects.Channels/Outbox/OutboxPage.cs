namespace DurableObjects.Channels.Outbox;

/// <summary>A page of outbox messages; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxMessage> Items, string? ContinuationToken);
