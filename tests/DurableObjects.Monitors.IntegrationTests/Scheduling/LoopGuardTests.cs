using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Scheduling;

/// <summary>monitor.fired events trigger only monitors that ask for monitor.*, and never in a loop.</summary>
public sealed class LoopGuardTests
{
    [Fact]
    public async Task MonitorFired_OnlyExplicitMonitorPatternsSeeIt_AndNoLoop()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider);
        var ada = await host.UserAsync("ada");
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.registered", channel = "slack", target = "#signups" });
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "monitor.fired", channel = "email", target = "ada@example.com" });
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "monitor.*", channel = "email", target = "ops@example.com" });

        await host.Admin().CreateUserAsync("dan", "viewer");

        await provider.WaitForAsync(r => r.IsSlack && r.Json().GetProperty("channel").GetString() == "#signups");
        await provider.WaitForAsync(r => r.IsEmail, count: 2);
        await Task.Delay(TimeSpan.FromSeconds(6));

        Assert.Single(provider.Requests, r => r.IsSlack && r.Json().GetProperty("channel").GetString() == "#signups");
        var emails = provider.Requests.Where(r => r.IsEmail).Select(r => r.Json().GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString()).Order().ToList();
        // Each hears the Slack monitor fire once; neither hears the other (both watch monitor events) nor itself.
        Assert.Equal(["ada@example.com", "ops@example.com"], emails);
    }
}
