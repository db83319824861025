using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Slack;

/// <summary>
/// Rows of the Slack link table. Partition "member", row key = Slack member id → <see cref="UserId"/> (the index
/// the webhooks read); partition "user", row key = our user id → <see cref="SlackUserId"/> (the truth: a member row
/// counts only while its user's row points back); partition "pending", row key = our user id → a code waiting.
/// </summary>
public sealed class SlackLinkEntity : ITableEntity
{
    public const string MemberPartition = "member";
    public const string UserPartition = "user";
    public const string PendingPartition = "pending";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string UserId { get; set; } = "";
    public string SlackUserId { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>Pending rows: the code as a salted HMAC, never the code.</summary>
    public string? Salt { get; set; }
    public string? CodeHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
}
