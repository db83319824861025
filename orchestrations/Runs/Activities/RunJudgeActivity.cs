using DurableObjects.AI.Rewards;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>One LLM judge (preference, constraints or factuality) on one candidate: a model call, once per iteration and judge.</summary>
[DurableTask(nameof(RunJudgeActivity))]
public sealed class RunJudgeActivity(RunMaterials materials, RunSteps steps, RunStore runs, RewardModel rewardModel)
    : TaskActivity<JudgeCall, JudgeOutcome>
{
    public override async Task<JudgeOutcome> RunAsync(TaskActivityContext context, JudgeCall input)
    {
        var (id, i) = (input.RunId, input.Iteration);
        var request = await materials.RequestAsync(id);
        var step = RunStepNames.Judge(i, input.Kind);
        return await runs.OnStepAsync(id, step, async () =>
        {
            var candidate = await materials.CandidateAsync(id, i);
            var judgeInput = request.Kind == RunKind.Creation
                ? CreationPipeline.JudgeInput(request, candidate)
                : ModificationPipeline.JudgeInput(request, await materials.BasisAsync(id), candidate);
            // The gates ran first (their activities completed before any judge is scheduled): their measured metrics,
            // such as the mutation score, reach the judges as facts.
            judgeInput = judgeInput with { GateMetrics = await materials.GateMetricsAsync(id, i) };
            return await steps.RunAsync(id, step, i, async (ledger, ct) =>
            {
                var panel = await rewardModel.RunJudgesAsync(judgeInput, new HashSet<AI.Schemas.CheckKind> { input.Kind }, ledger, ct);
                return new JudgeOutcome(panel.Verdicts.Count > 0 ? panel.Verdicts[0] : null, panel.Skipped.Count > 0 ? panel.Skipped[0] : null);
            });
        });
    }
}
