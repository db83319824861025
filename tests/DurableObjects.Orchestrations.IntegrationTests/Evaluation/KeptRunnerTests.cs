using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Evaluation;

/// <summary>
/// The runner a candidate's checks keep for its deploy (its tests passed), when the deploy never comes: released as
/// soon as that is known, not after the runners' idle time (10 minutes by default, kept here), so a burst of runs that
/// do not deploy holds no process each.
/// </summary>
public sealed class KeptRunnerTests
{
    [Fact]
    public async Task Candidate_PassesItsTestsButIsRejected_ItsKeptRunnerIsReleasedWhenDecided()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.Always(Scripts.Candidate());
        models.Judge.Always(Scripts.Preference(0.2, "unreadable"));
        await using var host = await RunsHelper.StartHostAsync(models, settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Pipeline:MaxIterations"] = "1",
        });
        var pool = host.Services.GetRequiredService<RunnerPool>();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var before = pool.Keys.ToHashSet();
        using var watching = new CancellationTokenSource();
        var watcher = Watch(pool, before, watching.Token);

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));
        await watching.CancelAsync();

        Assert.Equal("rejected", run.Status());
        Assert.True(Assert.Single(run.Iterations())!["gates"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "tests")!["passed"]!.GetValue<bool>());
        // Kept while the run went on (its tests passed: a deploy would have served from it), gone by the run's end.
        Assert.Equal(1, await watcher);
        Assert.DoesNotContain(pool.Keys, k => !before.Contains(k));
    }

    [Fact]
    public async Task Run_AcceptedWithoutDeploy_ReleasesItsCandidatesRunnerWhenItEnds()
    {
        var models = new ScriptedModels().AcceptFirstTry();
        await using var host = await RunsHelper.StartHostAsync(models);
        var pool = host.Services.GetRequiredService<RunnerPool>();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var before = pool.Keys.ToHashSet();
        using var watching = new CancellationTokenSource();
        var watcher = Watch(pool, before, watching.Token);

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = false, deploy = false }));
        await watching.CancelAsync();

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(2, await admin.VersionCountAsync("Calculator"));
        Assert.Equal(1, await watcher);
        Assert.DoesNotContain(pool.Keys, k => !before.Contains(k));
    }

    [Fact]
    public async Task Run_AcceptedAndDeployed_ServesFromTheRunnerItsChecksKept()
    {
        var models = new ScriptedModels().AcceptFirstTry();
        await using var host = await RunsHelper.StartHostAsync(models);
        var pool = host.Services.GetRequiredService<RunnerPool>();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var before = pool.Keys.ToHashSet();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = false }));

        Assert.Equal("succeeded", run.Status());
        // The run's end released nothing it deployed: the checked process serves, started once.
        var serving = Assert.Single(pool.Keys, k => !before.Contains(k));
        Assert.True(pool.TryGet(serving, out var client));
        Assert.Equal(1, client!.StartCount);
    }

    // The most runners beyond those in `before` seen at once until cancelled.
    private static async Task<int> Watch(RunnerPool pool, HashSet<RunnerKey> before, CancellationToken stop)
    {
        var mostSeen = 0;
        while (!stop.IsCancellationRequested)
        {
            mostSeen = Math.Max(mostSeen, pool.Keys.Count(k => !before.Contains(k)));
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return mostSeen;
    }
}
