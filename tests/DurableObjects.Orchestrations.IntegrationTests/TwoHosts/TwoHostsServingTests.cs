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

        var seenBySecond = await ChangeWhileWatchingAsync(first, $"/api/objects/{Name}/deploy", new { version = 2 }, second);
        var seenByFirst = await ChangeWhileWatchingAsync(second, $"/api/objects/{Name}/rollback", new { version = 1 }, first);

        AssertServedWithinBound(seenBySecond, before: 1, after: 2);
        AssertServedWithinBound(seenByFirst, before: 2, after: 1);
        Assert.Equal(1, await InvokeAsync(second)); // the host that rolled back serves it at once
    }

    /// <summary>
    /// Posts a change through one host while invoking the object on the other over and over — from before the change
    /// (which keeps the other host's cache fresh, so only the bound can explain when it switches) until a few
    /// invocations were sent past the bound after the change was acknowledged (it was stored before that). Returns
    /// (time sent relative to the acknowledgement, version that answered).
    /// </summary>
    private static async Task<List<(TimeSpan Sent, int Version)>> ChangeWhileWatchingAsync(HttpClient changer, string url, object body, HttpClient watched)
    {
        var samples = new List<(long At, int Version)>();
        long acknowledged = 0;
        // Generous: the first answer past the bound may wait for the watched host to start a runner for the new version.
        var giveUp = Bound + TimeSpan.FromSeconds(90);
        var watching = Task.Run(async () =>
        {
            while (true)
            {
                var ack = Interlocked.Read(ref acknowledged);
                if (ack != 0 && (samples.Count(s => Stopwatch.GetElapsedTime(ack, s.At) >= Bound) >= 5 || Stopwatch.GetElapsedTime(ack) > giveUp))
                {
                    return;
                }
                var at = Stopwatch.GetTimestamp();
                samples.Add((at, await InvokeAsync(watched)));
                await Task.Delay(50);
            }
        });
        try
        {
            var response = await changer.PostAsJsonAsync(url, body);
            await response.ExpectAsync(HttpStatusCode.OK);
        }
        finally
        {
            Interlocked.Exchange(ref acknowledged, Stopwatch.GetTimestamp());
        }
        await watching;
        return samples.Select(s => (Stopwatch.GetElapsedTime(acknowledged, s.At), s.Version)).ToList();
    }

    private static void AssertServedWithinBound(List<(TimeSpan Sent, int Version)> samples, int before, int after)
    {
        var shown = string.Join(", ", samples.Select(s => $"{s.Sent.TotalMilliseconds:F0} ms → v{s.Version}"));
        var late = samples.Where(s => s.Sent >= Bound).ToList();
        Assert.True(samples.Any(s => s.Sent < TimeSpan.Zero && s.Version == before), $"The other host never served v{before} before the change: {shown}");
        Assert.True(late.Count >= 5, $"Too few invocations past the bound: {shown}");
        Assert.True(late.All(s => s.Version == after), $"Past {Bound.TotalSeconds} s the other host must serve v{after}: {shown}");
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
