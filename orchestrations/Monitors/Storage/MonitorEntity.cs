using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>
/// A monitor's row (table <c>Monitors</c>, one partition, row key = monitor id): its definition, its watermark (an
/// event row-key bound: every event newer than it is still to be looked at) and the batch being sent, if any.
/// Every write is a replace under the row's ETag, so the API and any number of scanners never overwrite each other.
/// </summary>
public sealed class MonitorEntity : ITableEntity
{
    public const string Partition = "monitor";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Owner { get; set; } = "";
    public string Name { get; set; } = "";
    public string EventType { get; set; } = "";
    public string? Subject { get; set; }
    public string ConditionsJson { get; set; } = "{}";
    public string Channel { get; set; } = "";
    public string? Target { get; set; }
    public int? RateLimitPerHour { get; set; }
    public string? QuietHours { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string? Schedule { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>notify, propose or both (<see cref="MonitorActions"/>); rows from before proposals read as notify.</summary>
    public string Action { get; set; } = MonitorActions.Notify;

    public int ProposeAfter { get; set; } = MonitorActions.DefaultProposeAfter;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Which write created it (a keyed request's operation id, or an id of its own): an insert whose answer was
    /// lost, sent again by the storage client, finds its own row by it.</summary>
    public string? WriteId { get; set; }

    /// <summary>Event row-key bound: events with a smaller row key (newer) are still to be looked at.</summary>
    public string Watermark { get; set; } = "";

    /// <summary>The batch claimed for sending (JSON of <see cref="MonitorBatch"/>), or null.</summary>
    public string? PendingJson { get; set; }

    /// <summary>The scanner holding the pending batch and until when; an expired lease may be taken over.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Scheduled monitors: when the last summary went out.</summary>
    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>Rate limit: start of the current hour window and messages sent in it.</summary>
    public DateTimeOffset? WindowStart { get; set; }
    public int WindowCount { get; set; }

    public DateTimeOffset? LastFiredAt { get; set; }
    public long FiredCount { get; set; }
    public string? LastError { get; set; }
}
