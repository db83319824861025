using System.Net;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Webhooks;

/// <summary>
/// A correctly signed webhook delivered twice — Twilio retrying after a timeout, or a captured request replayed — is
/// answered once: the second delivery gets the same reply and runs nothing.
/// </summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private const string Phone = "+15551230077";
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync();
        var member = await _channels.UserAsync("ada", "member");
        await member.CreateObjectAsync("Calculator");
        await _channels.VerifyPhoneAsync(member, Phone);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task SmsWebhook_SameSignedDeliveryTwice_DeploysOnceAuditsOnceRepliesTwiceTheSame()
    {
        var form = SignedWebhook.Sms(Phone, "deploy Calculator to staging");

        var first = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form);
        var second = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form);

        await first.ExpectAsync(HttpStatusCode.OK);
        await second.ExpectAsync(HttpStatusCode.OK);
        var firstReply = await first.Content.ReadAsStringAsync();
        Assert.Contains("Deployed Calculator v1 to staging.", firstReply, StringComparison.Ordinal);
        Assert.Equal(firstReply, await second.Content.ReadAsStringAsync());
        var admin = _channels.Host.Admin();
        Assert.Single((await admin.GetJsonAsync("/api/events?type=deploy.succeeded"))["items"]!.AsArray());
        Assert.Single((await admin.GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray());
    }

    [Fact]
    public async Task SmsWebhook_NewMessageSidSameText_RunsAgain()
    {
        await _channels.SmsAsync(Phone, "deploy Calculator to staging");
        await _channels.SmsAsync(Phone, "deploy Calculator to staging");

        Assert.Equal(2, (await _channels.Host.Admin().GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task VoiceCommandWebhook_SameCallSidAndTurnTwice_RunsOnceAndSaysTheSame()
    {
        var form = SignedWebhook.Call(Phone, "deploy calculator to staging");

        var first = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/voice/command?turn=1", form);
        var second = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/voice/command?turn=1", form);
        var nextTurn = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/voice/command?turn=2", form);

        var said = await first.Content.ReadAsStringAsync();
        Assert.Contains("Deployed Calculator version 1 to staging.", said, StringComparison.Ordinal);
        Assert.Equal(said, await second.Content.ReadAsStringAsync());
        await nextTurn.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await _channels.Host.Admin().GetJsonAsync("/api/events?type=command.executed"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task VoiceWebhook_SameCallSidTwice_GreetsTheSameAndStoresNothing()
    {
        // The greeting changes nothing, so a retried call-start is answered again without remembering anything.
        var form = SignedWebhook.Call(Phone);
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var first = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/voice", form);
        var second = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/voice", form);

        await first.ExpectAsync(HttpStatusCode.OK);
        var greeting = await first.Content.ReadAsStringAsync();
        Assert.Contains("welcome to Durable Objects", greeting, StringComparison.Ordinal);
        Assert.Equal(greeting, await second.Content.ReadAsStringAsync());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }
}
