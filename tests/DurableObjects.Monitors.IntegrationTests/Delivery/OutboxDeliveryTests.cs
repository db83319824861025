using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Delivery;

/// <summary>A monitor on a channel that is not configured still fires: the message waits in the outbox, whole.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task SlackNotConfigured_MonitorFires_MessageInOutboxAndWatermarkMoves()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false, settings: new Dictionary<string, string?> { ["SLACK_BOT_TOKEN"] = "" });
        var ada = await host.UserAsync("ada");
        var id = (await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "object.*", channel = "slack", target = "#objects" }))["id"]!.GetValue<string>();
        await host.Admin().CreateObjectAsync("calculator");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var report = await host.ScanAsync();

        Assert.Equal(1, report["messages"]!.GetValue<int>());
        Assert.DoesNotContain(provider.Requests, r => r.IsSlack);
        var outbox = await host.Admin().GetJsonAsync("/api/outbox?channel=slack");
        var item = Assert.Single(outbox["items"]!.AsArray())!;
        Assert.Equal("#objects", item["target"]!.GetValue<string>());
        Assert.Contains("object/calculator", item["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ChannelNotConfigured", item["reason"]!.GetValue<string>());
        var monitor = await ada.GetJsonAsync($"/api/monitors/{id}");
        Assert.Equal(1, monitor["firedCount"]!.GetValue<long>());
        Assert.Contains("Outboxed", monitor["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await host.ScanAsync())["messages"]!.GetValue<int>());
    }
}
