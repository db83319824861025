namespace DurableObjects.Channels.GitHub;

/// <summary>The opened issue: its number and its page.</summary>
public sealed record GitHubIssueReceipt(int Number, string HtmlUrl);
