using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Slack;

/// <summary>
/// Asks for a run's approval in Slack: a Block Kit message with Approve and Reject buttons (chat.postMessage) in
/// <c>SLACK_APPROVAL_CHANNEL</c>, or else in the requester's own Slack conversation when they asked from Slack.
/// When Slack is not configured or refuses, the request goes to the outbox (as text saying how to approve).
/// </summary>
public sealed partial class SlackApprovalRequester(
    SlackClient slack,
    INotificationService notifications,
    IOptions<SlackOptions> options,
    ILogger<SlackApprovalRequester> logger)
{
    /// <summary>Posts the request; null when there is nowhere to post it (no approval channel, not asked from Slack).</summary>
    /// <param name="runId">The waiting run.</param>
    /// <param name="what">"Changing Calculator" or "Creating Calculator".</param>
    /// <param name="request">What was asked (shortened here to fit a message).</param>
    /// <param name="requester">Who asked.</param>
    /// <param name="expiresAt">When the approval lapses.</param>
    /// <param name="runUrl">The run's page, if known.</param>
    /// <param name="requesterSlackTarget">The Slack conversation the request came from, if it came from Slack.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    public async Task<NotificationResult?> RequestAsync(
        string runId, string what, string request, string requester, DateTimeOffset expiresAt, Uri? runUrl, string? requesterSlackTarget,
        CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var target = !string.IsNullOrWhiteSpace(settings.ApprovalChannel) ? settings.ApprovalChannel.Trim() : requesterSlackTarget;
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }
        var shortRequest = request.Length > 500 ? request[..500] + "…" : request;
        var text = SlackApprovalMessage.Text(runId, what);
        if (settings.IsConfigured)
        {
            try
            {
                var receipt = await slack.PostMessageAsync(target, text, SlackApprovalMessage.Blocks(runId, what, shortRequest, requester, expiresAt, runUrl), cancellationToken);
                LogPosted(logger, runId, receipt.Channel);
                return new NotificationResult(NotificationStatus.Sent, NotificationChannel.Slack, runId, [receipt.Timestamp]);
            }
            catch (ChannelException e)
            {
                LogFailed(logger, runId, e.ProviderCode);
            }
        }
        // Not configured, or refused: the notification service keeps it in the outbox with the reason.
        return await notifications.NotifyAsync(new Notification
        {
            Channel = NotificationChannel.Slack,
            Target = target,
            Subject = "Approval needed: " + what,
            Text = $"{text}\n{shortRequest}\nApprove or reject it in Slack, with 'approve {runId}' by SMS, or POST /api/runs/{runId}/approve.",
            CorrelationId = runId,
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked for approval of run {RunId} in Slack {Channel}")]
    private static partial void LogPosted(ILogger logger, string runId, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting the approval request of run {RunId} to Slack failed: {SlackError}")]
    private static partial void LogFailed(ILogger logger, string runId, string? slackError);
}
