using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Delivery;

/// <summary>A user registers, the timer's scan fires the monitor, and the provider stand-in receives the real payload.</summary>
public sealed class ChannelDeliveryTests
{
    private const string AdaPhone = "+15551230001";

    [Fact]
    public async Task UserRegisters_SmsMonitor_TextReachesTwilioOnce()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider);
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, AdaPhone);
        var monitor = await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.registered", channel = "sms" });

        await host.Admin().CreateUserAsync("bob", "member");

        var sms = Assert.Single(await provider.WaitForAsync(r => r.IsSms && r.Form("To") == AdaPhone && r.Form("Body").Contains("user/bob", StringComparison.Ordinal)));
        Assert.Equal(ProviderStandIn.PhoneNumber, sms.Form("From"));
        Assert.StartsWith("Basic ", sms.Authorization, StringComparison.Ordinal);
        Assert.Contains("user.registered", sms.Form("Body"), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(provider.SmsTo(AdaPhone), b => b.Contains("user/bob", StringComparison.Ordinal));
        var fired = await host.Admin().GetJsonAsync($"/api/events?type=monitor.fired&subject=monitor/{monitor["id"]}");
        var firedEvent = Assert.Single(fired["items"]!.AsArray());
        Assert.Equal("sent", firedEvent!["data"]!["status"]!.GetValue<string>());
        var after = await ada.GetJsonAsync($"/api/monitors/{monitor["id"]}");
        Assert.Equal(1, after["firedCount"]!.GetValue<long>());
        Assert.False(after["sending"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UserRegisters_MonitorOnEveryChannel_EachProviderGetsOneRealPayload()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider);
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, AdaPhone);
        (await ada.PutAsJsonAsync("/api/me/contact", new { email = "ada@example.com", slack = "#ada-alerts" })).EnsureSuccessStatusCode();
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.registered", channel = "voice" });
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.registered", channel = "email" });
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.*", channel = "slack", target = "#signups" });
        var defaulted = await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.registered", channel = "slack" });
        Assert.Equal("#ada-alerts", defaulted["target"]!.GetValue<string>());

        await host.Admin().CreateUserAsync("carol", "viewer");

        var call = Assert.Single(await provider.WaitForAsync(r => r.IsCall));
        Assert.Equal(AdaPhone, call.Form("To"));
        var twiml = System.Xml.Linq.XDocument.Parse(call.Form("Twiml"));
        Assert.Contains(twiml.Root!.Elements("Say"), say => say.Value.Contains("user/carol", StringComparison.Ordinal));

        var email = Assert.Single(await provider.WaitForAsync(r => r.IsEmail));
        Assert.Equal("Bearer SG.monitor-test-key", email.Authorization);
        var mail = email.Json();
        Assert.Equal("ada@example.com", mail.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Contains("user/carol", mail.GetProperty("content")[0].GetProperty("value").GetString(), StringComparison.Ordinal);

        var slack = await provider.WaitForAsync(r => r.IsSlack, count: 2);
        Assert.Equal(["#ada-alerts", "#signups"], slack.Select(s => s.Json().GetProperty("channel").GetString()!).Order().ToArray());
        Assert.All(slack, s =>
        {
            Assert.Equal("Bearer xoxb-monitor-test", s.Authorization);
            Assert.Contains("user/carol", s.Json().GetProperty("text").GetString(), StringComparison.Ordinal);
        });

        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(provider.Requests, r => r.IsCall);
        Assert.Single(provider.Requests, r => r.IsEmail);
        Assert.Equal(2, provider.Requests.Count(r => r.IsSlack));
    }
}
