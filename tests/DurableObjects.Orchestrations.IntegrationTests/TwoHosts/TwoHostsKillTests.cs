using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.TwoHosts;

/// <summary>
/// Two hosts share the runs; one is killed with SIGKILL (its runners with it) while model calls of its runs are in
/// flight. The other takes over its control-queue partitions and its unfinished activities once their leases and
/// visibility timeouts lapse, and completes every run with exactly one new version; the only model calls made again
/// are the ones the kill cut off (the stand-in counts the requests and replies).
/// </summary>
[Collection(nameof(TwoHostsCollection))]
public sealed class TwoHostsKillTests
{
    private const int Runs = 4;

    /// <summary>
    /// Candidate calls are held below until every run has reached one (up to <see cref="HoldAtMost"/>): the work-item
    /// visibility timeout must outlast that, or the engine would deliver a held activity again (the sidecar does not
    /// renew work-item locks). The victim's activities are handed over after it, so a minute and not longer.
    /// </summary>
    private static readonly Dictionary<string, string?> Handover = new()
    {
        ["extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:01:00",
    };

    private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Runs_OneHostKilledMidRun_TheOtherCompletesEveryRunWithOneVersionEach()
    {
        await using var pair = await HostPair.StartAsync(Handover);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new ConcurrentQueue<HostProcess>();
        var firstHeld = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Every run's first candidate waits: when all of them wait, each host is in the middle of the runs it holds.
        pair.Hold = request =>
        {
            if (HostPair.KindOf(request) != "candidate" || release.Task.IsCompleted)
            {
                return Task.CompletedTask;
            }
            firstHeld.TrySetResult(DateTime.UtcNow);
            held.Enqueue(pair.SenderOf(request));
            return release.Task;
        };
        var names = Enumerable.Range(1, Runs).Select(i => $"Calculator{i}").ToArray();
        var ids = new string[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var admin = pair.Hosts[i % 2].Admin();
            await admin.CreateCalculatorAsync(names[i]);
            ids[i] = await admin.ModifyAsync(names[i], new { prompt = "Add a Multiply method." });
        }
        var since = await firstHeld.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await UntilAsync(() => held.Count >= Runs, since + HoldAtMost - DateTime.UtcNow, () => $"Only {held.Count} of {Runs} runs reached generation.\n{pair.Output()}");

        // The victim is a host with candidate calls in flight (the first host, unless the second holds them all).
        var victim = held.Contains(pair.First) ? pair.First : pair.Second;
        var survivor = victim == pair.First ? pair.Second : pair.First;
        var cutOff = held.Count(h => h == victim);
        victim.Kill();
        // Give the stand-in a moment to see the victim's connections close, so its held calls get no reply.
        await Task.Delay(TimeSpan.FromSeconds(1));
        release.SetResult();
        var admin2 = survivor.Admin();
        var runs = new JsonObject[Runs];
        for (var i = 0; i < Runs; i++)
        {
            runs[i] = await admin2.WaitAsync(ids[i]);
        }

        Assert.True(runs.All(run => run.Status() == "succeeded"),
            string.Join("\n", runs.Where(run => run.Status() != "succeeded").Select(run => run.ToJsonString())) + "\n" + pair.Output());
        Assert.All(runs, run => Assert.Equal(2, run["version"]!.GetValue<int>()));
        Assert.All(runs, run => Assert.Single(run.StepNames(), s => s == "commit"));
        foreach (var name in names)
        {
            Assert.Equal(2, await admin2.VersionCountAsync(name));
        }
        // One plan, one candidate and one verdict per run; the victim's cut-off calls were asked again by the
        // survivor. A cut-off call may still take its reply if the stand-in answers before it notices the closed
        // connection (the reply then goes nowhere), hence at most one more per cut-off call.
        Assert.InRange(pair.Model.Replied, 3 * Runs, 3 * Runs + cutOff);
        Assert.Equal(3 * Runs + cutOff, pair.Model.Requests.Count);
        Assert.True(cutOff >= 1);
        for (var i = 0; i < Runs; i++)
        {
            var steps = await pair.StepWorkersAsync(ids[i]);
            Assert.Equal(HostPair.WorkerOf(survivor), steps["generate-1"]);
            Assert.Equal(HostPair.WorkerOf(survivor), steps["commit"]);
        }
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(100);
        }
    }
}
