using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>
/// A disabled account commands nothing from its verified phone (SMS, voice) or its linked Slack member: each is refused
/// with the reason, nothing runs and nothing is stored; enabled again, the same phone and member work as before.
/// </summary>
public sealed class DisabledUserCommandTests : IAsyncLifetime
{
    private const string AdaPhone = "+15556660001";
    private const string AdaSlack = "U0ADA";
    private ChannelsHost _channels = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync(slack: true);
        _admin = _channels.Host.Admin();
        var ada = await _channels.UserAsync("ada", "member");
        await ada.CreateObjectAsync("Calculator");
        await _channels.VerifyPhoneAsync(ada, AdaPhone);
        await _channels.LinkSlackAsync(ada, AdaSlack);
        await SetDisabledAsync(true);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task Sms_FromADisabledUsersPhone_RefusedSayingSoAndStartsNothing_EnabledAgainItWorks()
    {
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var refused = await _channels.SmsAsync(AdaPhone, "deploy Calculator to staging");
        var stored = await StorageSnapshot.TakeAsync(_channels.Host);
        await SetDisabledAsync(false);
        var deployed = await _channels.SmsAsync(AdaPhone, "deploy Calculator to staging");

        Assert.Contains("'ada' is disabled", refused, StringComparison.Ordinal);
        Assert.Equal(before, stored);
        Assert.Equal("Deployed Calculator v1 to staging.", deployed);
    }

    [Fact]
    public async Task Voice_FromADisabledUsersPhone_RefusedSayingSoAndHangsUp()
    {
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var greeting = await _channels.VoiceAsync("/webhooks/voice", AdaPhone);
        var command = await _channels.VoiceAsync("/webhooks/voice/command?turn=1", AdaPhone, "Deploy calculator to staging.");

        foreach (var twiml in new[] { greeting, command })
        {
            Assert.Contains("'ada' is disabled", string.Join(" ", twiml.Root!.Elements("Say").Select(s => s.Value)), StringComparison.Ordinal);
            Assert.NotNull(twiml.Root!.Element("Hangup"));
            Assert.Null(twiml.Root!.Element("Gather"));
        }
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }

    [Fact]
    public async Task SlashCommand_FromADisabledUsersSlackMember_RefusedSayingSoAndNothingRuns()
    {
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var response = await SignedSlack.PostAsync(_channels.Host.Anonymous(), "/webhooks/slack/commands",
            SignedSlack.SlashCommand(AdaSlack, "deploy Calculator to staging", new Uri(_channels.Slack.BaseAddress, "/commands/T0TEAM/1")));

        await response.ExpectAsync(HttpStatusCode.OK);
        var reply = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("'ada' is disabled", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Equal("draft", (await _channels.ObjectAsync("Calculator"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListUsers_ByAdminsPhone_ShowsWhoIsDisabled()
    {
        await _channels.VerifyPhoneAsync(_admin, "+15556660002");

        var reply = await _channels.SmsAsync("+15556660002", "list users");

        Assert.Contains("ada (member, disabled)", reply, StringComparison.Ordinal);
        Assert.Contains("admin (admin)", reply, StringComparison.Ordinal);
    }

    private async Task SetDisabledAsync(bool disabled) =>
        await (await _admin.PatchAsJsonAsync("/api/users/ada", new { disabled })).ExpectAsync(HttpStatusCode.OK);
}
