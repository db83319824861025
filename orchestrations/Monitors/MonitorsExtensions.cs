using DurableObjects.Orchestrations.Engine;
using DurableObjects.Orchestrations.Monitors;
using DurableObjects.Orchestrations.Monitors.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableObjects.Orchestrations;

/// <summary>
/// Registrations of the event monitors: options, storage, the service and the scanner. The tick comes from the mode:
/// <see cref="AddMonitorTimer"/> standalone, the timer-triggered function on the Functions host.
/// </summary>
public static class MonitorsExtensions
{
    public static IServiceCollection AddDurableObjectsMonitors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitorOptions>()
            .Bind(configuration.GetSection(MonitorOptions.Section))
            .Validate(o => MonitorCron.Check(o.Schedule, TimeZoneInfo.Utc, TimeSpan.Zero, DateTimeOffset.UtcNow) is null, $"{MonitorOptions.Section}:Schedule is not a cron expression.")
            .Validate(o => o.DigestThreshold >= 1 && o.SettleWindow >= TimeSpan.Zero && o.ClaimTimeout > TimeSpan.Zero, $"{MonitorOptions.Section}: DigestThreshold >= 1, SettleWindow >= 0, ClaimTimeout > 0.")
            .ValidateOnStart();
        services.AddSingleton<MonitorStore>();
        services.AddSingleton<MonitorEventReader>();
        services.AddSingleton<MonitorDispatcher>();
        services.AddSingleton<MonitorProposer>();
        services.AddSingleton<MonitorScanner>();
        services.AddSingleton<IMonitorService, MonitorService>();
        services.TryAddSingleton<EngineClient>();
        services.AddSingleton<MonitorScans>();
        return services;
    }

    /// <summary>Standalone mode's monitor tick: a hosted timer on the cron in <c>DurableObjects:Monitors:Schedule</c>.</summary>
    public static IServiceCollection AddMonitorTimer(this IServiceCollection services) => services.AddHostedService<MonitorTimer>();
}
