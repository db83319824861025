using System.Xml.Linq;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>A call through both webhooks: greeting with a speech &lt;Gather&gt;, then each spoken command answered with &lt;Say&gt;.</summary>
public sealed class VoiceCallTests : IAsyncLifetime
{
    private const string Phone = "+15554440001";
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync();
        var owner = await _channels.UserAsync("ada", "member");
        await owner.CreateObjectAsync("Calculator");
        await _channels.VerifyPhoneAsync(owner, Phone);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task Call_GreetsListensAndRunsSpokenCommands()
    {
        var welcome = await _channels.VoiceAsync("/webhooks/voice", Phone);

        var gather = welcome.Root!.Element("Gather")!;
        Assert.Equal("speech", gather.Attribute("input")!.Value);
        Assert.Equal(SignedWebhook.PublicBaseUrl + "/webhooks/voice/command?turn=1", gather.Attribute("action")!.Value);
        Assert.Contains("Hello ada", gather.Element("Say")!.Value, StringComparison.Ordinal);

        var info = await _channels.VoiceAsync("/webhooks/voice/command?turn=1", Phone, "Um, status of calculator.");

        Assert.Equal("Calculator: version 1 (draft), not deployed. Owner ada.", Said(info)[0]);
        Assert.Equal(SignedWebhook.PublicBaseUrl + "/webhooks/voice/command?turn=2", info.Root!.Element("Gather")!.Attribute("action")!.Value);

        var deploy = await _channels.VoiceAsync("/webhooks/voice/command?turn=2", Phone, "Deploy calculator to staging.");

        Assert.Equal("Deployed Calculator version 1 to staging.", Said(deploy)[0]);
        Assert.Equal(1, (await _channels.ObjectAsync("Calculator"))["deployments"]!["staging"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task CommandWebhook_NoSpeech_AsksAgain()
    {
        var twiml = await _channels.VoiceAsync("/webhooks/voice/command", Phone);

        Assert.Equal("Sorry, I didn't catch that.", Said(twiml)[0]);
        Assert.NotNull(twiml.Root!.Element("Gather"));
    }

    [Fact]
    public async Task Help_IsSpokenWithoutMarkup()
    {
        var twiml = await _channels.VoiceAsync("/webhooks/voice/command", Phone, "help");

        Assert.StartsWith("You can say:", Said(twiml)[0], StringComparison.Ordinal);
        Assert.DoesNotContain("<", Said(twiml)[0], StringComparison.Ordinal);
    }

    private static List<string> Said(XDocument twiml) => twiml.Root!.Elements("Say").Select(s => s.Value).ToList();
}
