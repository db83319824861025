using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Evaluation;

/// <summary>The runner a candidate's checks keep for its deploy, when the deploy never comes.</summary>
public sealed class KeptRunnerTests
{
    [Fact]
    public async Task Candidate_PassesItsTestsButIsRejected_ItsKeptRunnerIsReleasedAfterTheIdleTime()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.Always(Scripts.Candidate());
        models.Judge.Always(Scripts.Preference(0.2, "unreadable"));
        await using var host = await RunsHelper.StartHostAsync(models, settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Pipeline:MaxIterations"] = "1",
            ["DurableObjects:Runner:IdleTimeout"] = "00:00:05",
        });
        var pool = host.Services.GetRequiredService<RunnerPool>();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var before = pool.Keys.ToHashSet();
        var mostSeen = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                mostSeen = Math.Max(mostSeen, pool.Keys.Count(k => !before.Contains(k)));
                await Task.Delay(20);
            }
        });

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));
        var until = DateTime.UtcNow.AddSeconds(60);
        while (pool.Keys.Any(k => !before.Contains(k)) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }
        await watching.CancelAsync();
        await watcher;

        Assert.Equal("rejected", run.Status());
        Assert.True(Assert.Single(run.Iterations())!["gates"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "tests")!["passed"]!.GetValue<bool>());
        // Kept while the run went on (its tests passed: a deploy would have served from it), released after the idle time.
        Assert.Equal(1, mostSeen);
        Assert.DoesNotContain(pool.Keys, k => !before.Contains(k));
    }
}
