using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Shared.Audit;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Monitors.IntegrationTests.Scheduling;

/// <summary>Many matching events in one scan become one digest message.</summary>
public sealed class DigestTests
{
    private const string Phone = "+15551230002";

    [Fact]
    public async Task Scan_BurstOf1000MatchingEvents_OneDigestText()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, Phone);
        var before = provider.SmsTo(Phone).Count;
        var monitor = await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "*.failed", channel = "sms" });
        var audit = host.Host.Services.GetRequiredService<AuditLog>();

        for (var chunk = 0; chunk < 20; chunk++)
        {
            await Task.WhenAll(Enumerable.Range(chunk * 50, 50).Select(i =>
                audit.AppendAsync("deploy.failed", $"object/obj{i}", "system", new Dictionary<string, string> { ["environment"] = "production" })));
        }
        await audit.AppendAsync("deploy.succeeded", "object/other", "system");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var report = await host.ScanAsync();

        Assert.Equal(1, report["messages"]!.GetValue<int>());
        Assert.Equal(1000, report["events"]!.GetValue<int>());
        var text = Assert.Single(provider.SmsTo(Phone).Skip(before));
        Assert.Contains("1,000 events", text, StringComparison.Ordinal);
        Assert.Contains("deploy.failed x1000", text, StringComparison.Ordinal);

        var again = await host.ScanAsync();
        Assert.Equal(0, again["messages"]!.GetValue<int>());
        var fired = await host.Admin().GetJsonAsync($"/api/events?type=monitor.fired&subject=monitor/{monitor["id"]}");
        Assert.Equal("1000", Assert.Single(fired["items"]!.AsArray())!["data"]!["events"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scan_FewEvents_OneTextEach()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, Phone);
        var before = provider.SmsTo(Phone).Count;
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "deploy.failed", subject = "calculator", conditions = new Dictionary<string, string> { ["environment"] = "production" }, channel = "sms" });
        var audit = host.Host.Services.GetRequiredService<AuditLog>();

        await audit.AppendAsync("deploy.failed", "object/calculator", "ada", new Dictionary<string, string> { ["environment"] = "production", ["error"] = "smoke check failed" });
        await audit.AppendAsync("deploy.failed", "object/calculator", "ada", new Dictionary<string, string> { ["environment"] = "staging" });
        await audit.AppendAsync("deploy.failed", "object/other", "ada", new Dictionary<string, string> { ["environment"] = "production" });
        await audit.AppendAsync("deploy.failed", "object/calculator", "ada", new Dictionary<string, string> { ["environment"] = "Production" });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var report = await host.ScanAsync();

        Assert.Equal(2, report["messages"]!.GetValue<int>());
        var texts = provider.SmsTo(Phone).Skip(before).ToList();
        Assert.Equal(2, texts.Count);
        Assert.All(texts, t => Assert.Contains("object/calculator", t, StringComparison.Ordinal));
        Assert.Contains("smoke check failed", texts[0], StringComparison.Ordinal);
    }
}
