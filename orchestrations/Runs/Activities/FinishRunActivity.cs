using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Audit;
using Microsoft.DurableTask;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// Ends the run: records how it finished, tells the requester on the channel they asked for (once), sets the row's
/// final status and audits it (once); a failed run opens a GitHub issue when that is configured (once). Safe to deliver again: each part checks what is already recorded.
/// </summary>
[DurableTask(nameof(FinishRunActivity))]
public sealed class FinishRunActivity(RunMaterials materials, RunSteps steps, RunStore runs, RunAudit audit, RunNotifier notifier)
    : TaskActivity<FinishCall, RunFinish>
{
    public override async Task<RunFinish> RunAsync(TaskActivityContext context, FinishCall input)
    {
        var id = input.RunId;
        var request = await materials.RequestAsync(id);
        var finish = input.Finish;
        if (finish.Version is null && await steps.FindAsync<CommitResult>(id, RunStepNames.Commit) is { Found: true } commit)
        {
            finish = finish with { Version = commit.Value.Version };
        }
        (finish, var first) = await steps.RecordFirstAsync(id, RunStepNames.Finished, finish);
        if (request.Notify is { } notify)
        {
            await steps.RunAsync(id, RunStepNames.Notify, 0, (_, _) => notifier.NotifyAsync(id, request, notify, finish));
        }
        // Only a rejection needs the approval record: a run turned down at its approval is not a failure to report, one
        // whose candidates the reward model rejected is.
        if (finish.Status is RunStatus.Failed or RunStatus.Rejected
            && RunNotifier.IsFailure(finish, (await steps.FindAsync<ApprovalDecision>(id, RunStepNames.Approval)).Found))
        {
            // A GitHub issue when the setting is on; the reporter opens at most one per run, however often this runs.
            await notifier.ReportFailureAsync(id, request, finish, await LastEvaluationAsync(id));
        }
        // Only this activity gives a run its final status, after recording how it finished: when this call's record is
        // the first, the row cannot have it yet. A redelivery reads the row to see whether the first delivery got that far.
        var row = first ? null : await runs.FindRowAsync(id);
        if (first || (row is not null && row.Status != finish.Status.ToWire()))
        {
            await runs.MergeAsync(id, new Dictionary<string, object?>
            {
                [nameof(RunEntity.Status)] = finish.Status.ToWire(),
                [nameof(RunEntity.Reason)] = Limit(finish.Reason, 4000),
                [nameof(RunEntity.Version)] = finish.Version,
                [nameof(RunEntity.CurrentStep)] = "",
            });
            var type = finish.Status switch
            {
                RunStatus.Succeeded => AuditEventTypes.RunSucceeded,
                RunStatus.Rejected => AuditEventTypes.RunRejected,
                RunStatus.Cancelled => AuditEventTypes.RunCancelled,
                RunStatus.BudgetExhausted => AuditEventTypes.RunBudgetExhausted,
                _ => AuditEventTypes.RunFailed,
            };
            await audit.AppendAsync(id, type, new()
            {
                ["reason"] = Limit(finish.Reason, 500) ?? "",
                ["version"] = finish.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            });
        }
        return finish;
    }

    private async Task<AI.Rewards.Evaluation?> LastEvaluationAsync(string runId)
    {
        for (var i = 10; i >= 1; i--)
        {
            if (await steps.FindAsync<AI.Rewards.Evaluation>(runId, RunStepNames.Evaluate(i)) is { Found: true } found)
            {
                return found.Value;
            }
        }
        return null;
    }

    private static string? Limit(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
