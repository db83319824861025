using System.Text;
using System.Text.Json.Nodes;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Slack;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Notifications;

/// <summary>Notifications as Slack messages with a header, the text and the links as blocks.</summary>
public sealed class SlackNotificationSender(SlackClient slack, IOptions<SlackOptions> options) : INotificationSender
{
    /// <inheritdoc />
    public NotificationChannel Channel => NotificationChannel.Slack;

    /// <inheritdoc />
    public string? NotConfiguredReason => options.Value.IsConfigured ? null : "Slack is not configured: set SLACK_BOT_TOKEN.";

    /// <summary>The Block Kit blocks for a notification.</summary>
    public static JsonArray Blocks(Notification notification)
    {
        var blocks = new JsonArray();
        if (!string.IsNullOrWhiteSpace(notification.Subject))
        {
            blocks.Add(SlackBlocks.Header(notification.Subject));
        }

        blocks.Add(SlackBlocks.Section(SlackBlocks.Escape(notification.Text)));
        if (notification.Links.Count > 0)
        {
            var links = new StringBuilder();
            foreach (var link in notification.Links)
            {
                links.Append('<').Append(link.Url).Append('|').Append(SlackBlocks.Escape(link.Title)).Append("> ");
            }

            blocks.Add(SlackBlocks.Context(links.ToString().Trim()));
        }

        return blocks;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var receipt = await slack.PostMessageAsync(notification.Target, NotificationText.Plain(notification), Blocks(notification), cancellationToken);
        return [receipt.Timestamp];
    }
}
