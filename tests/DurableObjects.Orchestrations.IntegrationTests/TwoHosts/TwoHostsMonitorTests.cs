using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.TwoHosts;

/// <summary>
/// Both hosts run the monitor timer (a cron with seconds) on one task hub. Each tick is scheduled by exactly one host
/// (the scan's instance id is the tick, deduplicated by the engine) and scanned once, and a burst of events becomes
/// one digest in the outbox (Slack is not configured), not one per host: every event is reported exactly once.
/// </summary>
[Collection(nameof(TwoHostsCollection))]
public sealed partial class TwoHostsMonitorTests
{
    private const int Burst = 6;

    private static readonly Dictionary<string, string?> Monitoring = new()
    {
        ["DurableObjects__Monitors__Enabled"] = "true",
        ["DurableObjects__Monitors__Schedule"] = "*/2 * * * * *",
        ["DurableObjects__Monitors__DigestThreshold"] = "2",
        ["SLACK_BOT_TOKEN"] = "",
        // The timer says when it scheduled a tick, the scan activity when it scanned one: read from both hosts' output.
        ["Logging__LogLevel__DurableObjects.Orchestrations.Monitors.MonitorTimer"] = "Debug",
        ["Logging__LogLevel__DurableObjects.Orchestrations.Monitors.ScanMonitorsActivity"] = "Debug",
    };

    [Fact]
    public async Task MonitorTimer_OnBothHosts_OneScanPerTickAndEveryEventNotifiedOnce()
    {
        await using var pair = await HostPair.StartAsync(Monitoring);
        var admin = pair.First.Admin();
        var monitor = await admin.PostAsJsonAsync("/api/monitors", new { name = "objects", eventType = "object.created", channel = "slack", target = "#objects" });
        await monitor.ExpectAsync(HttpStatusCode.Created);

        // Two bursts of concurrent creations through both hosts: more events than the threshold in a scan make a digest.
        var names = new List<string>();
        for (var burst = 0; burst < 2; burst++)
        {
            var batch = Enumerable.Range(0, Burst).Select(i => $"n{burst}{i}").ToArray();
            names.AddRange(batch);
            await Task.WhenAll(batch.Select((name, i) => pair.Hosts[i % 2].Admin().CreateObjectAsync(name)));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        var items = await UntilReportedAsync(admin, names.Count, pair);
        // Two more ticks on both hosts: a scan that ran twice, or a batch sent twice, would add messages now.
        var settled = ScannedTicks(pair).Count + 2;
        await UntilAsync(() => ScannedTicks(pair).Count >= settled, TimeSpan.FromSeconds(60), () => $"The timers stopped ticking.\n{pair.Output()}");
        items = (await admin.GetJsonAsync("/api/outbox?channel=slack&pageSize=100"))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

        var scanned = ScannedTicks(pair);
        var scheduled = ScheduledTicks(pair);
        Assert.True(scanned.Count >= 5, $"Only {scanned.Count} scans.\n{pair.Output()}");
        Assert.True(scanned.Count == scanned.Distinct().Count(), $"A tick was scanned more than once: {string.Join(", ", scanned.Order())}\n{pair.Output()}");
        Assert.True(scheduled.Count == scheduled.Distinct().Count(), $"A tick was scheduled more than once: {string.Join(", ", scheduled.Order())}\n{pair.Output()}");
        Assert.All(scanned, tick => Assert.Contains(tick, scheduled));
        Assert.Equal(names.Count, items.Sum(EventCount));
        Assert.Equal(items.Count, items.Select(i => i["correlationId"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains(items, i => EventCount(i) > 2);
        // A digest names its first five events and counts the rest: no event is named in two messages.
        Assert.All(names, name => Assert.True(items.Count(i => i["text"]!.GetValue<string>().Contains($"object/{name}", StringComparison.Ordinal)) <= 1, name));
    }

    /// <summary>Polls the outbox until its messages report <paramref name="events"/> events.</summary>
    private static async Task<List<JsonObject>> UntilReportedAsync(HttpClient admin, int events, HostPair pair)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var items = (await admin.GetJsonAsync("/api/outbox?channel=slack&pageSize=100"))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            if (items.Sum(EventCount) >= events)
            {
                return items;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The outbox reports {items.Sum(EventCount)} of {events} events.\n{pair.Output()}");
            await Task.Delay(250);
        }
    }

    /// <summary>A digest's subject counts its events ("objects: 6 events"); any other message reports one.</summary>
    private static int EventCount(JsonObject item) =>
        Digest().Match(item["subject"]!.GetValue<string>()) is { Success: true } digest
            ? int.Parse(digest.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)
            : 1;

    /// <summary>Every tick either host scanned, once per scan (from both hosts' logs).</summary>
    private static List<string> ScannedTicks(HostPair pair) => Ticks(pair, Scanned());

    /// <summary>Every tick a host scheduled (a host whose start found the tick taken logs nothing).</summary>
    private static List<string> ScheduledTicks(HostPair pair) => Ticks(pair, Scheduled());

    private static List<string> Ticks(HostPair pair, Regex line) =>
        pair.Hosts.SelectMany(h => line.Matches(h.Output).Select(m => m.Groups[1].Value)).ToList();

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@": ([\d,]+) events$")]
    private static partial Regex Digest();

    [GeneratedRegex(@"Monitor scan (monitor-scan-\d{8}T\d{6}Z) done")]
    private static partial Regex Scanned();

    [GeneratedRegex(@"Monitor scan (monitor-scan-\d{8}T\d{6}Z) scheduled")]
    private static partial Regex Scheduled();
}
