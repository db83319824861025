using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Shared.Audit;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Monitors.IntegrationTests.Scheduling;

/// <summary>Stopping a host in the middle of a scan and starting it again on the same storage: no duplicates, nothing skipped.</summary>
public sealed class RestartTests
{
    private const string Phone = "+15551230003";

    [Fact]
    public async Task HostStopsMidScan_Restart_EveryEventTextedExactlyOnce()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        string prefix;
        int before;
        {
            await using var first = await MonitorsHost.StartAsync(provider);
            prefix = first.Host.Prefix;
            var ada = await first.UserAsync("ada");
            await first.VerifyPhoneAsync(ada, Phone);
            before = provider.SmsTo(Phone).Count;
            await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "invocation.failed", channel = "sms" });
            var audit = first.Host.Services.GetRequiredService<AuditLog>();
            // Five events: one text each (the digest threshold), each taking the stand-in 800 ms to accept.
            provider.Delay = TimeSpan.FromMilliseconds(800);
            for (var i = 1; i <= 5; i++)
            {
                await audit.AppendAsync("invocation.failed", $"object/first{i}", "system");
            }
            await provider.WaitForAsync(r => r.IsSms && r.Form("Body").Contains("object/first", StringComparison.Ordinal), timeoutSeconds: 60);
            // Stop with the scan part-way through its batch.
        }
        var sentBeforeRestart = provider.SmsTo(Phone).Skip(before).Count();
        Assert.InRange(sentBeforeRestart, 1, 4);

        await using var second = await MonitorsHost.StartAsync(provider, prefix: prefix);
        var again = second.Host.Services.GetRequiredService<AuditLog>();
        await again.AppendAsync("invocation.failed", "object/second1", "system");
        await again.AppendAsync("invocation.failed", "object/second2", "system");
        await provider.WaitForAsync(r => r.IsSms && r.Form("Body").Contains("object/second", StringComparison.Ordinal), count: 2, timeoutSeconds: 90);
        await Task.Delay(TimeSpan.FromSeconds(4));

        var texts = provider.SmsTo(Phone).Skip(before).ToList();
        var subjects = new[] { "first1", "first2", "first3", "first4", "first5", "second1", "second2" };
        Assert.All(subjects, s => Assert.Single(texts, t => t.Contains($"object/{s}:", StringComparison.Ordinal)));
        Assert.Equal(7, texts.Count);
    }
}
