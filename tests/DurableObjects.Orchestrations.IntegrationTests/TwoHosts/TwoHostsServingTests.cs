using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.TwoHosts;

/// <summary>
/// Both hosts serve the same object, each from its own runner; a deploy or rollback made through one host is served
/// by the other within the stated bound (<see cref="ServingOptions.DeploymentCacheBound"/>): every invocation that
/// reaches the other host later than that after the change was acknowledged gets the new version.
/// </summary>
[Collection(nameof(TwoHostsCollection))]
public sealed class TwoHostsServingTests
{
    private const string Name = "Calculator";

    /// <summary>The bound the README states, as the host's options carry it by default (host.json says the same).</summary>
    private static readonly TimeSpan Bound = new ServingOptions().DeploymentCacheBound;

    [Fact]
    public async Task DeployAndRollback_ThroughOneHost_ServedByTheOtherWithinTheBound()
    {
        await using var pair = await HostPair.StartAsync();
        var first = pair.First.Admin();
        var second = pair.Second.Admin();
        await first.CreateObjectAsync(Name);
        await first.AddVersionAsync(Name, Scripts.CalculatorV2, "Adds Multiply.");
        await (await first.PostAsJsonAsync($"/api/objects/{Name}/deploy", new { version = 1 })).ExpectAsync(HttpStatusCode.OK);
        // Both hosts serve version 1 (and so hold it in their caches) before anything changes.
        Assert.Equal(1, await InvokeAsync(first));
        Assert.Equal(1, await InvokeAsync(second));

        var deployed = await ChangeAsync(first, $"/api/objects/{Name}/deploy", new { version = 2 });
        var seenBySecond = await WatchAsync(second, deployed);
        var rolledBack = await ChangeAsync(second, $"/api/objects/{Name}/rollback", new { version = 1 });
        var seenByFirst = await WatchAsync(first, rolledBack);

        AssertServedWithinBound(seenBySecond, expected: 2);
        AssertServedWithinBound(seenByFirst, expected: 1);
        Assert.Equal(1, await InvokeAsync(second)); // the host that rolled back serves it at once
    }

    /// <summary>Posts a change and returns the moment its acknowledgement arrived (the change was stored before it).</summary>
    private static async Task<long> ChangeAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        await response.ExpectAsync(HttpStatusCode.OK);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Invokes the object on a host over and over from <paramref name="acknowledged"/> on: (time sent after the
    /// acknowledgement, version that answered), until a few answers were sent past the bound.
    /// </summary>
    private static async Task<List<(TimeSpan Sent, int Version)>> WatchAsync(HttpClient host, long acknowledged)
    {
        var samples = new List<(TimeSpan, int)>();
        // Generous: the first answer past the bound may wait for this host to start a runner for the new version.
        var giveUp = Bound + TimeSpan.FromSeconds(90);
        while (samples.Count(s => s.Item1 >= Bound) < 5 && Stopwatch.GetElapsedTime(acknowledged) < giveUp)
        {
            var sent = Stopwatch.GetElapsedTime(acknowledged);
            samples.Add((sent, await InvokeAsync(host)));
            await Task.Delay(50);
        }
        return samples;
    }

    private static void AssertServedWithinBound(List<(TimeSpan Sent, int Version)> samples, int expected)
    {
        var late = samples.Where(s => s.Sent >= Bound).ToList();
        var shown = string.Join(", ", samples.Select(s => $"{s.Sent.TotalMilliseconds:F0} ms → v{s.Version}"));
        Assert.True(late.Count >= 5, $"Too few invocations past the bound: {shown}");
        Assert.True(late.All(s => s.Version == expected), $"Past {Bound.TotalSeconds} s the other host must serve v{expected}: {shown}");
    }

    /// <summary>Invokes Add (in every version) and returns the version that answered.</summary>
    private static async Task<int> InvokeAsync(HttpClient host)
    {
        var response = await host.PostAsJsonAsync($"/api/objects/{Name}/invoke/Add", new { a = 2, b = 3 });
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("5", await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.GetValues("X-Object-Version").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
