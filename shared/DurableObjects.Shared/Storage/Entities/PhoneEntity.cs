using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>
/// The verified-phone index: partition "phone", row key = the E.164 number, pointing at its one user. Written only
/// when a code sent to the number came back, so webhooks find the caller with one point read.
/// </summary>
public sealed class PhoneEntity : ITableEntity
{
    public const string Partition = "phone";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string UserId { get; set; } = "";
    public DateTimeOffset VerifiedAt { get; set; }
}
