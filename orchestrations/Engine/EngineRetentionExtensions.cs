using DurableObjects.Orchestrations.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableObjects.Orchestrations;

/// <summary>
/// Registrations of the engine history purge: options and the service, in both modes. The schedule comes from the
/// mode: <see cref="AddEngineHistoryPurgeTimer"/> standalone, a timer-triggered function on the Functions host.
/// </summary>
public static class EngineRetentionExtensions
{
    public static IServiceCollection AddEngineHistoryPurge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineRetentionOptions>().Bind(configuration.GetSection(EngineRetentionOptions.Section));
        services.TryAddSingleton<EngineClient>();
        services.AddSingleton<EngineHistoryPurge>();
        return services;
    }

    /// <summary>Standalone mode's purge schedule: a hosted timer (a minute after start, then hourly).</summary>
    public static IServiceCollection AddEngineHistoryPurgeTimer(this IServiceCollection services) => services.AddHostedService<EngineHistoryPurgeTimer>();
}
