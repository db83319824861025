using System.Text.Json;
using System.Xml.Linq;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Outbox;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.UnitTests.Notifications;

public sealed class NotificationServiceTests
{
    private static Notification Sms(string target = "+1 (555) 123-4567") => new()
    {
        Channel = NotificationChannel.Sms,
        Target = target,
        Subject = "New user",
        Text = "ada@example.com signed up.",
        Links = [new NotificationLink("Users", new Uri("https://objects.example.com/users"))],
        CorrelationId = "evt-1",
    };

    private static StandInResponse TwilioCreated(RecordedRequest request) => new(201, """{"sid":"SM1"}""");

    [Fact]
    public async Task NotifyAsync_ConfiguredSms_SendsThroughTwilioAndNothingInOutbox()
    {
        await using var twilio = await HttpStandIn.StartAsync(TwilioCreated);
        await using var services = ChannelsHost.Build(ChannelsHost.Twilio(twilio.BaseAddress));

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(Sms());

        Assert.Equal(NotificationStatus.Sent, result.Status);
        Assert.Equal(["SM1"], result.ProviderIds);
        var request = Assert.Single(twilio.Requests);
        Assert.Equal("+15551234567", request.FormValue("To"));
        Assert.Equal("New user\nada@example.com signed up.\nUsers: https://objects.example.com/users", request.FormValue("Body").ReplaceLineEndings("\n"));
        var outbox = (InMemoryOutbox)services.GetRequiredService<IOutbox>();
        Assert.Empty(outbox.Messages);
    }

