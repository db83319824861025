using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>An API token's row: partition "token", row key = SHA-256 of the token. The token itself is never stored.</summary>
public sealed class TokenEntity : ITableEntity
{
    public const string Partition = "token";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
