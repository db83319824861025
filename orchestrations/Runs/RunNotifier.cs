using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Slack;
using DurableObjects.Orchestrations.Reporting;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RewardEvaluation = DurableObjects.AI.Rewards.Evaluation;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// A run's messages to people: how it ended, on the channel the requester asked for (outboxed when it is not
/// configured); an approval request with Approve and Reject buttons in Slack; and, for a failed run, a GitHub issue
/// (once per run) when <c>GITHUB_ISSUE_ON_RUN_FAILURE</c> is on.
/// </summary>
/// <remarks>
/// A requester whose account an admin disabled while their run was under way is told nothing: the account is read as
/// stored when each message is about to go (not as it was when the run started), and the message is skipped rather
/// than kept, as a disabled owner's monitors skip theirs. The skip is recorded in the run's own steps, where a person
/// reading the run looks: its <c>notify</c> step says <c>skipped</c> and why, and a skipped approval request is the
/// step <c>approval-notice</c>. The run itself goes on (nothing is cancelled on the requester's behalf), and
/// the failure report to GitHub, addressed to the project rather than to the requester, still goes.
/// </remarks>
public sealed partial class RunNotifier(
    INotificationService notifications,
    SlackApprovalRequester approvals,
    IRunFailureReporter failures,
    UserStore users,
    IOptions<TwilioOptions> twilio,
    ILogger<RunNotifier> logger)
{
    /// <summary>What <see cref="NotifyResult.Outcome"/> says of a message not sent because its recipient is disabled.</summary>
    public const string Skipped = "Skipped";

    /// <summary>Tells the requester how the run ended on the channel they asked for; skipped while their account is disabled.</summary>
    public async Task<NotifyResult> NotifyAsync(string runId, RunRequest request, RunNotification notify, RunFinish finish)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(notify);
        if (!NotificationChannels.TryParse(notify.Channel, out var channel))
        {
            return new NotifyResult(notify.Channel, "unknown channel");
        }
        if (await DisabledRequesterAsync(request, CancellationToken.None) is { } skipped)
        {
            LogSkipped(logger, runId);
            return new NotifyResult(notify.Channel, Skipped) { Reason = skipped };
        }
        var what = What(request);
        var outcome = finish.Status switch
        {
            RunStatus.Succeeded => finish.Version is { } v ? $"done: version {v}." : "done.",
            RunStatus.Rejected => "rejected. " + finish.Reason,
            RunStatus.Cancelled => "cancelled.",
            RunStatus.BudgetExhausted => "stopped, budget spent. " + finish.Reason,
            _ => "failed. " + finish.Reason,
        };
        var text = $"{what}: {outcome} Run {runId}.";
        var result = await notifications.NotifyAsync(new Notification
        {
            Channel = channel.Value,
            Target = notify.Target,
            Subject = $"{what}: {finish.Status.ToWire()}",
            Text = text.Length > 1500 ? text[..1500] : text,
            CorrelationId = runId,
        });
        return new NotifyResult(notify.Channel, result.Status.ToString());
    }

    /// <summary>
    /// Asks for approval in Slack (<c>SLACK_APPROVAL_CHANNEL</c>, or the requester's Slack conversation when they
    /// asked from Slack). Call once, when the run starts waiting. A disabled requester's conversation is not asked (the
    /// approval channel, which addresses the approvers, still is): <see cref="ApprovalRequestResult.Skipped"/> then
    /// says why, for the run's steps.
    /// </summary>
    public async Task<ApprovalRequestResult> RequestApprovalAsync(string runId, RunRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fromSlack = request.Notify is { Channel: "slack" } notify ? notify.Target : null;
        var asked = request.Prompt ?? request.Requirements ?? request.Summary ?? "(code supplied)";
        // Read outside the try below: when the account cannot be read, the activity fails and is tried again, rather
        // than asking a requester who may be disabled.
        var disabled = fromSlack is null ? null : await DisabledRequesterAsync(request, cancellationToken);
        if (disabled is not null)
        {
            LogSkipped(logger, runId);
            fromSlack = null;
        }
        try
        {
            var sent = await approvals.RequestAsync(runId, What(request), asked, request.Actor.UserId, expiresAt, RunUrl(runId), fromSlack, cancellationToken);
            // Skipped only when the requester's conversation was the one place to ask.
            return new ApprovalRequestResult(sent, sent is null ? disabled : null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run still waits and can be decided by API or SMS; only the Slack message is missing.
            LogApprovalRequestFailed(logger, e, runId);
            return new ApprovalRequestResult(null, null);
        }
    }

    /// <summary>True for an ending worth an issue: a failure, or no candidate accepted (not a person's rejection, not an expired approval).</summary>
    public static bool IsFailure(RunFinish finish, bool approvalRecorded)
    {
        ArgumentNullException.ThrowIfNull(finish);
        return finish.Status == RunStatus.Failed || (finish.Status == RunStatus.Rejected && !approvalRecorded);
    }

    /// <summary>Opens the run's GitHub issue (title, run link, failed gates, last feedback) when the setting is on; once per run.</summary>
    public async Task<RunIssue?> ReportFailureAsync(
        string runId, RunRequest request, RunFinish finish, RewardEvaluation? lastEvaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(finish);
        var asked = request.Prompt ?? request.Requirements ?? request.Summary ?? "(code supplied)";
        var report = new RunFailureReport(runId, request.ObjectName, asked.Length > 2000 ? asked[..2000] : asked, finish.Reason ?? finish.Status.ToWire(), RunUrl(runId))
        {
            What = What(request),
            Requester = request.Actor.UserId,
            FailedGates = lastEvaluation?.Gates.Where(g => !g.Passed)
                .Select(g => string.IsNullOrWhiteSpace(g.Details) ? g.Name : $"{g.Name}: {g.Details}").ToList() ?? [],
            LastFeedback = string.IsNullOrWhiteSpace(lastEvaluation?.Feedback) ? null : lastEvaluation.Feedback,
        };
        try
        {
            return await failures.ReportRunFailureAsync(report, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run's outcome stands; the engine delivering the finish again tries the report again.
            LogReportFailed(logger, e, runId);
            return null;
        }
    }

    /// <summary>Why the requester is not to be told anything (their account is disabled now), or null.</summary>
    private async Task<string?> DisabledRequesterAsync(RunRequest request, CancellationToken cancellationToken) =>
        await users.GetAsync(request.Actor.UserId, cancellationToken) is { Disabled: true } requester
            ? $"The requester's account '{requester.Id}' is disabled: they are told nothing until an admin enables it again."
            : null;

    private Uri? RunUrl(string runId) =>
        string.IsNullOrWhiteSpace(twilio.Value.PublicBaseUrl) ? null : new Uri(twilio.Value.PublicBaseUrl.TrimEnd('/') + RunLauncher.StatusUrl(runId));

    private static string What(RunRequest request) =>
        request.Kind == RunKind.Creation ? $"Creating {request.ObjectName}" : $"Changing {request.ObjectName}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking for approval of run {RunId} in Slack failed")]
    private static partial void LogApprovalRequestFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: its requester's account is disabled; the message to them was skipped")]
    private static partial void LogSkipped(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting failed run {RunId} to GitHub failed")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string runId);
}
