using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// Stores the accepted candidate as the object's next version (or, for a creation, creates the object). Exactly once:
/// a version carrying this run's marker is adopted, never added twice, even when the engine delivers this again. A
/// modification's version is stored only while the version the run worked from is still the one a new version follows:
/// a version added since by anyone else fails the run (<c>failed</c>, the reason naming both versions) and commits
/// nothing. <see cref="ConcludeActivity"/> commits through this too.
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
            // A modification commits only on top of the version it worked from (its context step's basis).
            var candidateRead = materials.CandidateAsync(id, input.Iteration);
            var basisRead = request.Kind == RunKind.Creation ? Task.FromResult<RunBasis?>(null) : BasisAsync(id);
            var (candidate, basis) = (await candidateRead, await basisRead);
            try
            {
                var commit = await steps.RunAsync(id, RunStepNames.Commit, 0, (_, ct) => basis is null
                    ? creation.CommitAsync(id, request, candidate, ct)
                    : modification.CommitAsync(id, request, candidate, basis.Version, ct));
                return new CommitOutcome(commit.Version, null);
            }
            catch (RunStoppedException refused)
            {
                return new CommitOutcome(null, refused.Message);
            }
        });
    }

    private async Task<RunBasis?> BasisAsync(string runId) => await materials.BasisAsync(runId);
}
