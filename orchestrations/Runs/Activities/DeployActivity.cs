using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>Deploys the committed version into its isolated runner (compile cached, smoke check, tests, switch).</summary>
[DurableTask(nameof(DeployActivity))]
public sealed class DeployActivity(RunMaterials materials, RunSteps steps, RunStore runs, ModificationPipeline modification)
    : TaskActivity<DeployCall, DeployResult>
{
    public override async Task<DeployResult> RunAsync(TaskActivityContext context, DeployCall input)
    {
        var request = await materials.RequestAsync(input.RunId);
        return await runs.OnStepAsync(input.RunId, RunStepNames.Deploy,
            () => steps.RunAsync(input.RunId, RunStepNames.Deploy, 0, (_, _) => modification.DeployAsync(input.RunId, request, input.Version, input.Environment)));
    }
}
