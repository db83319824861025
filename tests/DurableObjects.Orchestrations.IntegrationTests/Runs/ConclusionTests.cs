using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// The conclusion (decision, commit, deploy and the run's end in one activity) when one of its parts fails after the
/// decision: the parts that succeeded stand, and the orchestrator runs the rest as their own activities, so the run
/// still succeeds with exactly one new version instead of being reported failed with its version deployed.
/// </summary>
public sealed class ConclusionTests
{
    [Theory]
    [InlineData("commit")]
    [InlineData("deploy")]
    [InlineData("notify")]
    public async Task Conclusion_PartFailsOnceAfterItsWork_RunSucceedsWithExactlyOneNewVersion(string step)
    {
        var models = new ScriptedModels().AcceptFirstTry();
        var failOnce = new FailOnceAtStep(step);
        await using var host = await RunsHelper.StartHostAsync(models, failOnce);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", notify = new { channel = "email", target = "ada@example.com" } });
        var run = await admin.WaitAsync(id);

        Assert.Equal(1, failOnce.Failures);
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(2, run["version"]!.GetValue<int>());
        Assert.Equal(2, await admin.VersionCountAsync("Calculator"));
        Assert.Equal(["evaluate-1", "commit", "deploy", "finished", "notify"], run.StepNames().SkipWhile(s => s != "evaluate-1"));
        Assert.Equal(3, models.Calls);
    }
}
