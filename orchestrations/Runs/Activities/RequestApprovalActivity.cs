using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Audit;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// The accepted candidate starts waiting for a human: status <c>awaiting_approval</c>, recorded and audited with its
/// expiry, and asked for in Slack with Approve and Reject buttons (once; not in a disabled requester's own conversation,
/// which is recorded as the step <see cref="RunStepNames.ApprovalNotice"/>). Every delivery records the event, once per
/// run (<see cref="RunAudit.AppendOnceAsync(string, string, Dictionary{string, string}, string?)"/>), and only the
/// delivery that appended it asks in Slack: a delivery that died after the step's record no longer loses the event, one
/// that died after the event neither duplicates it nor asks twice, and no read of the step comes first.
/// </summary>
[DurableTask(nameof(RequestApprovalActivity))]
public sealed class RequestApprovalActivity(RunMaterials materials, RunSteps steps, RunStore runs, RunAudit audit, RunNotifier notifier)
    : TaskActivity<ApprovalWait, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ApprovalWait input)
    {
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(input.ExpiresAt, DateTimeKind.Utc));
        await steps.RecordAsync(input.RunId, RunStepNames.ApprovalRequested, new ApprovalRequest(expiresAt));
        await runs.MergeAsync(input.RunId, new Dictionary<string, object?>
        {
            [nameof(RunEntity.Status)] = RunStatus.AwaitingApproval.ToWire(),
            [nameof(RunEntity.CurrentStep)] = RunStepNames.ApprovalRequested,
        });
        if (await audit.AppendOnceAsync(input.RunId, AuditEventTypes.RunAwaitingApproval,
                new() { ["expiresAt"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }))
        {
            // Approve and Reject buttons in Slack (when configured); its failure never fails the run. Not to a disabled
            // requester: the skip is a step of the run, where a person reading the run sees it.
            var asked = await notifier.RequestApprovalAsync(input.RunId, await materials.RequestAsync(input.RunId), expiresAt);
            if (asked.Skipped is { } reason)
            {
                await steps.RecordAsync(input.RunId, RunStepNames.ApprovalNotice, new NotifyResult("slack", RunNotifier.Skipped) { Reason = reason });
            }
        }
        return true;
    }
}
