using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// Stops the host at each step boundary of a run, starts a new host on the same storage, and checks the run finishes
/// with no model call repeated and exactly one new version.
/// </summary>
public sealed class CrashResumeTests
{
    [Theory]
    [InlineData("policy", false)]
    [InlineData("context", false)]
    [InlineData("plan", false)]
    [InlineData("generate-1", false)]
    [InlineData("gates-1", false)]
    [InlineData("evaluate-1", false)]
    [InlineData("commit", true)]
    [InlineData("commit", false)]
    [InlineData("deploy", false)]
    public async Task Run_HostStoppedAtStepBoundary_ResumesWithoutRepeatingWork(string step, bool beforeJournal)
    {
        var models = new ScriptedModels().AcceptFirstTry();
        var stop = new StopAtStep(step, beforeJournal);
        string prefix;
        string id;
        await using (var first = await RunsHelper.StartHostAsync(models, stop))
        {
            prefix = first.Prefix;
            var admin = first.Admin();
            await admin.CreateCalculatorAsync();
            id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
            await stop.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        }
        var callsBeforeRestart = models.Calls;

        await using var second = await RunsHelper.StartHostAsync(models, prefix: prefix);
        var run = await second.Admin().WaitAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(3, models.Calls);
        Assert.True(callsBeforeRestart <= 3);
        Assert.Equal(2, await second.Admin().VersionCountAsync("Calculator"));
        Assert.Equal(2, run["version"]!.GetValue<int>());
        Assert.Single(run.StepNames(), s => s == "commit");
        if (beforeJournal)
        {
            Assert.True(run["commit"]!["adopted"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task Run_ItsNodeLostWhileAnotherKeepsRunning_TheSurvivorsSweepResumesIt_WithoutARestart()
    {
        var models = new ScriptedModels().AcceptFirstTry();
        var stop = new StopAtStep("generate-1");
        var noPeriodicSweep = new Dictionary<string, string?> { ["DurableObjects:Pipeline:ResumeSweep"] = "1.00:00:00" };
        await using var survivor = await RunsHelper.StartHostAsync(models, settings: noPeriodicSweep);
        string id;
        await using (var lost = await RunsHelper.StartHostAsync(models, stop, prefix: survivor.Prefix, settings: noPeriodicSweep))
        {
            var admin = lost.Admin();
            await admin.CreateCalculatorAsync();
            id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
            await stop.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        }
        var resumer = survivor.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DurableObjects.Orchestrations.Runs.RunResumer>().Single();

        var resumed = await resumer.SweepAsync(CancellationToken.None);
        var run = await survivor.Admin().WaitAsync(id);

        Assert.Equal(1, resumed);
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(3, models.Calls);
        Assert.Equal(2, await survivor.Admin().VersionCountAsync("Calculator"));
        Assert.Equal(0, await resumer.SweepAsync(CancellationToken.None));
    }
}
