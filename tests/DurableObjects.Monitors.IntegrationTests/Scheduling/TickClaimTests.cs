using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Monitors.IntegrationTests.Scheduling;

/// <summary>
/// The storage claim that lets exactly one host start each tick's scan: however many hosts claim a tick at once, one
/// wins; a tick at or before the last claimed one is never claimed again; the next tick is claimable.
/// </summary>
public sealed class TickClaimTests
{
    [Fact]
    public async Task TryClaim_ManyClaimantsAtOnce_OneWinsEachTickOnce()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["DurableObjects:Monitors:Enabled"] = "false" });
        var storage = host.Services.GetRequiredService<StorageClients>();
        // Separate instances, as on separate hosts: nothing is shared but the row.
        var claimants = Enumerable.Range(0, 8).Select(_ => new MonitorTickClaims(storage)).ToArray();
        var tick = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

        var first = await Task.WhenAll(claimants.Select(c => c.TryClaimAsync(tick)));
        var again = await claimants[0].TryClaimAsync(tick);
        var earlier = await claimants[1].TryClaimAsync(tick.AddSeconds(-30));
        var next = await Task.WhenAll(claimants.Select(c => c.TryClaimAsync(tick.AddSeconds(30))));

        Assert.Single(first, won => won);
        Assert.False(again);
        Assert.False(earlier);
        Assert.Single(next, won => won);
    }
}
