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

    /// <summary>Which request made it: the <see cref="Domain.RequestOperation.Id"/> of a keyed <c>POST /api/tokens</c>
    /// (so a retry of it finds the token its earlier attempt made, whose value nobody received), or null.</summary>
    public string? WriteId { get; set; }
}
