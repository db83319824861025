using Azure.Data.Tables;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>Reads the audit events in a watermark range, oldest first.</summary>
public sealed class MonitorEventReader(StorageClients storage)
{
    /// <summary>The events after <paramref name="watermark"/> and at or before <paramref name="upTo"/> (both <see cref="EventKeys"/> bounds), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(string watermark, string upTo, CancellationToken cancellationToken = default)
    {
        if (string.CompareOrdinal(upTo, watermark) >= 0)
        {
            return [];
        }
        var table = await storage.TableAsync(TableNames.Events);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {EventEntity.Partition} and RowKey gt {upTo} and RowKey lt {watermark}");
        var events = new List<AuditEvent>();
        await foreach (var row in table.QueryAsync<EventEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            events.Add(row.ToEvent());
        }
        // Table Storage returns row-key order: newest first.
        events.Reverse();
        return events;
    }
}
