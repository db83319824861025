using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Slack;

/// <summary><c>/durableobjects &lt;command&gt;</c> as the linked user; linking by a code sent as a Slack DM; channel info.</summary>
public sealed class SlackCommandTests : IAsyncLifetime
{
    private ChannelsHost _channels = null!;
    private HttpClient _member = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync(slack: true);
        _member = await _channels.UserAsync("ada", "member");
        await _member.CreateObjectAsync("Calculator");
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task SlashCommand_LinkedMember_RunsAsThatUserAndAnswersEphemerally()
    {
        await _channels.LinkSlackAsync(_member, "U0ADA");

        var reply = await SlashAsync("U0ADA", "deploy Calculator to staging");

        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        Assert.Equal("Deployed Calculator v1 to staging.", reply["text"]!.GetValue<string>());
        var executed = Assert.Single((await _channels.Host.Admin().GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray());
        Assert.Equal("ada", executed!["actor"]!.GetValue<string>());
        Assert.Equal("slack", executed["data"]!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlashCommand_SameSignedDeliveryTwice_DeploysOnceAndAnswersTheSame()
    {
        await _channels.LinkSlackAsync(_member, "U0ADA");
        var body = SlashBody("U0ADA", "deploy Calculator to staging");
        var at = DateTimeOffset.UtcNow;

        var first = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands", body, at);
        var second = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands", body, at);

        await first.ExpectAsync(HttpStatusCode.OK);
        await second.ExpectAsync(HttpStatusCode.OK);
        var reply = await first.Content.ReadAsStringAsync();
        Assert.Contains("Deployed Calculator v1 to staging.", reply, StringComparison.Ordinal);
        Assert.Equal(reply, await second.Content.ReadAsStringAsync());
        var admin = _channels.Host.Admin();
        Assert.Single((await admin.GetJsonAsync("/api/events?type=deploy.succeeded"))["items"]!.AsArray());
        Assert.Single((await admin.GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray());
    }

    [Fact]
    public async Task SlashCommand_SameSignedDeliveryTwiceAtOnce_DeploysOnceAndAnswersTheSame()
    {
        await _channels.LinkSlackAsync(_member, "U0ADA");
        var body = SlashBody("U0ADA", "deploy Calculator to staging");
        var at = DateTimeOffset.UtcNow;

        var responses = await Task.WhenAll(
            SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands", body, at),
            SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands", body, at));

        var replies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains("Deployed Calculator v1 to staging.", replies[0], StringComparison.Ordinal);
        Assert.Equal(replies[0], replies[1]);
        Assert.Single((await _channels.Host.Admin().GetJsonAsync("/api/events?type=deploy.succeeded"))["items"]!.AsArray());
    }

    [Fact]
    public async Task SlashCommand_TwoCommandsSameTextSameSecond_BothRun()
    {
        // Typed twice, the same text arrives with two trigger_ids, so two signatures: two deliveries, both act.
        await _channels.LinkSlackAsync(_member, "U0ADA");
        var at = DateTimeOffset.UtcNow;

        var first = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands", SlashBody("U0ADA", "deploy Calculator to staging"), at);
        var second = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands", SlashBody("U0ADA", "deploy Calculator to staging"), at);

        await first.ExpectAsync(HttpStatusCode.OK);
        await second.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await _channels.Host.Admin().GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task SlashCommand_UnlinkedMember_RefusedAndNothingRuns()
    {
        var reply = await SlashAsync("U0NOBODY", "deploy Calculator to staging");

        Assert.Contains("isn't linked", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("draft", (await _channels.ObjectAsync("Calculator"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlashCommand_LinkPendingButNotVerified_Refused()
    {
        await (await _member.PutAsJsonAsync("/api/me/slack", new { slackUserId = "U0ADA" })).ExpectAsync(HttpStatusCode.Accepted);

        var reply = await SlashAsync("U0ADA", "list objects");

        Assert.Contains("isn't linked", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkSlack_CodeSentByDirectMessage_WrongCodeRefusedRightCodeLinks()
    {
        var pending = await _member.PutAsJsonAsync("/api/me/slack", new { slackUserId = "U0ADA" });
        await pending.ExpectAsync(HttpStatusCode.Accepted);
        var dm = Assert.Single(_channels.Slack.PostedTo("U0ADA"));
        var code = ChannelsHost.CodeIn(dm["text"]!.GetValue<string>());

        var wrong = await _member.PostAsJsonAsync("/api/me/slack/verify", new { code = code == "000000" ? "111111" : "000000" });
        await wrong.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var right = await _member.PostAsJsonAsync("/api/me/slack/verify", new { code });
        await right.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("U0ADA", (await _member.GetJsonAsync("/api/me/slack"))["slackUserId"]!.GetValue<string>());
        Assert.Single((await _channels.Host.Admin().GetJsonAsync("/api/events?type=slack.linked"))["items"]!.AsArray());
    }

    [Fact]
    public async Task LinkSlack_MemberLinkedToAnotherUser_Conflict()
    {
        await _channels.LinkSlackAsync(_member, "U0ADA");
        var other = await _channels.UserAsync("bob", "member");

        var response = await other.PutAsJsonAsync("/api/me/slack", new { slackUserId = "U0ADA" });

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task LinkSlack_NotAMemberId_BadRequest()
    {
        var response = await _member.PutAsJsonAsync("/api/me/slack", new { slackUserId = "#general" });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChannelInfo_KnownChannel_ReadsConversationsInfo()
    {
        var info = await _member.GetJsonAsync("/api/slack/channels/" + ChannelsHost.ApprovalChannel);

        Assert.Equal("approvals", info["name"]!.GetValue<string>());
        Assert.Equal(4, info["memberCount"]!.GetValue<int>());
        var request = _channels.Slack.Requests.Single(r => r.Path.EndsWith("/conversations.info", StringComparison.Ordinal));
        Assert.Equal("?channel=" + ChannelsHost.ApprovalChannel, request.Query);
    }

    [Fact]
    public async Task ChannelInfo_UnknownChannel_NotFound()
    {
        var response = await _member.GetAsync("/api/slack/channels/C0MISSING");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private string SlashBody(string slackUserId, string text) =>
        SignedSlack.SlashCommand(slackUserId, text, new Uri(_channels.Slack.BaseAddress, "/commands/T0TEAM/1"));

    private async Task<JsonObject> SlashAsync(string slackUserId, string text)
    {
        var response = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands", SlashBody(slackUserId, text));
        await response.ExpectAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
