using System.Text;
using DurableObjects.Channels.Notifications;

namespace DurableObjects.Channels.GitHub;

/// <summary>
/// The issue opened for a failed run: title, run link, error, failed gates, last feedback, and a hidden marker with
/// the run id by which the issue is found again (so a run never opens two).
/// </summary>
public static class RunFailureIssue
{
    /// <summary>The hidden marker in the body: <c>&lt;!-- durable-objects-run:{runId} --&gt;</c>.</summary>
    public static string Marker(string runId) => $"<!-- durable-objects-run:{runId} -->";

    /// <summary>The search term that finds the marker (GitHub's search ignores the comment syntax).</summary>
    public static string SearchTerm(string runId) => $"\"durable-objects-run:{runId}\"";

    public static string Title(RunFailureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = $"Run failed: {report.What ?? report.ObjectName} ({report.RunId[..Math.Min(8, report.RunId.Length)]})";
        return title.Length <= 250 ? title : title[..250];
    }

    public static string Body(RunFailureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new StringBuilder();
        body.Append("Run `").Append(report.RunId).Append("` on **").Append(report.ObjectName).Append("** failed");
        body.Append(report.Requester is null ? "." : $" (asked by {report.Requester}).").AppendLine().AppendLine();
        if (report.RunUrl is not null)
        {
            body.Append("**Run:** ").Append(report.RunUrl).AppendLine().AppendLine();
        }
        body.Append("**Request:** ").AppendLine(Limit(report.Request, 2000)).AppendLine();
        body.AppendLine("**Error:**").AppendLine("```").AppendLine(Limit(report.Error, 4000)).AppendLine("```").AppendLine();
        if (report.FailedGates.Count > 0)
        {
            body.AppendLine("**Failed gates:**");
            foreach (var gate in report.FailedGates.Take(20))
            {
                body.Append("- ").AppendLine(Limit(gate, 500));
            }
            body.AppendLine();
        }
        if (!string.IsNullOrWhiteSpace(report.LastFeedback))
        {
            body.AppendLine("**Last feedback:**").AppendLine("```").AppendLine(Limit(report.LastFeedback, 4000)).AppendLine("```").AppendLine();
        }
        body.Append(Marker(report.RunId));
        return body.ToString();
    }

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
