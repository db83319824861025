using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Channels.Notifications;
using DurableObjects.Orchestrations.Reporting;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.GitHub;

/// <summary>With GITHUB_ISSUE_ON_RUN_FAILURE on, a failed run opens one GitHub issue (Octokit, against a stand-in), never two.</summary>
public sealed class RunFailureIssueTests : IAsyncLifetime
{
    private JsonStandIn _github = null!;
    private ChannelsHost _channels = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        _github = await GitHubStandIn.StartAsync(knownRunMarker: "durable-objects-run:0123456789abcdef0123456789abcdef");
        _channels = await ChannelsHost.StartAsync(settings: GitHubStandIn.Settings(_github));
        _owner = await _channels.UserAsync("ada", "member");
        await _owner.CreateObjectAsync("Calculator", Scripts.V1Files());
    }

    public async Task DisposeAsync()
    {
        await _channels.DisposeAsync();
        await _github.DisposeAsync();
    }

    [Fact]
    public async Task FailedRun_SettingOn_OpensOneIssueWithRunLinkGatesAndMarker()
    {
        var runId = await StartBrokenRunAsync();
        await WaitForStatusAsync(runId, "rejected");

        var opened = await _github.WaitForAsync(r => r.Method == "POST" && r.Path == "/api/v3/repos/acme/objects/issues", TimeSpan.FromSeconds(30));

        Assert.Contains(GitHubStandIn.Token, opened.Header("Authorization"), StringComparison.Ordinal);
        var issue = opened.Json;
        Assert.StartsWith("Run failed: Changing Calculator", issue["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var body = issue["body"]!.GetValue<string>();
        Assert.Contains($"{SignedWebhook.PublicBaseUrl}/api/runs/{runId}", body, StringComparison.Ordinal);
        Assert.Contains("**Failed gates:**", body, StringComparison.Ordinal);
        Assert.Contains($"<!-- durable-objects-run:{runId} -->", body, StringComparison.Ordinal);
        Assert.Equal(["durable-objects", "run-failed"], issue["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        var search = _github.Requests.Single(r => r.Path == "/api/v3/search/issues");
        Assert.Contains($"durable-objects-run:{runId}", Uri.UnescapeDataString(search.Query), StringComparison.Ordinal);

        var again = await Reporter().ReportRunFailureAsync(new RunFailureReport(runId, "Calculator", "again", "again"));

        Assert.Equal(new RunIssue(42, "https://github.com/acme/objects/issues/42"), again);
        Assert.Single(_github.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task ReportRunFailureAsync_IssueAlreadyOnGitHub_FindsItByMarkerAndOpensNone()
    {
        var issue = await Reporter().ReportRunFailureAsync(new RunFailureReport("0123456789abcdef0123456789abcdef", "Calculator", "add", "boom"));

        Assert.Equal(7, issue!.Number);
        Assert.DoesNotContain(_github.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task SucceededRun_OpensNoIssue()
    {
        var started = await _owner.PostAsJsonAsync("/api/objects/Calculator/modifications", new { files = Scripts.V2Files(), summary = "Adds Multiply." });
        await started.ExpectAsync(HttpStatusCode.Accepted);
        await WaitForStatusAsync((await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>(), "succeeded");

        Assert.DoesNotContain(_github.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task RepoInfoAndIssuesCommands_BySms_AnswerFromGitHub()
    {
        const string phone = "+15551239901";
        await _channels.VerifyPhoneAsync(_owner, phone);

        var repo = await _channels.SmsAsync(phone, "repo info");
        var issues = await _channels.SmsAsync(phone, "list open issues");

        Assert.StartsWith("acme/objects — Durable objects. Private, default branch main, 3 open issue(s)", repo, StringComparison.Ordinal);
        Assert.Equal("Open issues: #12 Calculator rounds down.", issues);
        Assert.Contains(_github.Requests, r => r.Method == "GET" && r.Path == "/api/v3/repos/acme/objects/issues" && r.Query.Contains("state=open", StringComparison.Ordinal));
    }

    private IRunFailureReporter Reporter() => _channels.Host.Services.GetRequiredService<IRunFailureReporter>();

    private async Task<string> StartBrokenRunAsync()
    {
        var files = Scripts.V1Files();
        files["Calculator.cs"] = "namespace Samples;\n\npublic class Calculator\n{\n    public int Add(int a, int b) => a + ;\n}\n";
        var started = await _owner.PostAsJsonAsync("/api/objects/Calculator/modifications", new { files, summary = "Broken on purpose." });
        await started.ExpectAsync(HttpStatusCode.Accepted);
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
    }

    private async Task WaitForStatusAsync(string runId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await _owner.GetJsonAsync($"/api/runs/{runId}");
            if (run["status"]!.GetValue<string>() == status)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < until, $"Run {runId} did not reach {status}: {run.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
