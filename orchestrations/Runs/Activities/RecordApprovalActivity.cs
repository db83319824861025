using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// Records the decision that ended the wait (a person's, or the expiry's) in the run and in the decision chain, and
/// puts the run back to <c>running</c>.
/// </summary>
[DurableTask(nameof(RecordApprovalActivity))]
public sealed class RecordApprovalActivity(RunSteps steps, RunStore runs, RunChain chain) : TaskActivity<ApprovalRecord, ApprovalDecision>
{
    public override async Task<ApprovalDecision> RunAsync(TaskActivityContext context, ApprovalRecord input)
    {
        var decision = await steps.RecordAsync(input.RunId, RunStepNames.Approval, input.Decision);
        await chain.RecordApprovalAsync(input.RunId, decision);
        await runs.MergeAsync(input.RunId, new Dictionary<string, object?>
        {
            [nameof(RunEntity.Status)] = RunStatus.Running.ToWire(),
            [nameof(RunEntity.CurrentStep)] = RunStepNames.Approval,
        });
        return decision;
    }
}
