using System.Globalization;
using DurableObjects.Channels;
using DurableObjects.Channels.GitHub;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>"repo info" and "issues": answered from GitHub (Octokit) for the configured repository (<c>GITHUB_REPO</c>).</summary>
public sealed class GitHubCommandHandler(GitHubService github)
{
    public async Task<string> RepoInfoAsync(CancellationToken cancellationToken)
    {
        try
        {
            var repo = await github.GetRepositoryAsync(cancellationToken: cancellationToken);
            var about = string.IsNullOrWhiteSpace(repo.Description) ? "" : $" — {repo.Description}";
            return string.Create(CultureInfo.InvariantCulture,
                $"{repo.FullName}{about}. {(repo.IsPrivate ? "Private" : "Public")}, default branch {repo.DefaultBranch}, {repo.OpenIssuesCount} open issue(s), {repo.StargazersCount} star(s). {repo.HtmlUrl}");
        }
        catch (ChannelException e)
        {
            return Unavailable(e);
        }
    }

    public async Task<string> IssuesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var issues = await github.ListOpenIssuesAsync(5, cancellationToken: cancellationToken);
            return issues.Count == 0
                ? "No open issues."
                : $"Open issues: {string.Join("; ", issues.Select(i => $"#{i.Number.ToString(CultureInfo.InvariantCulture)} {i.Title}"))}.";
        }
        catch (ChannelException e)
        {
            return Unavailable(e);
        }
    }

    private static string Unavailable(ChannelException e) => e.ProviderCode switch
    {
        "not_configured" => "GitHub is not configured on this server (GITHUB_TOKEN and GITHUB_REPO).",
        "no_repository" => "No GitHub repository is configured (GITHUB_REPO, as owner/name).",
        _ => $"GitHub didn't answer ({e.ProviderCode ?? "error"}). Try again later.",
    };
}
