using DurableObjects.Channels.Configuration;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Notifications;

/// <summary>Opens a GitHub issue for a failed run when <c>GITHUB_ISSUE_ON_RUN_FAILURE</c> is true (through the notification service, so it is outboxed when GitHub is not configured).</summary>
public sealed class RunFailureIssueReporter(INotificationService notifications, IOptions<GitHubOptions> options)
{
    /// <summary>Reports the failure; null when reporting is switched off.</summary>
    public async Task<NotificationResult?> ReportAsync(RunFailureReport failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var settings = options.Value;
        if (!settings.IssueOnRunFailure)
        {
            return null;
        }

        var text = $"Run `{failure.RunId}` on **{failure.ObjectName}** failed.\n\n**Request:** {failure.Request}\n\n**Error:**\n```\n{failure.Error}\n```";
        var notification = new Notification
        {
            Channel = NotificationChannel.GitHub,
            Target = settings.Repository ?? string.Empty,
            Subject = $"Run failed: {failure.ObjectName} ({failure.RunId})",
            Text = text,
            Links = failure.RunUrl is null ? [] : [new NotificationLink("Run", failure.RunUrl)],
            CorrelationId = failure.RunId,
            Labels = settings.RunFailureLabels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        return await notifications.NotifyAsync(notification, cancellationToken);
    }
}
