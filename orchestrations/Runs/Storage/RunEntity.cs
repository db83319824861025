using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>
/// A run's row in the <c>Runs</c> table: partition "run", row key = run id (time-ordered), the request (inline or by
/// blob reference) and the run's current status. Inserted by the launcher; updated by the run's activities (merging only the columns they know).
/// </summary>
public sealed class RunEntity : ITableEntity
{
    public const string Partition = "run";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public string ObjectKey { get; set; } = "";
    public string ObjectName { get; set; } = "";
    public string Status { get; set; } = "";
    public string Requester { get; set; } = "";
    public string? RequestJson { get; set; }
    public string? RequestRef { get; set; }
    public string CurrentStep { get; set; } = "";
    public string? Reason { get; set; }
    public int? Version { get; set; }
    public int MaxIterations { get; set; }
    public bool Manual { get; set; }
    public string? Prompt { get; set; }

    /// <summary>The monitor that proposed the run ("monitor {id} ({name})"); null when a person asked.</summary>
    public string? ProposedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
