using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// The timer trigger: on every host, at each time of <see cref="MonitorOptions.Schedule"/>, pokes the cluster's one
/// <see cref="IMonitorSchedulerGrain"/>. A poke that arrives while a scan runs waits its turn (the grain is not
/// reentrant), and this host never has more than one poke in flight.
/// </summary>
public sealed partial class MonitorTimer(
    IGrainFactory grains,
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
            // The silo is a hosted service too: call grains only once the whole host has started.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                if (cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
                {
                    return;
                }
                await Task.Delay(next - now, clock, stoppingToken);
                await PokeAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PokeAsync()
    {
        try
        {
            var report = await grains.GetGrain<IMonitorSchedulerGrain>(IMonitorSchedulerGrain.Key).ScanNowAsync();
            if (report.Messages > 0)
            {
                LogScanned(logger, report.Monitors, report.Messages, report.Events);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            LogPokeFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor scan: {Monitors} monitor(s), {Messages} message(s) for {Events} event(s)")]
    private static partial void LogScanned(ILogger logger, int monitors, int messages, int events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor scan failed; the next tick retries")]
    private static partial void LogPokeFailed(ILogger logger, Exception exception);
}
