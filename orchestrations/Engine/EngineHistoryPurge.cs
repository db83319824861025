using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Engine;

/// <summary>
/// Deletes the engine history of orchestrations that finished (completed, failed or terminated) and started longer
/// than <see cref="EngineRetentionOptions.HistoryRetention"/> ago, through the Durable Task client's purge (the same
/// call in both modes). Running orchestrations, and those waiting for an approval or a timer, are never touched. Run
/// every <see cref="Interval"/> by <see cref="EngineHistoryPurgeTimer"/> standalone and by a timer-triggered function
/// on the Functions host; every host may purge, a purge of what another host already purged deletes nothing.
/// </summary>
public sealed partial class EngineHistoryPurge(
    EngineClient engine,
    IOptions<EngineRetentionOptions> options,
    TimeProvider clock,
    ILogger<EngineHistoryPurge> logger)
{
    /// <summary>How often a host purges (hourly; the Functions timer's cron says the same).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Before any instance of this project: the lower bound of the creation-time filter (Azure Tables has none below 1601).</summary>
    private static readonly DateTimeOffset Origin = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Purges what is due; returns how many instances were deleted (0 when retention is off).</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var retention = options.Value.HistoryRetention;
        if (retention <= TimeSpan.Zero)
        {
            return 0;
        }
        var filter = new PurgeInstancesFilter(Origin, clock.GetUtcNow() - retention, Finished);
        var result = await engine.Current.PurgeAllInstancesAsync(filter, cancellationToken);
        if (result.PurgedInstanceCount > 0)
        {
            LogPurged(logger, result.PurgedInstanceCount, retention);
        }
        return result.PurgedInstanceCount;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the engine history of {Count} finished orchestration(s) older than {Retention}")]
    private static partial void LogPurged(ILogger logger, int count, TimeSpan retention);
}
