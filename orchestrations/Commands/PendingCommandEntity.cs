using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// A command waiting for "yes" or "no": partition "confirm", row key = the caller's address (their phone). Holds the
/// command in the grammar's canonical phrasing, so confirming re-parses it with the grammar (no model involved).
/// </summary>
public sealed class PendingCommandEntity : ITableEntity
{
    public const string Partition = "confirm";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string UserId { get; set; } = "";
    public string CommandText { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
