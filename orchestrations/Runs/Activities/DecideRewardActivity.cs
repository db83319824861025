using DurableObjects.AI.Metrics;
using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Audit;
using Microsoft.DurableTask;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// The fan-in: merges the gates' reports and the judges' verdicts of one candidate and lets the reward model decide
/// (hard gates, each judge against its threshold). Records the merged gate report and the evaluation with its
/// feedback (what the next iteration's generator reads), audits an acceptance, and appends every decision to the
/// decision chain (keyed by run and iteration, so a re-delivery adds nothing).
/// </summary>
[DurableTask(nameof(DecideRewardActivity))]
public sealed class DecideRewardActivity(RunMaterials materials, RunSteps steps, RunAudit audit, RunChain chain, RewardModel rewardModel)
    : TaskActivity<RewardCall, RewardDecision>
{
    public override async Task<RewardDecision> RunAsync(TaskActivityContext context, RewardCall input)
    {
        var (id, i) = (input.RunId, input.Iteration);
        // Whether an earlier delivery decided already (then it was audited) is read beside the gates' record.
        var earlier = steps.FindAsync<RewardEvaluation>(id, RunStepNames.Evaluate(i));
        var report = await steps.RunAsync(id, RunStepNames.Gates(i), i, (_, _) => Task.FromResult(SandboxGates.Merge(input.Gates)));
        var decidedBefore = (await earlier).Found;
        var evaluation = await steps.RunAsync(id, RunStepNames.Evaluate(i), i, async (_, ct) =>
        {
            var candidate = await materials.CandidateAsync(id, i, ct);
            var panel = new JudgePanelResult(
                input.Judges.Select(j => j.Verdict).OfType<JudgeVerdict>().ToList(),
                input.Judges.Select(j => j.Skipped).OfType<SkippedJudge>().ToList());
            var metrics = input.JudgesSkippedForGates ? null : CodeMetricsCalculator.Measure(candidate.Files);
            return rewardModel.Decide(report.Gates, panel, input.Checks.ToHashSet(), input.Thresholds, input.JudgesSkippedForGates, metrics);
        });
        await chain.RecordDecisionAsync(id, i, await materials.CandidateAsync(id, i), evaluation);
        if (evaluation.Accepted && !decidedBefore)
        {
            await audit.AppendAsync(id, AuditEventTypes.RunAccepted, new() { ["iteration"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        return new RewardDecision(evaluation.Accepted, evaluation.RejectionReasons, evaluation.RequiresApproval);
    }
}
