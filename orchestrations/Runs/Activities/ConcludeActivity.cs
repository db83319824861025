using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// The end of a candidate's iteration in one activity: the reward decision (<see cref="DecideRewardActivity"/>) and,
/// when the candidate is accepted and nobody has to approve it, the commit (<see cref="CommitActivity"/>), the
/// deploy (<see cref="DeployActivity"/>) and, when both succeeded, the run's end (<see cref="FinishRunActivity"/>),
/// each recorded as its own step exactly as those activities record it. Each part keeps its own guarantee, so a
/// redelivery of the whole repeats nothing: the decision's first record stands, a version carrying the run's marker
/// is adopted, the deploy of a committed version is recorded once, and the run's end is recorded, notified and
/// audited once. One activity instead of four saves three queue hops of the engine per run.
/// </summary>
[DurableTask(nameof(ConcludeActivity))]
public sealed class ConcludeActivity(
    RunMaterials materials, RunSteps steps, RunStore runs, RunAudit audit, RunChain chain, RewardModel rewardModel,
    ModificationPipeline modification, CreationPipeline creation, RunNotifier notifier)
    : TaskActivity<ConcludeCall, ConcludeOutcome>
{
    private readonly DecideRewardActivity _decide = new(materials, steps, audit, chain, rewardModel);
    private readonly CommitActivity _commit = new(materials, steps, runs, modification, creation);
    private readonly DeployActivity _deploy = new(materials, steps, runs, modification);
    private readonly FinishRunActivity _finish = new(materials, steps, runs, audit, notifier);

    public override async Task<ConcludeOutcome> RunAsync(TaskActivityContext context, ConcludeCall input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reward = input.Reward;
        var decision = await _decide.RunAsync(context, reward);
        if (!decision.Accepted || decision.RequiresApproval || !input.Settle)
        {
            return new ConcludeOutcome(decision, null, null);
        }
        var commit = await _commit.RunAsync(context, new CommitCall(reward.RunId, reward.Iteration));
        if (commit.Version is not { } version)
        {
            return new ConcludeOutcome(decision, commit, null);
        }
        var deploy = input.Deploy ? await _deploy.RunAsync(context, new DeployCall(reward.RunId, version, input.Environment)) : null;
        if (deploy is { Deployed: false })
        {
            return new ConcludeOutcome(decision, commit, deploy);
        }
        var finish = await _finish.RunAsync(context, new FinishCall(reward.RunId, new RunFinish(RunStatus.Succeeded, null, version)));
        return new ConcludeOutcome(decision, commit, deploy, finish);
    }
}
