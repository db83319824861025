using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Notifications;

/// <summary>
/// A run whose requester an admin disables while it works goes on, but tells the requester nothing: its approval
/// request is not posted to their Slack conversation and its end is not sent to them; both skips are in the run's view.
/// </summary>
public sealed class DisabledRequesterTests : ScriptedRunHostTests
{
    private const string AdaSlack = "U0ADA";
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
    private readonly TaskCompletionSource _planning = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpClient _admin = null!;

    // No approval channel: the approval request goes to the requester's own Slack conversation.
    protected override Task<ChannelsHost> StartHostAsync(Action<IServiceCollection> models) =>
        ChannelsHost.StartAsync(settings: new Dictionary<string, string?> { ["SLACK_APPROVAL_CHANNEL"] = "" }, services: models, slack: true);

    protected override async Task ArrangeAsync()
    {
        _admin = Channels.Host.Admin();
        await (await Ada.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { requireApproval = true })).ExpectAsync(HttpStatusCode.OK);
        // The plan waits until the test has disabled the requester: the run is under way when it happens.
        Models.Planner.Enqueue(_ =>
        {
            _planning.Task.Wait(TimeSpan.FromSeconds(60));
            return Models.Planner.Response(System.Text.Json.JsonSerializer.Serialize(Scripts.Plan(), Json));
        });
        Models.Generator.EnqueueJson(Scripts.Candidate());
        Models.Judge.EnqueueJson(Scripts.Preference(0.9));
    }

    public override async Task DisposeAsync()
    {
        _planning.TrySetResult();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Run_RequesterDisabledWhileItWorks_NoApprovalRequestNorEndMessageToThemAndBothSkipsShown()
    {
        var started = await Ada.PostAsJsonAsync("/api/objects/Calculator/modifications",
            new { prompt = "add a multiply method", notify = new { channel = "slack", target = AdaSlack } });
        await started.ExpectAsync(HttpStatusCode.Accepted);
        var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();

        await (await _admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true })).ExpectAsync(HttpStatusCode.OK);
        _planning.SetResult();
        var waiting = await WaitForStatusAsync(runId, "awaiting_approval");
        await (await _admin.PostAsJsonAsync($"/api/runs/{runId}/reject", new { comment = "not now" })).ExpectAsync(HttpStatusCode.Accepted);
        var ended = await WaitForStatusAsync(runId, "rejected");

        Assert.Empty(Channels.Slack.PostedTo(AdaSlack));
        Assert.Equal("Skipped", waiting["approvalNotice"]!["outcome"]!.GetValue<string>());
        Assert.Contains("'ada' is disabled", waiting["approvalNotice"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("slack", ended["notify"]!["channel"]!.GetValue<string>());
        Assert.Equal("Skipped", ended["notify"]!["outcome"]!.GetValue<string>());
        Assert.Contains("'ada' is disabled", ended["notify"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await _admin.GetJsonAsync("/api/outbox"))["items"]!.AsArray());
    }

    private async Task<JsonObject> WaitForStatusAsync(string runId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await _admin.GetJsonAsync($"/api/runs/{runId}");
            // The status turns awaiting_approval before the approval request's skip is recorded (the same activity, one
            // write later), and a run's end before its notify: wait for what the test reads.
            var recorded = status == "awaiting_approval" ? run["approvalNotice"] : run["notify"];
            if (run["status"]!.GetValue<string>() == status && recorded is not null)
            {
                return run;
            }
            Assert.True(DateTime.UtcNow < until, $"Run {runId} did not reach {status}: {run.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
