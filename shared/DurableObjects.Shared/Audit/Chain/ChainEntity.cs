using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Shared.Audit.Chain;

/// <summary>
/// One row of the decision chain. Record rows have row key "r" + the inverted sequence number, so the newest record
/// is the partition's first "r" row (the head is one query away) and two writers that read the same head both try to
/// insert the same row key: one wins, the other gets 409 and retries on the new head. Key rows ("k" + SHA-256 of the
/// record's idempotency key) go in the same batch, so a re-delivered step finds its record instead of adding a second.
/// </summary>
public sealed class ChainEntity : ITableEntity
{
    public const string Partition = "chain";
    public const string RecordPrefix = "r";
    public const string KeyPrefix = "k";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Sequence { get; set; }
    public string Key { get; set; } = "";
    public string Type { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset Time { get; set; }

    /// <summary>The record's details as canonical JSON (sorted keys, no whitespace).</summary>
    public string DetailsJson { get; set; } = "{}";

    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public static string RecordRowKey(long sequence) =>
        RecordPrefix + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    public static string KeyRowKey(string key) => KeyPrefix + ChainHashing.Sha256(key);

    public ChainRecord ToRecord() => new(Sequence, Key, Type, Subject, Actor, Time, DetailsJson, PreviousHash, Hash);
}
