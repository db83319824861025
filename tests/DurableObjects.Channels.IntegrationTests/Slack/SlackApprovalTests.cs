using System.Net;
using System.Net.Http.Json;
using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Slack;

/// <summary>
/// A run waiting for approval asks in Slack with Approve and Reject buttons; a signed click from the linked member
/// decides it as that user (the API's rules), and the message is replaced by the outcome.
/// </summary>
public sealed class SlackApprovalTests : IAsyncLifetime
{
    private const string AdaSlack = "U0ADA";
    private readonly ScriptedModels _models = new();
    private ChannelsHost _channels = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        // The linked owner approves their own run here (four eyes are tested in ApprovalRulesTests).
        _channels = await ChannelsHost.StartAsync(settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:AllowSelfApproval"] = "true" },
            services: s => s.AddSingleton<IChatClientFactory>(_models), slack: true);
        _owner = await _channels.UserAsync("ada", "member");
        await _owner.CreateObjectAsync("Calculator", Scripts.V1Files());
        await (await _owner.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { requireApproval = true })).ExpectAsync(HttpStatusCode.OK);
        await _channels.LinkSlackAsync(_owner, AdaSlack);
        _models.AcceptFirstTry();
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task ApproveButton_LinkedOwner_RunContinuesAndCommits()
    {
        var runId = await StartWaitingRunAsync();
        var request = Assert.Single(_channels.Slack.PostedTo(ChannelsHost.ApprovalChannel));
        var actions = request["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.Equal(["approve_run", "reject_run"], actions.Select(a => a!["action_id"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal(runId, a!["value"]!.GetValue<string>()));
        Assert.Contains(runId, request["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + SlackStandIn.BotToken, _channels.Slack.Requests.First(r => r.Path.EndsWith("/chat.postMessage", StringComparison.Ordinal)).Header("Authorization"));

        var responseUrl = new Uri(_channels.Slack.BaseAddress, "/actions/T0TEAM/1/abc");
        var response = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/interactions",
            SignedSlack.Interaction(AdaSlack, "approve_run", runId, responseUrl));

        await response.ExpectAsync(HttpStatusCode.OK);
        var run = await WaitForStatusAsync(runId, "succeeded");
        Assert.Equal(2, run["version"]!.GetValue<int>());
        Assert.Equal(2, (await _channels.ObjectAsync("Calculator"))["latestVersion"]!.GetValue<int>());
        var update = await _channels.Slack.WaitForAsync(r => r.Path == "/actions/T0TEAM/1/abc", TimeSpan.FromSeconds(10));
        Assert.True(update.Json["replace_original"]!.GetValue<bool>());
        Assert.Contains($"Approved run {runId} of Calculator.", update.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var executed = (await _channels.Host.Admin().GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray();
        Assert.Equal("slack", Assert.Single(executed)!["data"]!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApproveButton_SameSignedClickTwice_ApprovedOnceAndSlackAnsweredOnce()
    {
        var runId = await StartWaitingRunAsync();
        var click = SignedSlack.Interaction(AdaSlack, "approve_run", runId, new Uri(_channels.Slack.BaseAddress, "/actions/T0TEAM/6/pqr"));
        var at = DateTimeOffset.UtcNow;

        var first = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/interactions", click, at);
        var second = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/interactions", click, at);

        await first.ExpectAsync(HttpStatusCode.OK);
        await second.ExpectAsync(HttpStatusCode.OK);
        await WaitForStatusAsync(runId, "succeeded");
        var admin = _channels.Host.Admin();
        Assert.Single((await admin.GetJsonAsync("/api/events?type=run.approved"))["items"]!.AsArray());
        Assert.Single((await admin.GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray());
        await _channels.Slack.WaitForAsync(r => r.Path == "/actions/T0TEAM/6/pqr", TimeSpan.FromSeconds(10));
        var answered = Assert.Single(_channels.Slack.Requests, r => r.Path == "/actions/T0TEAM/6/pqr");
        Assert.Contains($"Approved run {runId} of Calculator.", answered.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectButton_LinkedOwner_RunRejectedNoNewVersion()
    {
        var runId = await StartWaitingRunAsync();

        var response = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/interactions",
            SignedSlack.Interaction(AdaSlack, "reject_run", runId, new Uri(_channels.Slack.BaseAddress, "/actions/T0TEAM/2/def")));

        await response.ExpectAsync(HttpStatusCode.OK);
        await WaitForStatusAsync(runId, "rejected");
        Assert.Equal(1, (await _channels.ObjectAsync("Calculator"))["latestVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task ApproveButton_UnlinkedMember_RefusedAndRunStillWaits()
    {
        var runId = await StartWaitingRunAsync();

        var response = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/interactions",
            SignedSlack.Interaction("U0STRANGER", "approve_run", runId, new Uri(_channels.Slack.BaseAddress, "/actions/T0TEAM/3/ghi")));

        await response.ExpectAsync(HttpStatusCode.OK);
        var answer = await _channels.Slack.WaitForAsync(r => r.Path == "/actions/T0TEAM/3/ghi", TimeSpan.FromSeconds(10));
        Assert.Equal("ephemeral", answer.Json["response_type"]!.GetValue<string>());
        Assert.Contains("isn't linked", answer.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("awaiting_approval", (await _owner.GetJsonAsync($"/api/runs/{runId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApproveButton_LinkedViewerNotRequester_RefusedAndRunStillWaits()
    {
        var viewer = await _channels.UserAsync("bob", "viewer");
        await _channels.LinkSlackAsync(viewer, "U0BOB");
        var runId = await StartWaitingRunAsync();

        await (await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/interactions",
            SignedSlack.Interaction("U0BOB", "approve_run", runId, new Uri(_channels.Slack.BaseAddress, "/actions/T0TEAM/4/jkl")))).ExpectAsync(HttpStatusCode.OK);

        var answer = await _channels.Slack.WaitForAsync(r => r.Path == "/actions/T0TEAM/4/jkl", TimeSpan.FromSeconds(10));
        Assert.Equal("ephemeral", answer.Json["response_type"]!.GetValue<string>());
        Assert.Equal("awaiting_approval", (await _owner.GetJsonAsync($"/api/runs/{runId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApproveButton_LinkedOwnerWhoseAccountIsDisabled_RefusedSayingSoAndRunStillWaits()
    {
        var runId = await StartWaitingRunAsync();
        var admin = _channels.Host.Admin();
        await (await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true })).ExpectAsync(HttpStatusCode.OK);

        await (await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/interactions",
            SignedSlack.Interaction(AdaSlack, "approve_run", runId, new Uri(_channels.Slack.BaseAddress, "/actions/T0TEAM/5/mno")))).ExpectAsync(HttpStatusCode.OK);

        var answer = await _channels.Slack.WaitForAsync(r => r.Path == "/actions/T0TEAM/5/mno", TimeSpan.FromSeconds(10));
        Assert.Equal("ephemeral", answer.Json["response_type"]!.GetValue<string>());
        Assert.Contains("'ada' is disabled", answer.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("awaiting_approval", (await admin.GetJsonAsync($"/api/runs/{runId}"))["status"]!.GetValue<string>());
        Assert.Empty((await admin.GetJsonAsync("/api/events?type=run.approved"))["items"]!.AsArray());
    }

    private async Task<string> StartWaitingRunAsync()
    {
        var started = await _owner.PostAsJsonAsync("/api/objects/Calculator/modifications", new { prompt = "add a multiply method" });
        await started.ExpectAsync(HttpStatusCode.Accepted);
        var runId = (await started.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["runId"]!.GetValue<string>();
        await WaitForStatusAsync(runId, "awaiting_approval");
        await _channels.Slack.WaitForAsync(r => r.Path.EndsWith("/chat.postMessage", StringComparison.Ordinal) && r.Body.Contains(runId, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        return runId;
    }

    private async Task<System.Text.Json.Nodes.JsonObject> WaitForStatusAsync(string runId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await _owner.GetJsonAsync($"/api/runs/{runId}");
            if (run["status"]!.GetValue<string>() == status)
            {
                return run;
            }
            Assert.True(DateTime.UtcNow < until, $"Run {runId} did not reach {status}: {run.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
