using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// A modification's preparation in one activity: its context (<see cref="LoadContextActivity"/>: the current version,
/// recorded as the basis) and then its plan (<see cref="PlanActivity"/>: the model call), each recorded as its own step
/// exactly as those activities record it. A redelivery repeats nothing done: the basis's first record stands, and a
/// recorded plan is not asked of the model again. One activity instead of two saves a queue hop of the engine per run.
/// </summary>
[DurableTask(nameof(PrepareModificationActivity))]
public sealed class PrepareModificationActivity(
    RunMaterials materials, RunSteps steps, RunStore runs, ModificationPipeline modification, CreationPipeline creation, RewardModel rewardModel)
    : TaskActivity<RunInput, PlanOutcome>
{
    private readonly LoadContextActivity _context = new(materials, steps, runs, modification);
    private readonly PlanActivity _plan = new(materials, steps, runs, modification, creation, rewardModel);

    public override async Task<PlanOutcome> RunAsync(TaskActivityContext context, RunInput input)
    {
        await _context.RunAsync(context, input);
        return await _plan.RunAsync(context, input);
    }
}
