using System.Net;
using System.Net.Http.Json;
using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Slack;

/// <summary>
/// Slack's signature is the Slack webhooks' only authentication: forged, stale or altered requests get 403 and
/// nothing runs — the waiting run still waits, storage is unchanged, nothing is sent to Slack.
/// </summary>
public sealed class SlackSignatureTests : IAsyncLifetime
{
    private const string AdaSlack = "U0ADA";
    private readonly ScriptedModels _models = new();
    private ChannelsHost _channels = null!;
    private HttpClient _owner = null!;
    private string _runId = "";

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync(services: s => s.AddSingleton<IChatClientFactory>(_models), slack: true);
        _owner = await _channels.UserAsync("ada", "member");
        await _owner.CreateObjectAsync("Calculator", Scripts.V1Files());
        await (await _owner.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { requireApproval = true })).ExpectAsync(HttpStatusCode.OK);
        await _channels.LinkSlackAsync(_owner, AdaSlack);
        _models.AcceptFirstTry();
        var started = await _owner.PostAsJsonAsync("/api/objects/Calculator/modifications", new { prompt = "add a multiply method" });
        _runId = (await started.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["runId"]!.GetValue<string>();
        await _channels.Slack.WaitForAsync(r => r.Body.Contains(_runId, StringComparison.Ordinal), TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("altered body")]
    [InlineData("missing headers")]
    [InlineData("future timestamp")]
    public async Task InteractionWebhook_BadSignature_Returns403AndExecutesNothing(string tampering)
    {
        var responseUrl = new Uri(_channels.Slack.BaseAddress, "/actions/T0TEAM/9/xyz");
        var body = SignedSlack.Interaction(AdaSlack, "approve_run", _runId, responseUrl);
        var before = await StorageSnapshot.TakeAsync(_channels.Host);
        var sentBefore = _channels.Slack.Requests.Count;
        var anonymous = _channels.Host.Anonymous();

        var response = tampering switch
        {
            "forged" => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/interactions", body, secret: "not-the-signing-secret"),
            "stale" => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/interactions", body, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "altered body" => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/interactions", body,
                signedBody: SignedSlack.Interaction(AdaSlack, "reject_run", _runId, responseUrl)),
            "future timestamp" => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/interactions", body, at: DateTimeOffset.UtcNow.AddMinutes(6)),
            _ => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/interactions", body, sign: false),
        };

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Invalid Slack signature", problem["title"]!.GetValue<string>());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Equal(sentBefore, _channels.Slack.Requests.Count);
        Assert.Equal("awaiting_approval", (await _owner.GetJsonAsync($"/api/runs/{_runId}"))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("altered body")]
    public async Task CommandWebhook_BadSignature_Returns403AndExecutesNothing(string tampering)
    {
        var responseUrl = new Uri(_channels.Slack.BaseAddress, "/commands/T0TEAM/1");
        var body = SignedSlack.SlashCommand(AdaSlack, "approve " + _runId, responseUrl);
        var before = await StorageSnapshot.TakeAsync(_channels.Host);
        var anonymous = _channels.Host.Anonymous();

        var response = tampering switch
        {
            "forged" => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/commands", body, secret: "not-the-signing-secret"),
            "stale" => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/commands", body, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            _ => await SignedSlack.PostAsync(anonymous, "/webhooks/slack/commands", body, signedBody: SignedSlack.SlashCommand(AdaSlack, "help", responseUrl)),
        };

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Equal("awaiting_approval", (await _owner.GetJsonAsync($"/api/runs/{_runId}"))["status"]!.GetValue<string>());
    }
}
