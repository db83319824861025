using DurableObjects.Orchestrations.Engine;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>
/// The engine's housekeeping on the Functions host: every hour (at minute 17, away from the monitors' ticks on the
/// hour) the history of finished orchestrations older than <c>DurableObjects:Engine:HistoryRetention</c> is purged,
/// as standalone mode's <see cref="EngineHistoryPurgeTimer"/> does.
/// </summary>
public sealed class EngineFunctions(EngineHistoryPurge purge)
{
    [Function("EngineHistoryPurgeTimer")]
    public async Task Purge([TimerTrigger("0 17 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        using (EngineClient.Use(client))
        {
            await purge.PurgeAsync(function.CancellationToken);
        }
    }
}
