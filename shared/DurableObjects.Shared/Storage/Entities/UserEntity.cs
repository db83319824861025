using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>A user's row: partition "user", row key = user id. The row "bootstrap" in partition "system" marks first start.</summary>
public sealed class UserEntity : ITableEntity
{
    public const string Partition = "user";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Role { get; set; } = "viewer";
    public DateTimeOffset CreatedAt { get; set; }

    public string? Phone { get; set; }
    public string? PendingPhone { get; set; }
    public string? Email { get; set; }
    public string? Slack { get; set; }
    public string? PreferredChannel { get; set; }

    /// <summary>An admin disabled the account: it may not act (API tokens, phone, Slack). Rows written before the
    /// column existed have none, which reads as false: enabled.</summary>
    public bool Disabled { get; set; }

    /// <summary>The registration, or the last role or disabled-flag change, whose audit events may not be recorded yet
    /// (JSON of a <see cref="Users.PendingAccessChange"/>), written with the row or the change; empty or absent once they are.</summary>
    public string? PendingAccessChange { get; set; }

    /// <summary>Which write created the row (a keyed request's operation id, else a fresh id): an insert that meets a
    /// row with its own write id met itself (its answer lost and the insert sent again, or an earlier attempt of the same
    /// request), not another user of that name. Rows written before the column existed have none.</summary>
    public string? WriteId { get; set; }
}
