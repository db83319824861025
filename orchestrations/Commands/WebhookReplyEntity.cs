using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// A webhook request already taken on: partition = the webhook ("sms", "voice"), row key = the provider's id for it
/// (MessageSid, or CallSid and turn). <see cref="Reply"/> is null while the first delivery is still being answered.
/// </summary>
public sealed class WebhookReplyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The answer as sent (a TwiML document), or null while it is being worked out.</summary>
    public string? Reply { get; set; }
}
