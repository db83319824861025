using System.Text.Json;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.GitHub;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.UnitTests.GitHub;

public sealed class GitHubServiceTests
{
    private const string Token = "ghp_testtoken";

    private static GitHubService Service(Uri baseAddress) => new(
        Options.Create(new GitHubOptions { Token = Token, Repository = "acme/objects", ApiBaseUrl = baseAddress.ToString() }),
        NullLogger<GitHubService>.Instance);

    private static StandInResponse Respond(RecordedRequest request) => request.Method == "POST"
        ? new StandInResponse(201, """{"id":1,"number":17,"title":"Run failed","state":"open","html_url":"https://github.com/acme/objects/issues/17","url":"https://api.github.com/repos/acme/objects/issues/17"}""")
        : new StandInResponse(200, """{"id":2,"name":"objects","full_name":"acme/objects","description":"Durable objects","default_branch":"main","html_url":"https://github.com/acme/objects","private":true,"open_issues_count":3,"stargazers_count":5}""");

    [Fact]
    public async Task CreateIssueAsync_LabelsAndAssignees_PostsIssueJsonWithToken()
    {
        await using var github = await HttpStandIn.StartAsync(Respond);

        var receipt = await Service(github.BaseAddress).CreateIssueAsync(new GitHubIssueRequest("Run failed", "Calculator run r1 failed.", ["bug", "run-failed"], ["octocat"]));

        var request = Assert.Single(github.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v3/repos/acme/objects/issues", request.Path);
        Assert.Contains(Token, request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("DurableObjects", request.Header("User-Agent"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("Run failed", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("Calculator run r1 failed.", json.RootElement.GetProperty("body").GetString());
        Assert.Equal(["bug", "run-failed"], json.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["octocat"], json.RootElement.GetProperty("assignees").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(new GitHubIssueReceipt(17, "https://github.com/acme/objects/issues/17"), receipt);
    }

    [Fact]
    public async Task GetRepositoryAsync_ConfiguredRepo_ReadsRepository()
    {
        await using var github = await HttpStandIn.StartAsync(Respond);

        var info = await Service(github.BaseAddress).GetRepositoryAsync();

        Assert.Equal("/api/v3/repos/acme/objects", Assert.Single(github.Requests).Path);
        Assert.Equal(new GitHubRepositoryInfo("acme/objects", "Durable objects", "main", "https://github.com/acme/objects", true, 3, 5), info);
    }

    [Fact]
    public async Task CreateIssueAsync_GitHubRefuses_ThrowsChannelException()
    {
        await using var github = await HttpStandIn.StartAsync(_ => new StandInResponse(404, """{"message":"Not Found"}"""));

        var error = await Assert.ThrowsAsync<ChannelException>(() => Service(github.BaseAddress).CreateIssueAsync(new GitHubIssueRequest("t", "b")));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData("acme/objects", "acme", "objects")]
    [InlineData("https://github.com/acme/objects.git", "acme", "objects")]
    public void TryParse_RepositoryForms_SplitsOwnerAndName(string value, string owner, string name)
    {
        Assert.True(GitHubRepositoryName.TryParse(value, out var o, out var n));
        Assert.Equal((owner, name), (o, n));
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("a/b/c")]
    [InlineData("")]
    public void TryParse_NotOwnerSlashName_False(string value)
    {
        Assert.False(GitHubRepositoryName.TryParse(value, out _, out _));
    }
    [Fact]
    public async Task ListOpenIssuesAsync_IssuesAndPullRequests_ListsOpenIssuesOnly()
    {
        await using var github = await HttpStandIn.StartAsync(_ => new StandInResponse(200, """
            [{"id":5,"number":12,"title":"Rounds down","state":"open","html_url":"https://github.com/acme/objects/issues/12","labels":[{"id":1,"name":"bug"}]},
             {"id":6,"number":11,"title":"Add Multiply","state":"open","html_url":"https://github.com/acme/objects/pull/11","labels":[],"pull_request":{"url":"https://api.github.com/repos/acme/objects/pulls/11"}}]
            """));

        var issues = await Service(github.BaseAddress).ListOpenIssuesAsync(5);

        var request = Assert.Single(github.Requests);
        Assert.Equal("/api/v3/repos/acme/objects/issues", request.Path);
        Assert.Contains("state=open", request.Query, StringComparison.Ordinal);
        var issue = Assert.Single(issues);
        Assert.Equal(12, issue.Number);
        Assert.Equal(["bug"], issue.Labels);
    }

    [Fact]
    public async Task FindIssueAsync_Marker_SearchesIssuesOfTheRepository()
    {
        await using var github = await HttpStandIn.StartAsync(_ => new StandInResponse(200, """
            {"total_count":1,"incomplete_results":false,"items":[{"id":7,"number":7,"title":"Run failed","state":"closed","html_url":"https://github.com/acme/objects/issues/7","labels":[]}]}
            """));

        var found = await Service(github.BaseAddress).FindIssueAsync("\"durable-objects-run:r1\"");

        var query = Uri.UnescapeDataString(Assert.Single(github.Requests).Query).Replace('+', ' ');
        Assert.Contains("durable-objects-run:r1", query, StringComparison.Ordinal);
        Assert.Contains("repo:acme/objects", query, StringComparison.Ordinal);
        Assert.Contains("type:issue", query, StringComparison.Ordinal);
        Assert.Equal(new GitHubIssueReceipt(7, "https://github.com/acme/objects/issues/7"), found);
    }
}
