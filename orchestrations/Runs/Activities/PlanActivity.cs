using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>Plans the change (a model call, once per run) or, for supplied code, takes the manual plan; says which judges to route to.</summary>
[DurableTask(nameof(PlanActivity))]
public sealed class PlanActivity(
    RunMaterials materials, RunSteps steps, RunStore runs, ModificationPipeline modification, CreationPipeline creation, RewardModel rewardModel)
    : TaskActivity<RunInput, PlanOutcome>
{
    public override async Task<PlanOutcome> RunAsync(TaskActivityContext context, RunInput input)
    {
        var id = input.RunId;
        var request = await materials.RequestAsync(id);
        return await runs.OnStepAsync(id, RunStepNames.Plan, async () =>
        {
            if (request.Kind == RunKind.Creation)
            {
                var created = await steps.RunAsync(id, RunStepNames.Plan, 0, (ledger, ct) => creation.PlanAsync(request, ledger, ct));
                return new PlanOutcome(created.RoutedChecks().Order().ToList(), false, rewardModel.JudgesAfterGateFailure);
            }
            var basis = await materials.BasisAsync(id);
            var plan = await steps.RunAsync(id, RunStepNames.Plan, 0, (ledger, ct) => modification.PlanAsync(request, basis, ledger, ct));
            return new PlanOutcome(plan.RoutedChecks().Order().ToList(), request.IsManual, rewardModel.JudgesAfterGateFailure);
        });
    }
}
