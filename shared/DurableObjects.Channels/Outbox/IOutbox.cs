namespace DurableObjects.Channels.Outbox;

/// <summary>
/// Where undelivered messages are kept (the host stores them in Table Storage; <see cref="InMemoryOutbox"/> serves tests).
/// </summary>
/// <remarks>Messages contain recipients' numbers and addresses: list them only to the owner or an admin.</remarks>
public interface IOutbox
{
    /// <summary>Stores a message. Must not lose it once the task completes.</summary>
    Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Lists messages newest first, a page at a time.</summary>
    Task<OutboxPage> ListAsync(OutboxQuery query, CancellationToken cancellationToken = default);
}
