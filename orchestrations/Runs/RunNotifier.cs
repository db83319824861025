using System.Text.Json;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Slack;
using DurableObjects.Orchestrations.Reporting;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// A run's messages to people: how it ended, on the channel the requester asked for (outboxed when it is not
/// configured); an approval request with Approve and Reject buttons in Slack; and, for a failed run, a GitHub issue
/// (once per run) when <c>GITHUB_ISSUE_ON_RUN_FAILURE</c> is on.
/// </summary>
public sealed partial class RunNotifier(
    INotificationService notifications,
    SlackApprovalRequester approvals,
    IRunFailureReporter failures,
    IOptions<TwilioOptions> twilio,
    ILogger<RunNotifier> logger)
{
    public async Task<NotifyResult> NotifyAsync(string runId, RunRequest request, RunNotification notify, RunFinish finish)
    {
        if (!NotificationChannels.TryParse(notify.Channel, out var channel))
        {
            return new NotifyResult(notify.Channel, "unknown channel");
        }
        var what = What(request);
        var outcome = finish.Status switch
        {
            RunStatus.Succeeded => finish.Version is { } v ? $"done: version {v}." : "done.",
            RunStatus.Rejected => "rejected. " + finish.Reason,
            RunStatus.Cancelled => "cancelled.",
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
    /// asked from Slack). Call once, when the run starts waiting.
    /// </summary>
    public async Task<NotificationResult?> RequestApprovalAsync(string runId, RunRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fromSlack = request.Notify is { Channel: "slack" } notify ? notify.Target : null;
        var asked = request.Prompt ?? request.Requirements ?? request.Summary ?? "(code supplied)";
        try
        {
            return await approvals.RequestAsync(runId, What(request), asked, request.Actor.UserId, expiresAt, RunUrl(runId), fromSlack, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run still waits and can be decided by API or SMS; only the Slack message is missing.
            LogApprovalRequestFailed(logger, e, runId);
            return null;
        }
    }

    /// <summary>True for an ending worth an issue: a failure, or no candidate accepted (not a person's rejection, not an expired approval).</summary>
    public static bool IsFailure(RunFinish finish, IReadOnlyList<JournalEntry> journal)
    {
        ArgumentNullException.ThrowIfNull(finish);
        ArgumentNullException.ThrowIfNull(journal);
        return finish.Status == RunStatus.Failed
            || (finish.Status == RunStatus.Rejected && !journal.Any(e => e.Step == "approval"));
    }

    /// <summary>Opens the run's GitHub issue (title, run link, failed gates, last feedback) when the setting is on; once per run.</summary>
    public async Task<RunIssue?> ReportFailureAsync(string runId, RunRequest request, RunFinish finish, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(finish);
        var (gates, feedback) = LastEvaluation(journal);
        var asked = request.Prompt ?? request.Requirements ?? request.Summary ?? "(code supplied)";
        var report = new RunFailureReport(runId, request.ObjectName, asked.Length > 2000 ? asked[..2000] : asked, finish.Reason ?? finish.Status.ToWire(), RunUrl(runId))
        {
            What = What(request),
            Requester = request.Actor.UserId,
            FailedGates = gates,
            LastFeedback = feedback,
        };
        try
        {
            return await failures.ReportRunFailureAsync(report, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run's outcome stands; the next finish of this run (a resume) tries the report again.
            LogReportFailed(logger, e, runId);
            return null;
        }
    }

    /// <summary>The failed gates ("name: details") and feedback of the last journaled evaluation, read from its JSON.</summary>
    private static (IReadOnlyList<string> Gates, string? Feedback) LastEvaluation(IReadOnlyList<JournalEntry> journal)
    {
        var last = journal.Where(e => e.Step.StartsWith("evaluate-", StringComparison.Ordinal)).OrderBy(e => e.Sequence).LastOrDefault();
        if (last is null)
        {
            return ([], null);
        }
        try
        {
            using var json = JsonDocument.Parse(last.ResultJson);
            var root = json.RootElement;
            var feedback = root.TryGetProperty("feedback", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            var gates = new List<string>();
            if (root.TryGetProperty("gates", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var gate in list.EnumerateArray())
                {
                    if (gate.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.False)
                    {
                        var name = gate.TryGetProperty("name", out var n) ? n.GetString() : "gate";
                        var details = gate.TryGetProperty("details", out var d) ? d.GetString() : null;
                        gates.Add(string.IsNullOrWhiteSpace(details) ? name ?? "gate" : $"{name}: {details}");
                    }
                }
            }
            return (gates, feedback);
        }
        catch (JsonException)
        {
            return ([], null);
        }
    }

    private Uri? RunUrl(string runId) =>
        string.IsNullOrWhiteSpace(twilio.Value.PublicBaseUrl) ? null : new Uri(twilio.Value.PublicBaseUrl.TrimEnd('/') + RunLauncher.StatusUrl(runId));

    private static string What(RunRequest request) =>
        request.Kind == RunKind.Creation ? $"Creating {request.ObjectName}" : $"Changing {request.ObjectName}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking for approval of run {RunId} in Slack failed")]
    private static partial void LogApprovalRequestFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting failed run {RunId} to GitHub failed")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string runId);
}
