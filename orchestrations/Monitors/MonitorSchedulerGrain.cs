namespace DurableObjects.Orchestrations.Monitors;

/// <summary>The cluster's monitor scheduler: a thin, non-reentrant shell around <see cref="MonitorScanner"/>.</summary>
public sealed class MonitorSchedulerGrain(MonitorScanner scanner) : Grain, IMonitorSchedulerGrain
{
    public Task<ScanReport> ScanNowAsync() => scanner.ScanAsync();
}
