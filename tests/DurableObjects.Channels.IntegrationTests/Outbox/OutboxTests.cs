using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Outbox;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Outbox;

/// <summary>
/// With Twilio not configured, messages land in the Table Storage outbox, whole: admins list all, users their own
/// (which is how they read their verification code on a fresh machine), by channel, a page at a time, across restarts.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private ChannelsHost _channels = null!;
    private bool _stopped;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync(twilioConfigured: false);

    public async Task DisposeAsync()
    {
        if (!_stopped)
        {
            await _channels.DisposeAsync();
        }
    }

    [Fact]
    public async Task VerificationCode_WithoutTwilio_InOwnersOutbox_VerifiesThePhone()
    {
        var ada = await _channels.UserAsync("ada", "member");
        var bob = await _channels.UserAsync("bob", "member");

        var claim = await ada.PutAsJsonAsync("/api/me/phone", new { phone = "+15556660001" });

        await claim.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("outboxed", (await claim.Content.ReadFromJsonAsync<JsonObject>())!["delivery"]!.GetValue<string>());
        Assert.Empty(_channels.Twilio.Requests);
        var mine = Items(await ada.GetJsonAsync("/api/outbox"));
        var message = Assert.Single(mine);
        Assert.Equal("sms", message["channel"]!.GetValue<string>());
        Assert.Equal("+15556660001", message["target"]!.GetValue<string>());
        Assert.Equal("ChannelNotConfigured", message["reason"]!.GetValue<string>());
        Assert.Empty(Items(await bob.GetJsonAsync("/api/outbox")));
        Assert.Single(Items(await _channels.Host.Admin().GetJsonAsync("/api/outbox")));

        var code = ChannelsHost.CodeIn(message["text"]!.GetValue<string>());
        await (await ada.PostAsJsonAsync("/api/me/phone/verify", new { code })).ExpectAsync(HttpStatusCode.OK);

        Assert.StartsWith("There are no objects yet", await _channels.SmsAsync("+15556660001", "list objects"), StringComparison.Ordinal);
        Assert.Single(Items(await ada.GetJsonAsync("/api/outbox")));
    }

    [Fact]
    public async Task List_FiltersByChannel_AndPages()
    {
        var outbox = _channels.Host.Services.GetRequiredService<INotificationService>();
        for (var i = 0; i < 3; i++)
        {
            await outbox.NotifyAsync(new Notification { Channel = NotificationChannel.Sms, Target = "+15556660002", Subject = "s", Text = $"sms {i}" });
        }
        await outbox.NotifyAsync(new Notification { Channel = NotificationChannel.Email, Target = "ops@example.com", Subject = "Hello", Text = "email" });
        var admin = _channels.Host.Admin();

        var first = await admin.GetJsonAsync("/api/outbox?channel=sms&pageSize=2");
        var token = first["continuationToken"]!.GetValue<string>();
        var second = await admin.GetJsonAsync($"/api/outbox?channel=sms&pageSize=2&continuationToken={Uri.EscapeDataString(token)}");
        var emails = await admin.GetJsonAsync("/api/outbox?channel=EMAIL");

        Assert.Equal(["sms 2", "sms 1"], Items(first).Select(m => m["text"]!.GetValue<string>()));
        Assert.Equal(["sms 0"], Items(second).Select(m => m["text"]!.GetValue<string>()));
        Assert.Null(second["continuationToken"]);
        Assert.Equal("ops@example.com", Assert.Single(Items(emails))["target"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?channel=pigeon")]
    [InlineData("?channel=1")]
    [InlineData("?pageSize=0")]
    public async Task List_BadQuery_400(string query)
    {
        await (await _channels.Host.Admin().GetAsync("/api/outbox" + query)).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_Anonymous_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _channels.Host.Anonymous().GetAsync("/api/outbox")).StatusCode);
    }

    [Fact]
    public async Task LargeMessage_KeptWhole_AndSurvivesARestart()
    {
        var text = string.Concat(Enumerable.Repeat("A long report line. ", 4_000));
        var outbox = _channels.Host.Services.GetRequiredService<IOutbox>();
        await outbox.AddAsync(new OutboxMessage("m1", DateTimeOffset.UtcNow, new Notification
        {
            Channel = NotificationChannel.Email,
            Target = "ops@example.com",
            Subject = "Report",
            Text = text,
            Links = [new NotificationLink("Run", new Uri("https://objects.example.test/runs/1"))],
        }, OutboxReason.SendFailed, "SMTP said no"));
        var prefix = _channels.Host.Prefix;
        await _channels.DisposeAsync();
        _stopped = true;

        await using var restarted = await TestHost.StartAsync(prefix);
        var page = await restarted.Services.GetRequiredService<IOutbox>().ListAsync(new OutboxQuery());

        var message = Assert.Single(page.Items);
        Assert.Equal(text, message.Notification.Text);
        Assert.Equal("Run", Assert.Single(message.Notification.Links).Title);
        Assert.Equal(OutboxReason.SendFailed, message.Reason);
    }

    private static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
}
