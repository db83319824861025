using Cronos;
using DurableObjects.Orchestrations.Engine;
using DurableObjects.Orchestrations.Monitors;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Triggers;

/// <summary>
/// The monitors on the Functions host: a timer trigger on the app setting <c>MONITOR_SCAN_SCHEDULE</c> (a six-field
/// cron, the same as <c>DurableObjects:Monitors:Schedule</c>, which standalone mode's timer reads) schedules the tick's
/// scan orchestration (instance id = the tick, deduplicated across instances), which runs the scan activity.
/// </summary>
public sealed class MonitorFunctions(MonitorScans scans, IOptions<MonitorOptions> options, TimeProvider clock)
{
    /// <summary>How far back a late timer still names the tick it was due for.</summary>
    private static readonly TimeSpan LateBound = TimeSpan.FromMinutes(5);

    [Function("MonitorScanTimer")]
    public async Task Tick([TimerTrigger("%MONITOR_SCAN_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using (EngineClient.Use(client))
        {
            await scans.ScheduleTickAsync(DueTick(options.Value.Schedule, clock.GetUtcNow()), function.CancellationToken);
        }
    }

    /// <summary>
    /// The occurrence of <paramref name="schedule"/> this firing is for: the latest one at or before
    /// <paramref name="now"/> (the timer fires at it, maybe a little late), so every instance names the same tick.
    /// </summary>
    public static DateTimeOffset DueTick(string schedule, DateTimeOffset now)
    {
        var cron = MonitorCron.Parse(schedule);
        var due = cron.GetOccurrences(now - LateBound, now, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true).LastOrDefault();
        return due == default ? new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : due;
    }

    [Function(nameof(MonitorScanOrchestrator))]
    public static Task<ScanReport> Scan([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MonitorScanOrchestrator().RunAsync(context, context.GetInput<DateTimeOffset>());

    [Function(nameof(ScanMonitorsActivity))]
    public static Task<ScanReport> ScanMonitors([ActivityTrigger] DateTimeOffset tick, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        ActivityTriggers.RunAsync<ScanMonitorsActivity, DateTimeOffset, ScanReport>(function, client, tick);
}
