namespace DurableObjects.Channels.GitHub;

/// <summary>An issue as listed: number, title, page, and its labels.</summary>
public sealed record GitHubIssueSummary(int Number, string Title, string HtmlUrl, IReadOnlyList<string> Labels);
