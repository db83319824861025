using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Scheduling;

/// <summary>
/// Two hosts on the same storage, each its own localhost cluster (so each has a scheduler grain) and both timers
/// ticking every second: the ETag-guarded claims on the monitor row still give one text per event.
/// </summary>
public sealed class TwoHostsTests
{
    private const string Phone = "+15551230004";

    /// <summary>One text per event however the events fall into scans.</summary>
    private static readonly Dictionary<string, string?> Wide = new() { ["DurableObjects:Monitors:DigestThreshold"] = "50" };

    [Fact]
    public async Task TwoHostsSameStorage_BothScanning_OneTextPerEvent()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var first = await MonitorsHost.StartAsync(provider, settings: Wide);
        await using var second = await MonitorsHost.StartAsync(provider, prefix: first.Host.Prefix, settings: Wide);
        var ada = await first.UserAsync("ada");
        await first.VerifyPhoneAsync(ada, Phone);
        var before = provider.SmsTo(Phone).Count;
        await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.registered", channel = "sms" });
        provider.Delay = TimeSpan.FromMilliseconds(150);

        var names = new[] { "u1", "u2", "u3", "u4", "u5", "u6" };
        for (var i = 0; i < names.Length; i++)
        {
            await (i % 2 == 0 ? first : second).Admin().CreateUserAsync(names[i], "viewer");
            await Task.Delay(TimeSpan.FromMilliseconds(700));
        }
        await provider.WaitForAsync(r => r.IsSms && r.Form("To") == Phone && r.Form("Body").Contains("user.registered", StringComparison.Ordinal), count: names.Length, timeoutSeconds: 90);
        await Task.Delay(TimeSpan.FromSeconds(5));

        var texts = provider.SmsTo(Phone).Skip(before).ToList();
        Assert.All(names, n => Assert.Single(texts, t => t.Contains($"user/{n}:", StringComparison.Ordinal)));
        Assert.Equal(names.Length, texts.Count);
    }
}
