using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// The end of a candidate's iteration in one activity: the reward decision (<see cref="DecideRewardActivity"/>) and,
/// when the candidate is accepted and nobody has to approve it, the commit (<see cref="CommitActivity"/>), the
/// deploy (<see cref="DeployActivity"/>) and, when both succeeded, the run's end (<see cref="FinishRunActivity"/>),
/// each recorded as its own step exactly as those activities record it. Each part keeps its own guarantee, so a
/// redelivery of the whole repeats nothing: the decision's first record stands, a version carrying the run's marker
/// is adopted, the deploy of a committed version is recorded once, and the run's end is recorded, notified and
/// audited once. One activity instead of four saves three queue hops of the engine per run.
/// <para>
/// Once the decision is made, a part that throws does not fail the whole: the outcome carries what succeeded before
/// it, and the orchestrator schedules the rest as their own activities (<see cref="RunFlow"/> does so for every part
/// an outcome lacks). A version that was committed and deployed is thus never reported as a failed run because,
/// say, a storage error interrupted recording its end, and a part that fails again fails under its own step's name.
/// </para>
/// </summary>
[DurableTask(nameof(ConcludeActivity))]
public sealed class ConcludeActivity(
    DecideRewardActivity decider, CommitActivity committer, DeployActivity deployer, FinishRunActivity finisher, ILogger<ConcludeActivity> logger)
    : TaskActivity<ConcludeCall, ConcludeOutcome>
{
    public override async Task<ConcludeOutcome> RunAsync(TaskActivityContext context, ConcludeCall input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reward = input.Reward;
        var decision = await decider.RunAsync(context, reward);
        var outcome = new ConcludeOutcome(decision, null, null);
        if (!decision.Accepted || decision.RequiresApproval || !input.Settle)
        {
            return outcome;
        }
        var step = RunStepNames.Commit;
        try
        {
            var commit = await committer.RunAsync(context, new CommitCall(reward.RunId, reward.Iteration));
            outcome = outcome with { Commit = commit };
            if (commit.Version is not { } version)
            {
                return outcome;
            }
            step = RunStepNames.Deploy;
            if (input.Deploy)
            {
                var deploy = await deployer.RunAsync(context, new DeployCall(reward.RunId, version, input.Environment));
                outcome = outcome with { Deploy = deploy };
                if (!deploy.Deployed)
                {
                    return outcome;
                }
            }
            step = RunStepNames.Finished;
            var finish = await finisher.RunAsync(context, new FinishCall(reward.RunId, new RunFinish(RunStatus.Succeeded, null, version)));
            return outcome with { Finish = finish };
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            logger.LogWarning(failed, "Run {RunId}: step {Step} failed inside the conclusion; the orchestrator runs it as its own activity.",
                reward.RunId, step);
            return outcome;
        }
    }
}
