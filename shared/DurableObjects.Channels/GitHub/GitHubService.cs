using DurableObjects.Channels.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;

namespace DurableObjects.Channels.GitHub;

/// <summary>GitHub through Octokit: open, list and find issues; read repository information.</summary>
/// <remarks>The token goes to Octokit's credentials only; it is never logged. Octokit failures become <see cref="ChannelException"/>.</remarks>
public sealed class GitHubService(IOptions<GitHubOptions> options, ILogger<GitHubService> logger)
{
    private const string ProductName = "DurableObjects";

    /// <summary>Opens an issue; returns its number and URL.</summary>
    public async Task<GitHubIssueReceipt> CreateIssueAsync(GitHubIssueRequest issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var (owner, name) = Repository(issue.Repository);
        var newIssue = new NewIssue(issue.Title) { Body = issue.Body };
        foreach (var label in issue.Labels ?? [])
        {
            newIssue.Labels.Add(label);
        }

        foreach (var assignee in issue.Assignees ?? [])
        {
            newIssue.Assignees.Add(assignee);
        }

        var created = await CallAsync(() => CreateClient().Issue.Create(owner, name, newIssue), cancellationToken);
        logger.LogInformation("Opened GitHub issue {IssueNumber} in {Owner}/{Repository}", created.Number, owner, name);
        return new GitHubIssueReceipt(created.Number, created.HtmlUrl);
    }

    /// <summary>Reads repository information (<c>GITHUB_REPO</c> when <paramref name="repository"/> is null).</summary>
    public async Task<GitHubRepositoryInfo> GetRepositoryAsync(string? repository = null, CancellationToken cancellationToken = default)
    {
        var (owner, name) = Repository(repository);
        var repo = await CallAsync(() => CreateClient().Repository.Get(owner, name), cancellationToken);
        return new GitHubRepositoryInfo(repo.FullName, repo.Description, repo.DefaultBranch, repo.HtmlUrl, repo.Private, repo.OpenIssuesCount, repo.StargazersCount);
    }

    /// <summary>The newest open issues (pull requests left out), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<GitHubIssueSummary>> ListOpenIssuesAsync(int max = 5, string? repository = null, CancellationToken cancellationToken = default)
    {
        var (owner, name) = Repository(repository);
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open, SortProperty = IssueSort.Created, SortDirection = SortDirection.Descending };
        var page = new ApiOptions { PageSize = Math.Clamp(max, 1, 100), PageCount = 1, StartPage = 1 };
        var issues = await CallAsync(() => CreateClient().Issue.GetAllForRepository(owner, name, request, page), cancellationToken);
        return issues.Where(i => i.PullRequest is null).Take(max)
            .Select(i => new GitHubIssueSummary(i.Number, i.Title, i.HtmlUrl, i.Labels.Select(l => l.Name).ToList())).ToList();
    }

    /// <summary>The first issue (open or closed) whose text contains <paramref name="term"/>, found with GitHub's issue search; null when none.</summary>
    public async Task<GitHubIssueReceipt?> FindIssueAsync(string term, string? repository = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(term);
        var (owner, name) = Repository(repository);
        var search = new SearchIssuesRequest(term) { Type = IssueTypeQualifier.Issue, Repos = new RepositoryCollection { { owner, name } } };
        var found = await CallAsync(() => CreateClient().Search.SearchIssues(search), cancellationToken);
        return found.Items.Count > 0 && found.Items[0] is { } issue ? new GitHubIssueReceipt(issue.Number, issue.HtmlUrl) : null;
    }

    private (string Owner, string Name) Repository(string? repository)
    {
        var value = string.IsNullOrWhiteSpace(repository) ? options.Value.Repository : repository;
        if (!GitHubRepositoryName.TryParse(value, out var owner, out var name))
        {
            throw new ChannelException("GitHub", null, "no_repository", "No repository given and GITHUB_REPO is not \"owner/name\".");
        }

        return (owner, name);
    }

    private GitHubClient CreateClient()
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new ChannelException("GitHub", null, "not_configured", "GitHub is not configured (GITHUB_TOKEN).");
        }

        var header = new ProductHeaderValue(ProductName);
        var client = string.IsNullOrWhiteSpace(settings.ApiBaseUrl) ? new GitHubClient(header) : new GitHubClient(header, new Uri(settings.ApiBaseUrl));
        client.Credentials = new Credentials(settings.Token);
        return client;
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        // Octokit takes no cancellation token on these calls; honour it around them.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (ApiException ex)
        {
            throw new ChannelException("GitHub", ex.StatusCode, ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.ApiError?.Message ?? ex.Message);
        }
    }
}
