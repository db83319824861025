using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// A run's start in one activity: its policy (<see cref="ResolvePolicyActivity"/>) beside, for a modification, its
/// context (<see cref="LoadContextActivity"/>) and then its plan (<see cref="PlanActivity"/>), and then — unless the
/// run has a budget, whose spend the orchestrator checks before each priced step — the first candidate
/// (<see cref="GenerateActivity"/>). Each step is recorded exactly as its own activity records it, so a redelivery
/// repeats nothing done: the policy's and the basis's first records stand, and a recorded plan or candidate is not asked
/// of the model again. One activity instead of three in a row saves two queue hops of the engine per run.
/// </summary>
[DurableTask(nameof(PrepareRunActivity))]
public sealed class PrepareRunActivity(
    RunMaterials materials, ResolvePolicyActivity policies, LoadContextActivity basis, PlanActivity planner, GenerateActivity generator)
    : TaskActivity<RunInput, PrepareOutcome>
{
    public override async Task<PrepareOutcome> RunAsync(TaskActivityContext context, RunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await materials.RequestAsync(input.RunId);
        var resolving = policies.RunAsync(context, input);
        if (request.Kind == RunKind.Modification)
        {
            await basis.RunAsync(context, input);
        }
        var plan = await planner.RunAsync(context, input);
        var policy = await resolving;
        var first = policy.Budget is null ? await generator.RunAsync(context, new StepCall(input.RunId, 1)) : null;
        return new PrepareOutcome(policy, plan, first);
    }
}
