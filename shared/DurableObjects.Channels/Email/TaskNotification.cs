namespace DurableObjects.Channels.Email;

/// <summary>The seed's <c>send_task_notification</c>: a task (run, deploy, …) reached a status.</summary>
/// <param name="TaskName">What the task is, e.g. "Modify Calculator".</param>
/// <param name="Status">Its status, e.g. "completed" or "failed".</param>
/// <param name="Details">Details for the reader (plain text).</param>
/// <param name="Link">Where to see it, when there is a page for it.</param>
public sealed record TaskNotification(string TaskName, string Status, string Details, Uri? Link = null);
