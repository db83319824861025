using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Audit;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>
/// An audit event's row: one partition, row key = inverted ticks + a random suffix, so listings come newest
/// first and two events in the same tick never collide. The partition also holds the rows of events recorded once per
/// write (<see cref="OnceRowKeyOf"/>): their keys start with <see cref="OncePrefix"/> and sort after every event's, so
/// a range of event keys never includes them; a query of the whole partition bounds its keys below that prefix.
/// </summary>
public sealed class EventEntity : ITableEntity
{
    public const string Partition = "event";

    /// <summary>The first character of a once key's row: after every digit, so after every event key.</summary>
    public const string OncePrefix = "~";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Type { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    public string DataJson { get; set; } = "{}";

    public static string RowKeyOf(DateTimeOffset time, string suffix) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + suffix;

    /// <summary>The row that marks the event of <paramref name="onceKey"/> as recorded (SHA-256 of the key: row keys allow few characters).</summary>
    public static string OnceRowKeyOf(string onceKey) =>
        OncePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(onceKey)));

    public AuditEvent ToEvent() => new(
        RowKey,
        Type,
        Subject,
        Actor,
        Time,
        JsonSerializer.Deserialize<Dictionary<string, string>>(DataJson) ?? []);
}
