using DurableObjects.Orchestrations.Engine;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Activities;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableObjects.Orchestrations;

/// <summary>Registrations of the pipeline runs: options, stores and read model, gates, the kinds' work, launcher, and the engine's tasks.</summary>
public static class RunsExtensions
{
    public static IServiceCollection AddDurableObjectsRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PipelineOptions>(configuration.GetSection(PipelineOptions.Section));
        services.Configure<Runs.Budget.BudgetPrices>(configuration.GetSection(Runs.Budget.BudgetPrices.Section));
        services.AddSingleton<RunPayloads>();
        services.AddSingleton<RunSteps>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunReadModel>();
        services.AddSingleton<RunMaterials>();
        services.AddSingleton<RunAudit>();
        services.AddSingleton<RunChain>();
        services.AddSingleton<RunPolicyStore>();
        services.AddSingleton<RunPolicyService>();
        services.AddSingleton<CheckRunners>();
        services.AddSingleton<SandboxGates>();
        services.AddSingleton<ModificationPipeline>();
        services.AddSingleton<CreationPipeline>();
        services.AddSingleton<RunNotifier>();
        services.TryAddSingleton<IRunStepObserver, NoRunStepObserver>();
        services.TryAddSingleton<EngineClient>();
        services.AddSingleton<RunStartLimiter>();
        services.AddSingleton<RunLauncher>();
        // The combined activities (PrepareRunActivity, ConcludeActivity) are made of these; the engine builds every
        // activity per call from the services, so the parts are built the same way.
        services.AddTransient<ResolvePolicyActivity>();
        services.AddTransient<LoadContextActivity>();
        services.AddTransient<PlanActivity>();
        services.AddTransient<GenerateActivity>();
        services.AddTransient<DecideRewardActivity>();
        services.AddTransient<CommitActivity>();
        services.AddTransient<DeployActivity>();
        services.AddTransient<FinishRunActivity>();
        services.AddSingleton<IRunLauncher>(sp => sp.GetRequiredService<RunLauncher>());
        return services;
    }

    /// <summary>Every orchestrator and activity of the runs, for the Durable Task worker.</summary>
    public static DurableTaskRegistry AddRunTasks(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks
            .AddOrchestrator<ModificationOrchestrator>()
            .AddOrchestrator<CreationOrchestrator>()
            .AddActivity<ResolvePolicyActivity>()
            .AddActivity<LoadContextActivity>()
            .AddActivity<PlanActivity>()
            .AddActivity<PrepareRunActivity>()
            .AddActivity<GenerateActivity>()
            .AddActivity<RunGateActivity>()
            .AddActivity<RunJudgeActivity>()
            .AddActivity<DecideRewardActivity>()
            .AddActivity<ConcludeActivity>()
            .AddActivity<RequestApprovalActivity>()
            .AddActivity<RecordApprovalActivity>()
            .AddActivity<CommitActivity>()
            .AddActivity<DeployActivity>()
            .AddActivity<MeasureSpendActivity>()
            .AddActivity<FinishRunActivity>();
    }
}
