using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Audit;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>
/// An audit event's row: one partition, row key = inverted ticks + a random suffix, so listings come newest
/// first and two events in the same tick never collide.
/// </summary>
public sealed class EventEntity : ITableEntity
{
    public const string Partition = "event";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Type { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    public string DataJson { get; set; } = "{}";

    public static string RowKeyOf(DateTimeOffset time, string suffix) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + suffix;

    public AuditEvent ToEvent() => new(
        RowKey,
        Type,
        Subject,
        Actor,
        Time,
        JsonSerializer.Deserialize<Dictionary<string, string>>(DataJson) ?? []);
}
