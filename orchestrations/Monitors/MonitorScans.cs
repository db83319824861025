using DurableObjects.Orchestrations.Engine;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Starts monitor-scan orchestrations: one per timer tick (instance id = the tick, deduplicated in every status, so one
/// scan per tick across all hosts and restarts), or one now for an admin who does not want to wait for the timer.
/// </summary>
public sealed class MonitorScans(EngineClient engine, TimeProvider clock)
{
    private static readonly TimeSpan NowBound = TimeSpan.FromMinutes(2);

    /// <summary>The scan orchestration's instance id for a tick: the same on every host.</summary>
    public static string InstanceId(DateTimeOffset tick) =>
        "monitor-scan-" + tick.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Schedules the scan of one tick unless any host already did; true when this call scheduled it.</summary>
    public async Task<bool> ScheduleTickAsync(DateTimeOffset tick, CancellationToken cancellationToken = default)
    {
        var start = new StartOrchestrationOptions(InstanceId(tick)).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>());
        try
        {
            await engine.Current.ScheduleNewOrchestrationInstanceAsync(nameof(MonitorScanOrchestrator), tick, start, cancellationToken);
            return true;
        }
        catch (Exception e) when (AlreadyExists(e))
        {
            return false;
        }
    }

    /// <summary>
    /// The engine's "that instance id is taken" answer: the client raises DurableTask.Core's
    /// OrchestrationAlreadyExistsException, or the gRPC status AlreadyExists, depending on the backend.
    /// </summary>
    private static bool AlreadyExists(Exception e) =>
        e.GetType().Name == "OrchestrationAlreadyExistsException"
        || (e.GetType().Name == "RpcException" && e.Message.Contains("AlreadyExists", StringComparison.Ordinal));

    /// <summary>Scans now (its own instance) and waits for the report, polling the instance (the engine's own wait polls every 2 s).</summary>
    public async Task<ScanReport> ScanNowAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var id = "monitor-scan-now-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture);
        await engine.Current.ScheduleNewOrchestrationInstanceAsync(nameof(MonitorScanOrchestrator), now, new StartOrchestrationOptions(id), cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(NowBound);
        while (true)
        {
            var instance = await engine.Current.GetInstanceAsync(id, getInputsAndOutputs: true, limit.Token);
            if (instance is { IsCompleted: true })
            {
                return instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                    ? instance.ReadOutputAs<ScanReport>() ?? ScanReport.Empty
                    : throw new InvalidOperationException($"The monitor scan ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
            }
            await Task.Delay(50, limit.Token);
        }
    }
}
