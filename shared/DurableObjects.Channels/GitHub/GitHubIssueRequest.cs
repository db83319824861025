namespace DurableObjects.Channels.GitHub;

/// <summary>An issue to open (the seed's <c>create_issue</c>).</summary>
/// <param name="Title">Issue title.</param>
/// <param name="Body">Markdown body.</param>
/// <param name="Labels">Labels to set (must exist or GitHub creates them, depending on permissions).</param>
/// <param name="Assignees">Logins to assign.</param>
/// <param name="Repository">"owner/name"; <c>GITHUB_REPO</c> when null.</param>
public sealed record GitHubIssueRequest(
    string Title,
    string Body,
    IReadOnlyList<string>? Labels = null,
    IReadOnlyList<string>? Assignees = null,
    string? Repository = null);
