using DurableObjects.Orchestrations.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Standalone mode's timer trigger (on Azure, the Functions timer trigger does the same): at each time of
/// <see cref="MonitorOptions.Schedule"/>, every host asks the engine for that tick's scan orchestration. Its instance id
/// is the tick, deduplicated in every status, so one scan runs per tick across all hosts and restarts.
/// </summary>
public sealed partial class MonitorTimer(
    MonitorScans scans,
    IOptions<MonitorOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<MonitorTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var cron = MonitorCron.Parse(options.Value.Schedule);
        try
        {
            // The engine's worker is a hosted service too: schedule only once the whole host has started.
            await lifetime.WaitForStartAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                if (cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
                {
                    return;
                }
                await Task.Delay(next - now, clock, stoppingToken);
                await TickAsync(next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(DateTimeOffset tick, CancellationToken cancellationToken)
    {
        try
        {
            if (await scans.ScheduleTickAsync(tick, cancellationToken))
            {
                LogScheduled(logger, MonitorScans.InstanceId(tick));
            }
        }
        // A timeout (an OperationCanceledException the host's stop did not cause) is a failed tick too, not a reason to stop the host.
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            LogTickFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor scan {InstanceId} scheduled")]
    private static partial void LogScheduled(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor scan could not be scheduled; the next tick retries")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
