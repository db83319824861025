using System.Net;
using System.Text;

namespace DurableObjects.Channels.Notifications;

/// <summary>Renders a notification for text channels (SMS, voice, email text and HTML).</summary>
public static class NotificationText
{
    /// <summary>"Subject\nText\nLink title: url…" for SMS and email text.</summary>
    public static string Plain(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(notification.Subject))
        {
            text.AppendLine(notification.Subject);
        }

        text.Append(notification.Text);
        foreach (var link in notification.Links)
        {
            text.AppendLine().Append(link.Title).Append(": ").Append(link.Url);
        }

        return text.ToString().Trim();
    }

    /// <summary>Subject and text as one spoken sentence sequence; links are not read out.</summary>
    public static string Spoken(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var subject = notification.Subject.Trim().TrimEnd('.');
        return string.IsNullOrEmpty(subject) ? notification.Text : $"{subject}. {notification.Text}";
    }

    /// <summary>The notification's HTML, or its text HTML-encoded with links.</summary>
    public static string Html(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!string.IsNullOrWhiteSpace(notification.Html))
        {
            return notification.Html;
        }

        var html = new StringBuilder("<p>")
            .Append(WebUtility.HtmlEncode(notification.Text).Replace("\n", "<br>", StringComparison.Ordinal))
            .Append("</p>");
        foreach (var link in notification.Links)
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link.Url.ToString())).Append("\">")
                .Append(WebUtility.HtmlEncode(link.Title)).Append("</a></p>");
        }

        return html.ToString();
    }
}
