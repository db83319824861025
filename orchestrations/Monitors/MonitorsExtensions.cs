using DurableObjects.Orchestrations.Monitors;
using DurableObjects.Orchestrations.Monitors.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations;

/// <summary>Registrations of the event monitors: options, storage, the service, the scanner and the timer.</summary>
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
        services.AddSingleton<MonitorScans>();
        services.AddHostedService<MonitorTimer>();
        return services;
    }
}
