using System.Net;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Webhooks;

/// <summary>
/// With no Twilio auth token and no Slack signing secret (only blanks), every webhook request is refused with 403 —
/// whether unsigned or signed with the blank value — and nothing runs: a missing secret never means "accept".
/// </summary>
public sealed class UnconfiguredSecretTests : IAsyncLifetime
{
    private const string Blank = " ";
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync(
        twilioConfigured: false,
        slack: true,
        settings: new Dictionary<string, string?> { ["TWILIO_AUTH_TOKEN"] = Blank, ["SLACK_SIGNING_SECRET"] = Blank });

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Theory]
    [InlineData("/webhooks/sms", true)]
    [InlineData("/webhooks/sms", false)]
    [InlineData("/webhooks/voice", true)]
    [InlineData("/webhooks/voice/command?turn=1", true)]
    public async Task TwilioWebhooks_NoAuthToken_Return403AndExecuteNothing(string path, bool signedWithBlankToken)
    {
        var admin = _channels.Host.Admin();
        await admin.CreateObjectAsync("Calculator");
        var form = path == "/webhooks/sms" ? SignedWebhook.Sms("+15551239999", "deploy Calculator") : SignedWebhook.Call("+15551239999", "deploy Calculator");
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var response = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), path, form,
            signature: TwilioSigner.Sign(Blank, SignedWebhook.PublicBaseUrl + path, form), sign: signedWithBlankToken);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Invalid Twilio signature", problem["title"]!.GetValue<string>());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Empty(_channels.Twilio.Requests);
    }

    [Theory]
    [InlineData("/webhooks/slack/commands", true)]
    [InlineData("/webhooks/slack/commands", false)]
    [InlineData("/webhooks/slack/interactions", true)]
    public async Task SlackWebhooks_NoSigningSecret_Return403AndExecuteNothing(string path, bool signedWithBlankSecret)
    {
        var responseUrl = new Uri(_channels.Slack.BaseAddress, "/commands/T0TEAM/1");
        var body = path.EndsWith("/commands", StringComparison.Ordinal)
            ? SignedSlack.SlashCommand("U0ADA", "help", responseUrl)
            : SignedSlack.Interaction("U0ADA", "approve_run", "run-1", responseUrl);
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var response = await SignedSlack.PostAsync(_channels.Host.Anonymous(), path, body, secret: Blank, sign: signedWithBlankSecret);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Invalid Slack signature", problem["title"]!.GetValue<string>());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Empty(_channels.Slack.Requests);
    }
}
