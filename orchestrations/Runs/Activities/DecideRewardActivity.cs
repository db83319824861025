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
/// decision chain. The chain record and the acceptance's <c>run.accepted</c> are keyed by run and iteration, so every
/// delivery writes them and a re-delivery adds nothing (nor loses the event when the first died between the evaluation's
/// record and the event). A rejected candidate's checking runner,
/// kept on this host for a deploy that will not come, is released at once.
/// </summary>
[DurableTask(nameof(DecideRewardActivity))]
public sealed class DecideRewardActivity(RunMaterials materials, RunSteps steps, RunAudit audit, RunChain chain, RewardModel rewardModel, CheckRunners checks)
    : TaskActivity<RewardCall, RewardDecision>
{
    public override async Task<RewardDecision> RunAsync(TaskActivityContext context, RewardCall input)
    {
        var (id, i) = (input.RunId, input.Iteration);
        // Both records are pure functions of this call's input, so neither is looked up first: each is written once
        // and a redelivery finds the first record standing.
        var report = SandboxGates.Merge(input.Gates);
        var gatesRecorded = steps.RunRepeatableAsync(id, RunStepNames.Gates(i), i, _ => Task.FromResult(report));
        var candidate = await materials.CandidateAsync(id, i);
        var (evaluation, _) = await steps.RunRepeatableAsync(id, RunStepNames.Evaluate(i), i, _ =>
        {
            var panel = new JudgePanelResult(
                input.Judges.Select(j => j.Verdict).OfType<JudgeVerdict>().ToList(),
                input.Judges.Select(j => j.Skipped).OfType<SkippedJudge>().ToList());
            var metrics = input.JudgesSkippedForGates ? null : CodeMetricsCalculator.Measure(candidate.Files);
            return Task.FromResult(rewardModel.Decide(report.Gates, panel, input.Checks.ToHashSet(), input.Thresholds, input.JudgesSkippedForGates, metrics));
        });
        await gatesRecorded;
        // The decision chain and the audit event are independent writes (an acceptance is not a chained event type).
        // The event is recorded once per run and iteration: one transaction in place of an insert, no read first.
        var iteration = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Task.WhenAll(
            chain.RecordDecisionAsync(id, i, candidate, evaluation),
            evaluation.Accepted
                ? audit.AppendOnceAsync(id, AuditEventTypes.RunAccepted, new() { ["iteration"] = iteration }, scope: iteration)
                : Task.CompletedTask);
        if (!evaluation.Accepted && report.ContentHash is { Length: > 0 } hash)
        {
            await checks.ReleaseKeptAsync(CheckRunners.CandidateKey((await materials.RequestAsync(id)).ObjectName, hash));
        }
        return new RewardDecision(evaluation.Accepted, evaluation.RejectionReasons, evaluation.RequiresApproval);
    }
}
