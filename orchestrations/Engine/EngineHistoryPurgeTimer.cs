using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Engine;

/// <summary>
/// Standalone mode's purge timer (on Azure, a timer-triggered function does the same): a minute after the host has
/// started, then every <see cref="EngineHistoryPurge.Interval"/>, so a host that restarts often still purges.
/// </summary>
public sealed partial class EngineHistoryPurgeTimer(
    EngineHistoryPurge purge,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<EngineHistoryPurgeTimer> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WaitForStartAsync(stoppingToken);
            var delay = FirstDelay;
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(delay, clock, stoppingToken);
                delay = EngineHistoryPurge.Interval;
                try
                {
                    await purge.PurgeAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
                {
                    // Whatever failed (a timeout included), the host goes on: a purge missed is done at the next one.
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging finished orchestrations' engine history failed; the next interval retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
