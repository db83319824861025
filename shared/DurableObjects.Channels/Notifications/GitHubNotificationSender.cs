using System.Text;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.GitHub;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Notifications;

/// <summary>Notifications as GitHub issues (title = subject, body = text, links and correlation id).</summary>
public sealed class GitHubNotificationSender(GitHubService github, IOptions<GitHubOptions> options) : INotificationSender
{
    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.GitHub;

    /// <inheritdoc />
    public string? NotConfiguredReason => options.Value.IsConfigured ? null : "GitHub is not configured: set GITHUB_TOKEN and GITHUB_REPO.";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var body = new StringBuilder(notification.Text);
        foreach (var link in notification.Links)
        {
            body.AppendLine().Append("- [").Append(link.Title).Append("](").Append(link.Url).Append(')');
        }

        body.AppendLine().AppendLine().Append("<sub>Correlation id: ").Append(notification.CorrelationId).Append("</sub>");
        var request = new GitHubIssueRequest(
            notification.Subject,
            body.ToString(),
            notification.Labels,
            notification.Assignees,
            string.IsNullOrWhiteSpace(notification.Target) ? null : notification.Target);
        var receipt = await github.CreateIssueAsync(request, cancellationToken);
        return [receipt.HtmlUrl];
    }
}
