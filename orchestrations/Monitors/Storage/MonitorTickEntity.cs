using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>
/// The one row (table <c>MonitorTicks</c>) that says which timer tick was last claimed for scanning. Hosts move it
/// forward by replacing it under its ETag, so exactly one of them claims each tick.
/// </summary>
public sealed class MonitorTickEntity : ITableEntity
{
    public const string Partition = "timer";
    public const string Row = "last";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The latest tick a host claimed.</summary>
    public DateTimeOffset Tick { get; set; }

    /// <summary>The host process that claimed it (for operators).</summary>
    public string Claimant { get; set; } = "";
}
