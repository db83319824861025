using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>The TestAssembly frame: other builds' tests (kept tests, mutants) in the runner, each in its own load context.</summary>
public class TestAssemblyTests
{
    private const string Good = """
        public class Counter { public int Twice(int n) => n * 2; }
        public class CounterTests { public bool Doubles() => new Counter().Twice(4) == 8; }
        """;

    [Fact]
    public async Task RunTestsOfAsync_MutantBuild_ReportsItsFailingTestAndLeavesTheLoadedObjectAlone()
    {
        await using var client = RunnerKit.Client(Good);
        var mutant = RunnerKit.Deployment(Good.Replace("n * 2", "n / 2", StringComparison.Ordinal));

        var run = await client.RunTestsOfAsync(mutant.Assembly, mutant.ApiClass, mutant.TestClass!, TimeSpan.FromSeconds(10));
        var own = await client.RunTestsAsync();
        var invoked = await client.InvokeAsync("Twice", """{"n":5}""");

        Assert.Null(run.Failure);
        Assert.False(Assert.Single(run.Tests).Passed);
        Assert.True(own.Passed);
        Assert.Equal("10", invoked.ResultJson);
    }

    [Fact]
    public async Task RunTestsOfAsync_BuildThatLoopsForever_TimesOutAndTheRunnerComesBack()
    {
        await using var client = RunnerKit.Client(Good);
        var looping = RunnerKit.Deployment(Good.Replace("=> n * 2;", "{ while (n > 0) { n = n + 0; } return n; }", StringComparison.Ordinal));

        var run = await client.RunTestsOfAsync(looping.Assembly, looping.ApiClass, looping.TestClass!, TimeSpan.FromSeconds(1));
        var after = await client.RunTestsOfAsync(RunnerKit.Deployment(Good).Assembly, "Counter", "CounterTests", TimeSpan.FromSeconds(10));

        Assert.Equal(InvocationStatus.Timeout, run.Failure?.Status);
        Assert.True(after.Passed);
    }
}
