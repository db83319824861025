using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Outbox;

/// <summary>
/// One undelivered message: partition "outbox", row key = inverted creation ticks + id, so a plain query lists the
/// newest first. The whole notification is kept as JSON; past the size of a table property it goes to a blob.
/// </summary>
public sealed class OutboxEntity : ITableEntity
{
    public const string Partition = "outbox";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MessageId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string Channel { get; set; } = "";

    /// <summary>The target lower-cased, for "only my messages" filters.</summary>
    public string Target { get; set; } = "";
    public string Subject { get; set; } = "";
    public string CorrelationId { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Detail { get; set; } = "";

    /// <summary>The notification as JSON, or null when it is in the blob <see cref="BlobName"/>.</summary>
    public string? NotificationJson { get; set; }
    public string? BlobName { get; set; }

    public static string RowKeyOf(DateTimeOffset createdAt, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + id;
}
