using System.Net;
using System.Text;

namespace DurableObjects.Channels.Email;

/// <summary>Renders a <see cref="TaskNotification"/> as an email subject, text body and HTML body.</summary>
public static class TaskNotificationTemplate
{
    /// <summary>Subject line: "[Durable Objects] Modify Calculator: completed".</summary>
    public static string Subject(TaskNotification task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"[Durable Objects] {task.TaskName}: {task.Status}";
    }

    /// <summary>Plain-text body.</summary>
    public static string Text(TaskNotification task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = new StringBuilder()
            .Append("Task: ").AppendLine(task.TaskName)
            .Append("Status: ").AppendLine(task.Status)
            .AppendLine()
            .AppendLine(task.Details);
        if (task.Link is not null)
        {
            text.AppendLine().Append("Details: ").AppendLine(task.Link.ToString());
        }

        return text.ToString();
    }

    /// <summary>HTML body; every value is HTML-encoded.</summary>
    public static string Html(TaskNotification task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var html = new StringBuilder()
            .Append("<h2>").Append(WebUtility.HtmlEncode(task.TaskName)).Append("</h2>")
            .Append("<p><strong>Status:</strong> ").Append(WebUtility.HtmlEncode(task.Status)).Append("</p>")
            .Append("<p>").Append(WebUtility.HtmlEncode(task.Details).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        if (task.Link is not null)
        {
            var href = WebUtility.HtmlEncode(task.Link.ToString());
            html.Append("<p><a href=\"").Append(href).Append("\">View details</a></p>");
        }

        return html.ToString();
    }

    /// <summary>The whole email for <paramref name="to"/>.</summary>
    public static EmailMessage Render(string to, TaskNotification task) => new(to, Subject(task), Text(task), Html(task));
}
