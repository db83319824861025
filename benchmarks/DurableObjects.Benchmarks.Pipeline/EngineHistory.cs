using System.Globalization;
using Azure.Data.Tables;

namespace DurableObjects.Benchmarks.Pipeline;

/// <summary>
/// Rows a day of earlier runs leaves in the engine's task hub (kept one day by default, see README "Engine history
/// retention"): for each finished orchestration its instance row and 30 history rows, shaped as the Azure Storage
/// provider writes them (partition = instance id; history row keys = 16-digit sequence numbers). Nothing reads them but
/// the table queries that walk whole tables.
/// </summary>
public static class EngineHistory
{
    public const int RowsPerOrchestration = 30;

    /// <summary>Adds finished orchestrations until about <paramref name="historyRows"/> history rows are stored.</summary>
    public static async Task AddAsync(string connectionString, string taskHub, int historyRows)
    {
        var service = new TableServiceClient(connectionString);
        var history = service.GetTableClient(taskHub + "History");
        var instances = service.GetTableClient(taskHub + "Instances");
        var finished = DateTimeOffset.UtcNow.AddHours(-1);
        var orchestrations = (historyRows + RowsPerOrchestration - 1) / RowsPerOrchestration;
        await Parallel.ForAsync(0, orchestrations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var instance = "earlier" + i.ToString("x25", CultureInfo.InvariantCulture);
            var execution = Guid.NewGuid().ToString("N");
            var events = Enumerable.Range(0, RowsPerOrchestration).Select(n => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(instance, n.ToString("X16", CultureInfo.InvariantCulture))
                {
                    ["ExecutionId"] = execution,
                    ["EventType"] = n == 0 ? "ExecutionStarted" : n % 2 == 1 ? "TaskScheduled" : "TaskCompleted",
                    ["EventId"] = n / 2,
                    ["Name"] = "Activity" + (n / 2).ToString(CultureInfo.InvariantCulture),
                    ["Result"] = "{\"ok\":true}",
                    ["_Timestamp"] = finished,
                }));
            await history.SubmitTransactionAsync(events, ct);
            await instances.AddEntityAsync(new TableEntity(instance, "")
            {
                ["ExecutionId"] = execution,
                ["Name"] = "ModificationRun",
                ["RuntimeStatus"] = "Completed",
                ["CreatedTime"] = finished,
                ["LastUpdatedTime"] = finished,
                ["CompletedTime"] = finished,
            }, ct);
        });
    }
}
