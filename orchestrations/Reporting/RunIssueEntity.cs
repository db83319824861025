using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Reporting;

/// <summary>The issue opened for a run: partition "run", row key = run id.</summary>
public sealed class RunIssueEntity : ITableEntity
{
    public const string Partition = "run";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Number { get; set; }
    public string Url { get; set; } = "";
    public bool Outboxed { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
}