    [Fact]
    public async Task NotifyAsync_ConfiguredVoice_StartsCallSpeakingTheMessage()
    {
        await using var twilio = await HttpStandIn.StartAsync(_ => new StandInResponse(201, """{"sid":"CA9"}"""));
        await using var services = ChannelsHost.Build(ChannelsHost.Twilio(twilio.BaseAddress));

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(Sms() with { Channel = NotificationChannel.Voice });

        Assert.Equal(NotificationStatus.Sent, result.Status);
        var request = Assert.Single(twilio.Requests);
        Assert.EndsWith("/Calls.json", request.Path, StringComparison.Ordinal);
        var says = XDocument.Parse(request.FormValue("Twiml")).Root!.Elements("Say").Select(e => e.Value).ToList();
        Assert.Contains(says, s => s.Contains("New user. ada@example.com signed up.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotifyAsync_UnconfiguredChannel_LandsInOutboxWithFullMessage()
    {
        await using var services = ChannelsHost.Build(new Dictionary<string, string?>());
        var notification = new Notification
        {
            Channel = NotificationChannel.Slack,
            Target = "#deploys",
            Subject = "Deployed",
            Text = "Calculator v3 is live.",
            Html = "<p>Calculator v3 is live.</p>",
            CorrelationId = "run-7",
        };

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(notification);

        Assert.Equal(NotificationStatus.Outboxed, result.Status);
        var outbox = (InMemoryOutbox)services.GetRequiredService<IOutbox>();
        var stored = Assert.Single(outbox.Messages);
        Assert.Equal(notification, stored.Notification);
        Assert.Equal(OutboxReason.ChannelNotConfigured, stored.Reason);
        Assert.Contains("SLACK_BOT_TOKEN", stored.Detail, StringComparison.Ordinal);
        Assert.Equal(stored.Id, result.OutboxId);
    }

    [Theory]
    [InlineData(NotificationChannel.Sms, "+15551234567")]
    [InlineData(NotificationChannel.Voice, "+15551234567")]
    [InlineData(NotificationChannel.Email, "ada@example.com")]
    [InlineData(NotificationChannel.GitHub, "acme/objects")]
    public async Task NotifyAsync_EveryUnconfiguredChannel_Outboxed(NotificationChannel channel, string target)
    {
        await using var services = ChannelsHost.Build(new Dictionary<string, string?>());

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(Sms(target) with { Channel = channel });

        Assert.Equal(NotificationStatus.Outboxed, result.Status);
        Assert.Single(((InMemoryOutbox)services.GetRequiredService<IOutbox>()).Messages);
    }

    [Fact]
    public async Task NotifyAsync_InvalidPhoneTarget_OutboxedAsInvalidWithoutCallingTwilio()
    {
        await using var twilio = await HttpStandIn.StartAsync(TwilioCreated);
        await using var services = ChannelsHost.Build(ChannelsHost.Twilio(twilio.BaseAddress));

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(Sms("call me maybe"));

        Assert.Equal(NotificationStatus.Invalid, result.Status);
        Assert.Empty(twilio.Requests);
        Assert.Equal(OutboxReason.Invalid, Assert.Single(((InMemoryOutbox)services.GetRequiredService<IOutbox>()).Messages).Reason);
    }

    [Fact]
    public async Task NotifyAsync_ProviderFails_ReturnsFailedAndKeepsMessageInOutbox()
    {
        await using var twilio = await HttpStandIn.StartAsync(_ => new StandInResponse(500, """{"code":20500,"message":"Internal Server Error"}"""));
        await using var services = ChannelsHost.Build(ChannelsHost.Twilio(twilio.BaseAddress));

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(Sms());

        Assert.Equal(NotificationStatus.Failed, result.Status);
        Assert.False(result.Succeeded);
        Assert.Contains("Internal Server Error", result.Error, StringComparison.Ordinal);
        var stored = Assert.Single(((InMemoryOutbox)services.GetRequiredService<IOutbox>()).Messages);
        Assert.Equal(OutboxReason.SendFailed, stored.Reason);
        Assert.Equal("+15551234567", stored.Notification.Target);
    }

    [Fact]
    public async Task NotifyAsync_ConfiguredSlack_PostsBlocks()
    {
        await using var slack = await HttpStandIn.StartAsync(_ => new StandInResponse(200, """{"ok":true,"channel":"C1","ts":"1.2"}"""));
        await using var services = ChannelsHost.Build(new Dictionary<string, string?>
        {
            ["SLACK_BOT_TOKEN"] = "xoxb-1",
            ["SLACK_API_BASE_URL"] = slack.BaseAddress.ToString(),
        });

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(Sms("#ops") with { Channel = NotificationChannel.Slack });

        Assert.Equal(NotificationStatus.Sent, result.Status);
        using var json = JsonDocument.Parse(Assert.Single(slack.Requests).Body);
        Assert.Equal("#ops", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("New user", json.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public async Task NotifyAsync_ConfiguredSendGridEmail_SendsHtmlAndText()
    {
        await using var sendGrid = await HttpStandIn.StartAsync(_ => new StandInResponse(202, string.Empty, "text/plain"));
        await using var services = ChannelsHost.Build(new Dictionary<string, string?>
        {
            ["SENDGRID_API_KEY"] = "SG.k",
            ["SENDGRID_API_BASE_URL"] = sendGrid.BaseAddress.ToString(),
            ["FROM_EMAIL"] = "robot@objects.example.com",
        });

        var result = await services.GetRequiredService<INotificationService>().NotifyAsync(Sms("Ada <ada@example.com>") with { Channel = NotificationChannel.Email });

        Assert.Equal(NotificationStatus.Sent, result.Status);
        using var json = JsonDocument.Parse(Assert.Single(sendGrid.Requests).Body);
        Assert.Equal("ada@example.com", json.RootElement.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("content").GetArrayLength());
    }

    [Fact]
    public async Task NotifyAsync_Cancelled_Throws()
    {
        await using var services = ChannelsHost.Build(ChannelsHost.Twilio(new Uri("http://127.0.0.1:9/")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.GetRequiredService<INotificationService>().NotifyAsync(Sms(), cancelled.Token));
    }
}
