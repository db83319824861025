using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations;

/// <summary>Registrations of the grains' services: compiler, artifact cache, runner pool, deployer.</summary>
public static class OrchestrationsExtensions
{
    public const string RunnerSection = "DurableObjects:Runner";

    public static IServiceCollection AddDurableObjectsOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EnvironmentOptions>(configuration.GetSection(EnvironmentOptions.Section));
        services.AddOptions<RunnerOptions>().Bind(configuration.GetSection(RunnerSection)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunnerOptions>, RunnerOptionsValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RunnerOptions>>().Value);
        services.AddSingleton(sp => new ObjectCompiler(logger: sp.GetRequiredService<ILogger<ObjectCompiler>>()));
        services.AddSingleton(sp => new RunnerPool(sp.GetRequiredService<RunnerOptions>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ArtifactCache>();
        services.AddSingleton<Deployer>();
        services.AddTransient<ServingRunners>();
        services.AddHostedService<SandboxWarmup>();
        return services;
    }
}
