using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Monitors.IntegrationTests.Scheduling;

/// <summary>
/// A scanner that died mid-batch left its claim on the row: the batch with <c>Sent = 1</c> and a lease. Once the
/// lease has expired the next scan resumes at message 1 (message 0 is not sent again) and moves the watermark;
/// while it is live, nobody else touches the batch.
/// </summary>
public sealed class CrashTakeoverTests
{
    private const string Phone = "+15551230006";

    [Fact]
    public async Task Scan_BatchLeftByDeadScanner_ResumesAtFirstUnsentMessage()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, Phone);
        var before = provider.SmsTo(Phone).Count;
        var id = (await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "deploy.failed", channel = "sms" }))["id"]!.GetValue<string>();
        var store = host.Host.Services.GetRequiredService<MonitorStore>();
        var upTo = EventKeys.Bound(DateTimeOffset.UtcNow);
        var batch = new MonitorBatch("bdead", upTo, [new("s", "message zero", 1, null), new("s", "message one", 1, null), new("s", "message two", 1, null)], 1, DateTimeOffset.UtcNow);
        await store.UpdateAsync(id, row =>
        {
            row.PendingJson = batch.ToJson();
            row.LeaseOwner = "dead-host/0000";
            row.LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(5);
            return true;
        });

        var held = await host.ScanAsync();
        Assert.Equal(0, held["messages"]!.GetValue<int>());
        Assert.Equal(1, held["deferred"]!.GetValue<int>());

        await store.UpdateAsync(id, row =>
        {
            row.LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1);
            return true;
        });
        var resumed = await host.ScanAsync();

        Assert.Equal(2, resumed["messages"]!.GetValue<int>());
        var texts = provider.SmsTo(Phone).Skip(before).ToList();
        Assert.Equal(2, texts.Count);
        Assert.Contains("message one", texts[0], StringComparison.Ordinal);
        Assert.Contains("message two", texts[1], StringComparison.Ordinal);
        var row = (await store.GetAsync(id))!;
        Assert.Null(row.PendingJson);
        Assert.Null(row.LeaseOwner);
        Assert.Equal(upTo, row.Watermark);
        Assert.Equal(0, (await host.ScanAsync())["messages"]!.GetValue<int>());
    }
}
