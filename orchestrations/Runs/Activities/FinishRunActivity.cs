using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Audit;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Runs.Activities;

/// <summary>
/// Ends the run: records how it finished, tells the requester on the channel they asked for (once), sets the row's
/// final status and audits it (once); a failed run opens a GitHub issue when that is configured (once). Safe to deliver again: each part checks what is already recorded.
/// A run that ends without deploying here releases the runners its candidates' checks kept on this host for a deploy.
/// </summary>
[DurableTask(nameof(FinishRunActivity))]
public sealed partial class FinishRunActivity(
    RunMaterials materials, RunSteps steps, RunStore runs, RunAudit audit, RunNotifier notifier, CheckRunners checks, ILogger<FinishRunActivity> logger)
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
        }
        // On every delivery, recorded once (keyed by the run): a delivery that died between the row's status and its event
        // left the event to this one, and the row already says how the run ended.
        var type = finish.Status switch
        {
            RunStatus.Succeeded => AuditEventTypes.RunSucceeded,
            RunStatus.Rejected => AuditEventTypes.RunRejected,
            RunStatus.Cancelled => AuditEventTypes.RunCancelled,
            RunStatus.BudgetExhausted => AuditEventTypes.RunBudgetExhausted,
            _ => AuditEventTypes.RunFailed,
        };
        await audit.AppendOnceAsync(id, request, type, new()
        {
            ["reason"] = Limit(finish.Reason, 500) ?? "",
            ["version"] = finish.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });
        await ReleaseKeptRunnersAsync(id, request);
        return finish;
    }

    /// <summary>
    /// A candidate whose tests passed keeps its checking runner registered so that its deploy serves from it. A run that
    /// did not deploy (rejected, failed, cancelled, turned down at its approval, or not asked to deploy) frees them now
    /// rather than after the runners' idle time (a burst of such runs would otherwise hold a process each for minutes).
    /// A deployed version's runner is left alone: <see cref="CheckRunners.ReleaseKeptAsync"/> never drops what this host
    /// serves. Rejected candidates were released when they were decided; this catches the accepted one and any a
    /// cancel cut short. Best effort: the run has ended already, and what this misses the idle time still releases.
    /// </summary>
    private async Task ReleaseKeptRunnersAsync(string id, RunRequest request)
    {
        try
        {
            if (await steps.FindAsync<DeployResult>(id, RunStepNames.Deploy) is { Found: true, Value.Deployed: true })
            {
                return;
            }
            foreach (var record in await steps.LoadAsync(id))
            {
                if (record.Step.StartsWith(RunStepNames.GatesPrefix, StringComparison.Ordinal)
                    && System.Text.Json.JsonSerializer.Deserialize<GateReport>(record.ResultJson, RunJson.Options) is { ContentHash: { Length: > 0 } hash })
                {
                    await checks.ReleaseKeptAsync(CheckRunners.CandidateKey(request.ObjectName, hash));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReleaseFailed(logger, id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its candidates' kept runners were not released at its end; the runners' idle time releases them.")]
    private static partial void LogReleaseFailed(ILogger logger, string runId, Exception error);

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
