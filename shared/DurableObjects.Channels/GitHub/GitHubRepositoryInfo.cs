namespace DurableObjects.Channels.GitHub;

/// <summary>Repository information as GitHub reports it.</summary>
public sealed record GitHubRepositoryInfo(
    string FullName,
    string? Description,
    string DefaultBranch,
    string HtmlUrl,
    bool IsPrivate,
    int OpenIssuesCount,
    int StargazersCount);
