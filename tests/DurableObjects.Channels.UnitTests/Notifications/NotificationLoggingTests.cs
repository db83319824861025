using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.UnitTests.Notifications;

public sealed class NotificationLoggingTests
{
    [Theory]
    [InlineData(201, """{"sid":"SM1"}""")]
    [InlineData(400, """{"code":21211,"message":"The 'To' number +15551234567 is not a valid phone number."}""")]
    public async Task NotifyAsync_SmsSentOrRefused_LogsNeitherFullNumberNorToken(int status, string answer)
    {
        await using var twilio = await HttpStandIn.StartAsync(_ => new StandInResponse(status, answer));
        using var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddDurableObjectsChannels(new ConfigurationBuilder().AddInMemoryCollection(ChannelsHost.Twilio(twilio.BaseAddress)).Build());
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<INotificationService>().NotifyAsync(new Notification
        {
            Channel = NotificationChannel.Sms,
            Target = "+15551234567",
            Subject = "s",
            Text = "t",
        });

        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line =>
        {
            Assert.DoesNotContain("+15551234567", line, StringComparison.Ordinal);
            Assert.DoesNotContain("5551234567", line, StringComparison.Ordinal);
            Assert.DoesNotContain(TestOptions.AuthToken, line, StringComparison.Ordinal);
        });
    }
}
