using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// One monitor scan per timer tick. The instance id is derived from the tick (<see cref="MonitorScans.InstanceId"/>)
/// and scheduled with every status deduplicated, so however many hosts' timers fire for one tick, and however often
/// a host restarts, the tick is scanned once. The scan itself is an activity; the exactly-once watermarks and batch
/// claims on the monitors' rows (<see cref="MonitorScanner"/>) hold even if that activity is delivered twice.
/// </summary>
[DurableTask(nameof(MonitorScanOrchestrator))]
public sealed class MonitorScanOrchestrator : TaskOrchestrator<DateTimeOffset, ScanReport>
{
    public override Task<ScanReport> RunAsync(TaskOrchestrationContext context, DateTimeOffset tick)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<ScanReport>(nameof(ScanMonitorsActivity), tick);
    }
}
