using Microsoft.Extensions.Configuration;

namespace DurableObjects.Channels.Configuration;

/// <summary>
/// GitHub settings: <c>GITHUB_TOKEN</c>, <c>GITHUB_REPO</c> ("owner/name"), <c>GITHUB_API_BASE_URL</c> and
/// <c>GITHUB_ISSUE_ON_RUN_FAILURE</c> (open an issue automatically when a run fails).
/// </summary>
/// <remarks>Holds a secret: <see cref="ToString"/> redacts it.</remarks>
public sealed class GitHubOptions
{
    /// <summary>A personal access token or app token with permission to open issues.</summary>
    [ConfigurationKeyName("GITHUB_TOKEN")]
    public string? Token { get; set; }

    /// <summary>Default repository as "owner/name".</summary>
    [ConfigurationKeyName("GITHUB_REPO")]
    public string? Repository { get; set; }

    /// <summary>API base URL for GitHub Enterprise or a stand-in (Octokit appends <c>api/v3/</c> to non-github.com hosts).</summary>
    [ConfigurationKeyName("GITHUB_API_BASE_URL")]
    public string? ApiBaseUrl { get; set; }

    /// <summary>When true, a failed run opens an issue in <see cref="Repository"/>.</summary>
    [ConfigurationKeyName("GITHUB_ISSUE_ON_RUN_FAILURE")]
    public bool IssueOnRunFailure { get; set; }

    /// <summary>Labels put on issues opened for failed runs.</summary>
    [ConfigurationKeyName("GITHUB_RUN_FAILURE_LABELS")]
    public string RunFailureLabels { get; set; } = "durable-objects,run-failed";

    /// <summary>True when issues can be opened.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);

    /// <inheritdoc />
    public override string ToString() =>
        $"GitHub {{ Token = {SecretText.Redact(Token)}, Repository = {Repository ?? "(not set)"}, " +
        $"ApiBaseUrl = {ApiBaseUrl ?? "(github.com)"}, IssueOnRunFailure = {IssueOnRunFailure} }}";
}
