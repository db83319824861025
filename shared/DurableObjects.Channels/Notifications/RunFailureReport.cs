namespace DurableObjects.Channels.Notifications;

/// <summary>A failed run, as reported to GitHub when <c>GITHUB_ISSUE_ON_RUN_FAILURE</c> is on.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="ObjectName">The object it worked on.</param>
/// <param name="Request">What was asked (shortened by the caller if long; never a whole prompt with secrets).</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RunUrl">The run's page, when there is one.</param>
public sealed record RunFailureReport(string RunId, string ObjectName, string Request, string Error, Uri? RunUrl = null);
