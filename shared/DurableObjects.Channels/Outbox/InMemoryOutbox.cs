using System.Globalization;

namespace DurableObjects.Channels.Outbox;

/// <summary>An outbox in memory, for tests and single-process development. Thread-safe; lost on restart.</summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly List<OutboxMessage> messages = [];
    private readonly Lock gate = new();

    /// <summary>A snapshot of everything stored, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <inheritdoc />
    public Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (gate)
        {
            messages.Add(message);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OutboxPage> ListAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var skip = int.TryParse(query.ContinuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        List<OutboxMessage> matching;
        lock (gate)
        {
            matching = messages
                .Where(m => query.Channel is null || m.Notification.Channel == query.Channel)
                .Where(m => query.CorrelationId is null || m.Notification.CorrelationId == query.CorrelationId)
                .Where(m => query.Targets is null || query.Targets.Contains(m.Notification.Target, StringComparer.OrdinalIgnoreCase))
                .Reverse()
                .ToList();
        }

        var items = matching.Skip(skip).Take(pageSize).ToList();
        var next = skip + items.Count < matching.Count ? (skip + items.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new OutboxPage(items, next));
    }
}
