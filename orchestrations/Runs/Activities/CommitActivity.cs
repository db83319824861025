using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// Stores the accepted candidate as the object's next version (or, for a creation, creates the object). Exactly once:
/// a version carrying this run's marker is adopted, never added twice, even when the engine delivers this again.
/// </summary>
[DurableTask(nameof(CommitActivity))]
public sealed class CommitActivity(RunMaterials materials, RunSteps steps, RunStore runs, ModificationPipeline modification, CreationPipeline creation)
    : TaskActivity<CommitCall, CommitOutcome>
{
    public override async Task<CommitOutcome> RunAsync(TaskActivityContext context, CommitCall input)
    {
        var id = input.RunId;
        var request = await materials.RequestAsync(id);
        return await runs.OnStepAsync(id, RunStepNames.Commit, async () =>
        {
            var candidate = await materials.CandidateAsync(id, input.Iteration);
            try
            {
                var commit = await steps.RunAsync(id, RunStepNames.Commit, 0, (_, ct) => request.Kind == RunKind.Creation
                    ? creation.CommitAsync(id, request, candidate, ct)
                    : modification.CommitAsync(id, request, candidate, ct));
                return new CommitOutcome(commit.Version, null);
            }
            catch (RunStoppedException refused)
            {
                return new CommitOutcome(null, refused.Message);
            }
        });
    }
}
