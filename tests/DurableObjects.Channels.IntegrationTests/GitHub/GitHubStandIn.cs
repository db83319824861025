using DurableObjects.Channels.IntegrationTests.Infrastructure;

namespace DurableObjects.Channels.IntegrationTests.GitHub;

/// <summary>GitHub's REST API as Octokit calls it on an Enterprise-style base (<c>/api/v3/…</c>), for the repository acme/objects.</summary>
public static class GitHubStandIn
{
    public const string Token = "ghp_test_token";
    public const string Repository = "acme/objects";

    /// <param name="knownRunMarker">A run id whose marker the issue search finds (an issue opened before).</param>
    public static Task<JsonStandIn> StartAsync(string? knownRunMarker = null) => JsonStandIn.StartAsync(request => (request.Method, request.Path) switch
    {
        ("GET", "/api/v3/search/issues") => knownRunMarker is not null && Uri.UnescapeDataString(request.Query).Contains(knownRunMarker, StringComparison.Ordinal)
            ? (200, """{"total_count":1,"incomplete_results":false,"items":[{"id":7,"number":7,"title":"Run failed: earlier","state":"open","html_url":"https://github.com/acme/objects/issues/7","url":"https://api.github.com/repos/acme/objects/issues/7","labels":[]}]}""")
            : (200, """{"total_count":0,"incomplete_results":false,"items":[]}"""),
        ("POST", "/api/v3/repos/acme/objects/issues") =>
            (201, """{"id":42,"number":42,"title":"Run failed","state":"open","html_url":"https://github.com/acme/objects/issues/42","url":"https://api.github.com/repos/acme/objects/issues/42","labels":[]}"""),
        ("GET", "/api/v3/repos/acme/objects/issues") =>
            (200, """[{"id":5,"number":12,"title":"Calculator rounds down","state":"open","html_url":"https://github.com/acme/objects/issues/12","url":"https://api.github.com/repos/acme/objects/issues/12","labels":[{"id":1,"name":"bug"}]},{"id":6,"number":11,"title":"Add Multiply","state":"open","html_url":"https://github.com/acme/objects/pull/11","url":"https://api.github.com/repos/acme/objects/issues/11","labels":[],"pull_request":{"url":"https://api.github.com/repos/acme/objects/pulls/11"}}]"""),
        ("GET", "/api/v3/repos/acme/objects") =>
            (200, """{"id":2,"name":"objects","full_name":"acme/objects","description":"Durable objects","default_branch":"main","html_url":"https://github.com/acme/objects","private":true,"open_issues_count":3,"stargazers_count":5}"""),
        _ => (404, """{"message":"Not Found"}"""),
    });

    public static Dictionary<string, string?> Settings(JsonStandIn github, bool issueOnFailure = true) => new()
    {
        ["GITHUB_TOKEN"] = Token,
        ["GITHUB_REPO"] = Repository,
        ["GITHUB_API_BASE_URL"] = github.BaseAddress.ToString(),
        ["GITHUB_ISSUE_ON_RUN_FAILURE"] = issueOnFailure ? "true" : "false",
    };
}
