using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>Records the decision that ended the wait (a person's, or the expiry's) and puts the run back to <c>running</c>.</summary>
[DurableTask(nameof(RecordApprovalActivity))]
public sealed class RecordApprovalActivity(RunSteps steps, RunStore runs) : TaskActivity<ApprovalRecord, ApprovalDecision>
{
    public override async Task<ApprovalDecision> RunAsync(TaskActivityContext context, ApprovalRecord input)
    {
        var decision = await steps.RecordAsync(input.RunId, RunStepNames.Approval, input.Decision);
        await runs.MergeAsync(input.RunId, new Dictionary<string, object?>
        {
            [nameof(RunEntity.Status)] = RunStatus.Running.ToWire(),
            [nameof(RunEntity.CurrentStep)] = RunStepNames.Approval,
        });
        return decision;
    }
}
