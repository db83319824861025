using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// Stops the host at each step boundary of a run (the activity never completes, as if the host died there), starts a
/// new host on the same storage and task hub, and checks the Durable Task engine finishes the run there with no model
/// call repeated and exactly one new version.
/// </summary>
public sealed class CrashResumeTests
{
    [Theory]
    [InlineData("plan", false)]
    [InlineData("generate-1", false)]
    [InlineData("gate-1-tests", false)]
    [InlineData("gates-1", false)]
    [InlineData("commit", true)]
    [InlineData("deploy", false)]
    public async Task Run_HostStoppedAtStepBoundary_ResumesWithoutRepeatingWork(string step, bool beforeJournal)
    {
        var models = new ScriptedModels().AcceptFirstTry();
        var stop = new StopAtStep(step, beforeJournal);
        string prefix;
        string id;
        await using (var first = await RunsHelper.StartHostAsync(models, stop, settings: RunsHelper.QuickHandOver))
        {
            prefix = first.Prefix;
            var admin = first.Admin();
            await admin.CreateCalculatorAsync();
            id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
            await stop.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        }
        var callsBeforeRestart = models.Calls;

        await using var second = await RunsHelper.StartHostAsync(models, prefix: prefix, settings: RunsHelper.QuickHandOver);
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
}
