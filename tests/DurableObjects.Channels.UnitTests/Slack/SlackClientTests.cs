using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Slack;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.UnitTests.Slack;

public sealed class SlackClientTests
{
    private const string Token = "xoxb-test-token";

    private static SlackClient Client(HttpClient http, Uri baseAddress) =>
        new(http, Options.Create(new SlackOptions { BotToken = Token, ApiBaseUrl = baseAddress + "api" }), NullLogger<SlackClient>.Instance);

    [Fact]
    public async Task PostMessageAsync_WithBlocks_PostsJsonWithBearerToken()
    {
        await using var slack = await HttpStandIn.StartAsync(_ => new StandInResponse(200, """{"ok":true,"channel":"C123","ts":"1700000000.000100"}"""));
        using var http = new HttpClient();
        var blocks = new JsonArray(SlackBlocks.Header("Deployed"), SlackBlocks.Section("*Calculator* v3 is live"));

        var receipt = await Client(http, slack.BaseAddress).PostMessageAsync("#deploys", "Calculator v3 is live", blocks);

        var request = Assert.Single(slack.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/chat.postMessage", request.Path);
        Assert.Equal($"Bearer {Token}", request.Header("Authorization"));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("#deploys", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("Calculator v3 is live", json.RootElement.GetProperty("text").GetString());
        var sentBlocks = json.RootElement.GetProperty("blocks");
        Assert.Equal("header", sentBlocks[0].GetProperty("type").GetString());
        Assert.Equal("mrkdwn", sentBlocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(new SlackMessageReceipt("C123", "1700000000.000100"), receipt);
    }

    [Fact]
    public async Task PostMessageAsync_SlackAnswersOkFalse_ThrowsWithSlackError()
    {
        await using var slack = await HttpStandIn.StartAsync(_ => new StandInResponse(200, """{"ok":false,"error":"channel_not_found"}"""));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ChannelException>(() => Client(http, slack.BaseAddress).PostMessageAsync("#nope", "hi"));

        Assert.Equal("channel_not_found", error.ProviderCode);
    }

    [Fact]
    public async Task PostMessageAsync_RateLimited_ThrowsRateLimited()
    {
        await using var slack = await HttpStandIn.StartAsync(_ => new StandInResponse(429, string.Empty, "text/plain", new Dictionary<string, string> { ["Retry-After"] = "30" }));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ChannelException>(() => Client(http, slack.BaseAddress).PostMessageAsync("#c", "hi"));

        Assert.Equal("ratelimited", error.ProviderCode);
    }

    [Fact]
    public async Task GetChannelInfoAsync_Channel_ReadsConversationsInfo()
    {
        await using var slack = await HttpStandIn.StartAsync(_ => new StandInResponse(200, """
            {"ok":true,"channel":{"id":"C123","name":"deploys","is_private":false,"is_archived":false,"num_members":12,
             "topic":{"value":"Deploy news"},"purpose":{"value":"Where deploys are announced"}}}
            """));
        using var http = new HttpClient();

        var info = await Client(http, slack.BaseAddress).GetChannelInfoAsync("C123");

        var request = Assert.Single(slack.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/conversations.info", request.Path);
        Assert.Equal("?channel=C123", request.Query);
        Assert.Equal($"Bearer {Token}", request.Header("Authorization"));
        Assert.Equal(new SlackChannelInfo("C123", "deploys", false, false, 12, "Deploy news", "Where deploys are announced"), info);
    }
}
