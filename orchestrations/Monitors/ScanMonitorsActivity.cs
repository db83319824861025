using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>Scans every enabled monitor once (see <see cref="MonitorScanner"/>) and reports what it sent.</summary>
[DurableTask(nameof(ScanMonitorsActivity))]
public sealed class ScanMonitorsActivity(MonitorScanner scanner) : TaskActivity<DateTimeOffset, ScanReport>
{
    public override Task<ScanReport> RunAsync(TaskActivityContext context, DateTimeOffset tick) => scanner.ScanAsync();
}
