using DurableObjects.Orchestrations;
using DurableObjects.Orchestrations.Engine;
using DurableObjects.Shared.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// Standalone mode's durable engine: the in-process sidecar over the Azure Storage provider (same account as the
/// objects, task hub from <c>extensions.durableTask</c>), this host's Durable Task worker with every orchestrator and
/// activity, the client the API schedules and steers runs with, and a warm-up at start.
/// </summary>
public static class EngineExtensions
{
    public static WebApplicationBuilder AddDurableObjectsEngine(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var endpoint = new EngineEndpoint();
        var services = builder.Services;
        services.AddSingleton(endpoint);
        services.AddSingleton(options);
        services.AddSingleton(sp => new DurableTaskSidecar(storage.EffectiveConnectionString, options, endpoint, sp.GetRequiredService<ILoggerFactory>()));
        // Before the worker's own hosted service, so the sidecar listens when the worker connects.
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskSidecar>());
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(tasks => tasks.AddRunTasks().AddMonitorTasks().AddOrchestrator<WarmupOrchestrator>());
            worker.UseGrpc(endpoint.Channel);
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(endpoint.Channel);
            client.RegisterDirectly();
        });
        services.AddHostedService<EngineWarmup>();
        return builder;
    }
}
