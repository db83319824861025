using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// A modification's basis: the current version's files and API, recorded at the start so every later step plans,
/// generates and checks against the same code even if the object changes meanwhile. Returns the version number.
/// </summary>
[DurableTask(nameof(LoadContextActivity))]
public sealed class LoadContextActivity(RunMaterials materials, RunSteps steps, RunStore runs, ModificationPipeline modification)
    : TaskActivity<RunInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RunInput input)
    {
        var request = await materials.RequestAsync(input.RunId);
        return await runs.OnStepAsync(input.RunId, RunStepNames.Context, async () =>
        {
            // A read: a redelivery may load again, and the first record is the basis every later step uses.
            var (basis, _) = await steps.RunRepeatableAsync(input.RunId, RunStepNames.Context, 0, ct => modification.LoadBasisAsync(request, ct));
            return basis.Version;
        });
    }
}
