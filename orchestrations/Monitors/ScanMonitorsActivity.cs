using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Scans every enabled monitor once (see <see cref="MonitorScanner"/>) and reports what it sent. Each scan is logged
/// with its instance id (the tick), so the hosts' logs together show which host scanned which tick; a scan that found no
/// monitor at Debug, so a host without monitors does not log a line every tick.
/// </summary>
[DurableTask(nameof(ScanMonitorsActivity))]
public sealed partial class ScanMonitorsActivity(MonitorScanner scanner, ILogger<ScanMonitorsActivity> logger) : TaskActivity<DateTimeOffset, ScanReport>
{
    public override async Task<ScanReport> RunAsync(TaskActivityContext context, DateTimeOffset tick)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await scanner.ScanAsync();
        if (report.Monitors > 0)
        {
            LogScanned(logger, context.InstanceId, report.Monitors, report.Messages);
        }
        else
        {
            LogScannedNone(logger, context.InstanceId);
        }
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor scan {InstanceId} done: {Monitors} monitors, {Messages} messages")]
    private static partial void LogScanned(ILogger logger, string instanceId, int monitors, int messages);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor scan {InstanceId} done: no monitors")]
    private static partial void LogScannedNone(ILogger logger, string instanceId);
}
