using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Shared.Audit;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Monitors.IntegrationTests.Scheduling;

/// <summary>Quiet hours and the rate limit hold events back without losing them; scheduled monitors send a summary.</summary>
public sealed class HoldBackTests
{
    private const string Phone = "+15551230007";

    [Fact]
    public async Task QuietHours_EventsWait_ThenGoOutWhenLifted()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        var now = DateTime.UtcNow;
        var quiet = $"{now.AddHours(-1).ToString("HH:00", CultureInfo.InvariantCulture)}-{now.AddHours(2).ToString("HH:00", CultureInfo.InvariantCulture)}";
        var id = (await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "version.added", channel = "slack", target = "#versions", quietHours = quiet }))["id"]!.GetValue<string>();
        var audit = host.Host.Services.GetRequiredService<AuditLog>();
        await audit.AppendAsync("version.added", "object/calculator", "ada");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var held = await host.ScanAsync();
        Assert.Equal(0, held["messages"]!.GetValue<int>());
        Assert.Equal(1, held["deferred"]!.GetValue<int>());
        Assert.DoesNotContain(provider.Requests, r => r.IsSlack);

        await (await ada.PatchAsJsonAsync($"/api/monitors/{id}", new { quietHours = "" })).ExpectAsync(HttpStatusCode.OK);
        var lifted = await host.ScanAsync();

        Assert.Equal(1, lifted["messages"]!.GetValue<int>());
        Assert.Contains("object/calculator", Assert.Single(provider.Requests, r => r.IsSlack).Json().GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_OverTheLimit_EventsWaitForTheNextWindow()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "invocation.failed", channel = "email", target = "ada@example.com", rateLimitPerHour = 1 });
        var audit = host.Host.Services.GetRequiredService<AuditLog>();

        await audit.AppendAsync("invocation.failed", "object/a", "system");
        await audit.AppendAsync("invocation.failed", "object/b", "system");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var first = await host.ScanAsync();
        await audit.AppendAsync("invocation.failed", "object/c", "system");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var second = await host.ScanAsync();

        // Two events but one message allowed: one digest. The third event waits for the next hour.
        Assert.Equal(1, first["messages"]!.GetValue<int>());
        Assert.Equal(2, first["events"]!.GetValue<int>());
        Assert.Equal(0, second["messages"]!.GetValue<int>());
        Assert.Equal(1, second["deferred"]!.GetValue<int>());
        Assert.Single(provider.Requests, r => r.IsEmail);
    }

    [Fact]
    public async Task ScheduledMonitor_AtItsTime_OneSummaryOfTheMatchingEvents()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, Phone);
        var before = provider.SmsTo(Phone).Count;
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "run.failed", channel = "sms", schedule = "*/2 * * * * *" });
        var audit = host.Host.Services.GetRequiredService<AuditLog>();
        await audit.AppendAsync("run.failed", "run/r1", "ada");
        await audit.AppendAsync("run.succeeded", "run/r2", "ada");
        await audit.AppendAsync("run.failed", "run/r3", "ada");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var report = await host.ScanAsync();

        Assert.Equal(1, report["messages"]!.GetValue<int>());
        var summary = Assert.Single(provider.SmsTo(Phone).Skip(before));
        Assert.Contains("2 events since", summary, StringComparison.Ordinal);
        Assert.Contains("run/r1", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("run/r2", summary, StringComparison.Ordinal);
    }
}
