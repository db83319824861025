namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// The one monitor scheduler of a cluster (key <see cref="Key"/>): every host's timer pokes it, Orleans keeps a
/// single activation and runs one call at a time, so scans never overlap within a cluster. Hosts in different
/// clusters on the same storage each have one; the ETag-guarded claims on the monitor rows keep them from sending
/// anything twice (see <see cref="MonitorScanner"/>).
/// Trust model: no caller input; it reads monitors and events from storage and notifies the monitors' owners.
/// </summary>
public interface IMonitorSchedulerGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Scans every enabled monitor now and reports what it sent.</summary>
    Task<ScanReport> ScanNowAsync();
}
