using System.Net.Http.Json;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Webhooks;

/// <summary>Only a verified phone commands: unknown and pending numbers get a polite refusal and change nothing.</summary>
public sealed class UnknownCallerTests : IAsyncLifetime
{
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync();

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task Sms_UnknownNumber_PoliteRefusalAndNothingChanges()
    {
        var admin = _channels.Host.Admin();
        await admin.CreateObjectAsync("Calculator");
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var reply = await _channels.SmsAsync("+15557770000", "deploy Calculator");

        Assert.Contains("isn't linked to a Durable Objects account", reply, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }

    [Fact]
    public async Task Sms_PendingButUnverifiedNumber_IsRefused()
    {
        var member = await _channels.UserAsync("bea", "member");
        var claim = await member.PutAsJsonAsync("/api/me/phone", new { phone = "+15557770001" });
        await claim.ExpectAsync(System.Net.HttpStatusCode.Accepted);

        var reply = await _channels.SmsAsync("+15557770001", "list objects");

        Assert.Contains("isn't linked", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voice_UnknownCaller_SaysRefusalAndHangsUp()
    {
        var twiml = await _channels.VoiceAsync("/webhooks/voice", "+15557770002");

        Assert.Contains("isn't linked", twiml.Root!.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.NotNull(twiml.Root.Element("Hangup"));
        Assert.Null(twiml.Root.Element("Gather"));
    }

    [Fact]
    public async Task VoiceCommand_UnknownCaller_RunsNothing()
    {
        await _channels.Host.Admin().CreateObjectAsync("Calculator");
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var twiml = await _channels.VoiceAsync("/webhooks/voice/command", "+15557770003", "deploy calculator");

        Assert.NotNull(twiml.Root!.Element("Hangup"));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }
}
