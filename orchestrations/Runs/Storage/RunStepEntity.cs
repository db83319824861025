using Azure;
using Azure.Data.Tables;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>
/// One completed step in the <c>RunSteps</c> table: partition = run id, row key = the step's name (unique within a
/// run, so a step is recorded only once), its serialized result, the model usage it cost, and the host process that
/// did it.
/// </summary>
public sealed class RunStepEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Iteration { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public string? ResultJson { get; set; }
    public string? ResultRef { get; set; }
    public string UsageJson { get; set; } = "[]";

    /// <summary>
    /// The process that recorded the step (<c>machine/process id</c>): with several hosts on one task hub, the engine
    /// hands each activity to whichever host asks first, and this says which one did (for operators tracing a run).
    /// Null on rows written before it was recorded.
    /// </summary>
    public string? Worker { get; set; }
}
