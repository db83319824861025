using DurableObjects.Orchestrations.Monitors;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations;

/// <summary>The monitor scan's orchestrator and activity, for the Durable Task worker.</summary>
public static class MonitorTasks
{
    public static DurableTaskRegistry AddMonitorTasks(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks.AddOrchestrator<MonitorScanOrchestrator>().AddActivity<ScanMonitorsActivity>();
    }
}
