using DurableObjects.AI.Rewards;
using DurableObjects.AI.Judges;
using DurableObjects.AI.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.AI.Configuration;

/// <summary>Registers the AI services: options, the per-role chat client factory, planners, generators, judges, reward model.</summary>
public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AiOptions"/> from the <c>AI</c> section and registers the pipeline steps as singletons.
    /// Resolving a planner or generator when no model is configured throws <see cref="ModelNotConfiguredException"/>;
    /// the <see cref="RewardModel"/> always resolves and reports its judges as skipped instead.
    /// </summary>
    public static IServiceCollection AddDurableObjectsAI(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<AiOptions>(configuration.GetSection(AiOptions.SectionName));
        services.TryAddSingleton<IChatClientFactory, ChatClientFactory>();
        services.TryAddSingleton(sp => Step(sp, ModelRole.Planner, (c, s, l) => new CodePlanner(c, s, l.CreateLogger<CodePlanner>())));
        services.TryAddSingleton(sp => Step(sp, ModelRole.Generator, (c, s, l) => new CodeGenerator(c, s, l.CreateLogger<CodeGenerator>())));
        services.TryAddSingleton(sp => Step(sp, ModelRole.Planner, (c, s, l) => new CreationPlanner(c, s, l.CreateLogger<CreationPlanner>())));
        services.TryAddSingleton(sp => Step(sp, ModelRole.Generator, (c, s, l) => new CreationGenerator(c, s, l.CreateLogger<CreationGenerator>())));
        services.TryAddSingleton(CreateRewardModel);
        return services;
    }

    private static T Step<T>(IServiceProvider services, ModelRole role, Func<Microsoft.Extensions.AI.IChatClient, ModelCallSettings, ILoggerFactory, T> create)
    {
        var factory = services.GetRequiredService<IChatClientFactory>();
        return create(factory.GetClient(role), factory.GetCallSettings(role), Loggers(services));
    }

    private static RewardModel CreateRewardModel(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IChatClientFactory>();
        var loggers = Loggers(services);
        var problem = factory.GetConfigurationProblem(ModelRole.Judge);
        if (problem is not null)
        {
            return new RewardModel([], new RewardModelOptions { JudgesUnavailableReason = problem }, loggers.CreateLogger<RewardModel>());
        }

        var client = factory.GetClient(ModelRole.Judge);
        var settings = factory.GetCallSettings(ModelRole.Judge);
        IJudge[] judges =
        [
            new PreferenceJudge(client, settings, loggers.CreateLogger<PreferenceJudge>()),
            new ConstraintChecker(client, settings, loggers.CreateLogger<ConstraintChecker>()),
            new FactualityVerifier(client, settings, loggers.CreateLogger<FactualityVerifier>()),
        ];
        return new RewardModel(judges, new RewardModelOptions(), loggers.CreateLogger<RewardModel>());
    }

    private static ILoggerFactory Loggers(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
