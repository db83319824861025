using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>
/// A code waiting to come back: partition "pending", row key = the E.164 number (one pending code per number; a
/// newer request replaces it). Only an HMAC of the code is stored, keyed with a random per-row salt.
/// </summary>
public sealed class PhoneVerificationEntity : ITableEntity
{
    public const string Partition = "pending";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string UserId { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public string Salt { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
}
