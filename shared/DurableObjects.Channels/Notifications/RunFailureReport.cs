namespace DurableObjects.Channels.Notifications;

/// <summary>A failed run, as reported to GitHub when <c>GITHUB_ISSUE_ON_RUN_FAILURE</c> is on.</summary>
/// <param name="RunId">The run's id (the issue is opened once per run id).</param>
/// <param name="ObjectName">The object it worked on.</param>
/// <param name="Request">What was asked (shortened by the caller if long; never a whole prompt with secrets).</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RunUrl">The run's page, when there is one.</param>
public sealed record RunFailureReport(string RunId, string ObjectName, string Request, string Error, Uri? RunUrl = null)
{
    /// <summary>"Changing Calculator" or "Creating Calculator".</summary>
    public string? What { get; init; }

    /// <summary>Who asked for the run.</summary>
    public string? Requester { get; init; }

    /// <summary>The gates the last candidate failed, each as "name: why".</summary>
    public IReadOnlyList<string> FailedGates { get; init; } = [];

    /// <summary>The reward model's last feedback to the generator, if any.</summary>
    public string? LastFeedback { get; init; }
}
