using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableObjects.Orchestrations;

/// <summary>Registrations of the pipeline runs: options, journal and stores, gates, pipelines, launcher, resumer.</summary>
public static class RunsExtensions
{
    public static IServiceCollection AddDurableObjectsRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PipelineOptions>(configuration.GetSection(PipelineOptions.Section));
        services.AddSingleton<RunPayloads>();
        services.AddSingleton<RunJournal>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunPolicyStore>();
        services.AddSingleton<SandboxGates>();
        services.AddSingleton<CandidateLoop>();
        services.AddSingleton<ModificationPipeline>();
        services.AddSingleton<CreationPipeline>();
        services.AddSingleton<RunPipeline>();
        services.AddSingleton<RunNotifier>();
        services.TryAddSingleton<IRunStepObserver, NoRunStepObserver>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<IRunLauncher>(sp => sp.GetRequiredService<RunLauncher>());
        services.AddHostedService<RunResumer>();
        return services;
    }
}
