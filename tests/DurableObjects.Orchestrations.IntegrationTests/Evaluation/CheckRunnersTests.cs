using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Orchestrations.IntegrationTests.Evaluation;

/// <summary>
/// The candidate's one checking runner, shared by its tests, kept-tests and mutation gates and kept for its deploy when
/// its tests pass, in real runner processes.
/// </summary>
public sealed class CheckRunnersTests
{
    private const string Counter = """
        public class Counter { public int Twice(int n) => n * 2; }
        public class CounterTests { public bool Doubles() => new Counter().Twice(4) == 8; }
        """;

    private static readonly ObjectCompiler Compiler = new();

    [Fact]
    public async Task Acquire_TwoLeasesOnOneCandidate_ShareOneProcessUntilTheLastEnds()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        var candidate = Deployment(Counter);
        var mutant = Deployment(Counter.Replace("n * 2", "n / 2", StringComparison.Ordinal));

        var kept = checks.Acquire(candidate);
        var mutation = checks.Acquire(candidate);
        var keptRun = await kept.RunTestsOfAsync(candidate.Assembly, candidate.ApiClass, candidate.TestClass!, TimeSpan.FromSeconds(10), default);
        var mutantRun = await mutation.RunTestsOfAsync(mutant.Assembly, mutant.ApiClass, mutant.TestClass!, TimeSpan.FromSeconds(10), default);
        var startsWhileShared = (kept.StartCount, mutation.StartCount);
        await kept.DisposeAsync();
        await kept.DisposeAsync();
        var afterOneEnds = await mutation.RunTestsOfAsync(candidate.Assembly, candidate.ApiClass, candidate.TestClass!, TimeSpan.FromSeconds(10), default);
        var startsAfterOneEnds = mutation.StartCount;
        await mutation.DisposeAsync();
        await using var next = checks.Acquire(candidate);

        Assert.True(keptRun.Passed);
        Assert.False(Assert.Single(mutantRun.Tests).Passed);
        Assert.Equal((1, 1), startsWhileShared);
        Assert.True(afterOneEnds.Passed);
        Assert.Equal(1, startsAfterOneEnds);
        Assert.Equal(0, next.StartCount);
        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            kept.RunTestsOfAsync(candidate.Assembly, candidate.ApiClass, candidate.TestClass!, TimeSpan.FromSeconds(10), default));
    }

    [Fact]
    public async Task RunTestsOfAsync_OneLeaseBuildTimesOut_TheOtherLeaseBuildStillGetsItsOwnVerdict()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        var candidate = Deployment(Counter);
        var looping = Looping();
        // A slow but honest build: without builds taking turns, the looping build's timeout would kill the process
        // while this one is still running, and its tests would be reported as crashed instead of passed.
        var slow = SlowButHonest();
        await using var mutation = checks.Acquire(candidate);
        await using var kept = checks.Acquire(candidate);

        var loop = mutation.RunTestsOfAsync(looping.Assembly, looping.ApiClass, looping.TestClass!, TimeSpan.FromSeconds(1), default);
        await Task.Delay(100);
        var honest = await kept.RunTestsOfAsync(slow.Assembly, slow.ApiClass, slow.TestClass!, TimeSpan.FromSeconds(20), default);

        Assert.Equal(InvocationStatus.Timeout, (await loop).Failure?.Status);
        Assert.Null(honest.Failure);
        Assert.True(Assert.Single(honest.Tests).Passed);
    }

    [Fact]
    public async Task Acquire_CandidateTestsPass_ChecksAndMutantsRunInTheProcessItsDeployThenServesFrom()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        var candidate = Deployment(Counter);
        var mutant = Deployment(Counter.Replace("n * 2", "n / 2", StringComparison.Ordinal));

        var tests = checks.Acquire(candidate);
        var mutation = checks.Acquire(candidate);
        var own = await tests.RunCandidateTestsAsync(default);
        tests.Keep();
        var mutantRun = await mutation.RunTestsOfAsync(mutant.Assembly, mutant.ApiClass, mutant.TestClass!, TimeSpan.FromSeconds(10), default);
        await tests.DisposeAsync();
        await mutation.DisposeAsync();

        Assert.True(own.Passed);
        Assert.False(Assert.Single(mutantRun.Tests).Passed);
        Assert.True(pool.TryGet(candidate.Key, out var serving));
        var answer = await serving!.InvokeAsync("Twice", """{"n":21}""");
        Assert.Equal("42", answer.ResultJson);
        // One process for the candidate's tests, its mutant and then serving it.
        Assert.Equal(1, serving.StartCount);
    }

    [Fact]
    public async Task Acquire_NotKept_TheLastLeaseStopsAndUnregistersTheProcess()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        var failing = Deployment(Counter.Replace("n * 2", "n * 3", StringComparison.Ordinal));

        var tests = checks.Acquire(failing);
        var mutation = checks.Acquire(failing);
        var own = await tests.RunCandidateTestsAsync(default);
        await tests.DisposeAsync();
        var registeredWhileAGateRuns = pool.TryGet(failing.Key, out _);
        await mutation.DisposeAsync();

        Assert.False(own.Passed);
        Assert.True(registeredWhileAGateRuns);
        Assert.False(pool.TryGet(failing.Key, out _));
    }

    [Fact]
    public async Task Acquire_CandidateAlreadyServed_ChecksNeverRunInTheServingProcess()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        var candidate = Deployment(Counter);
        var looping = Looping();
        var serving = pool.GetOrAdd(candidate);
        Assert.Equal("8", (await serving.InvokeAsync("Twice", """{"n":4}""")).ResultJson);

        await using (var mutation = checks.Acquire(candidate))
        {
            var loop = await mutation.RunTestsOfAsync(looping.Assembly, looping.ApiClass, looping.TestClass!, TimeSpan.FromSeconds(1), default);
            Assert.Equal(InvocationStatus.Timeout, loop.Failure?.Status);
            mutation.Keep();
        }

        // The mutant's timeout killed the checks' own process, not the one serving the same content.
        Assert.Equal("10", (await serving.InvokeAsync("Twice", """{"n":5}""")).ResultJson);
        Assert.Equal(1, serving.StartCount);
        Assert.True(pool.TryGet(candidate.Key, out var still));
        Assert.Same(serving, still);
    }

    [Fact]
    public async Task RunCandidateTestsAsync_AMutantTimesOutMeanwhile_TheCandidateStillGetsItsOwnVerdict()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        // Honest but slow tests: without runs taking turns, the looping mutant's timeout would kill the process while
        // they run, and the candidate would be reported as crashed instead of passed.
        var slow = SlowButHonest();
        var looping = Looping();
        await using var mutation = checks.Acquire(slow);
        await using var tests = checks.Acquire(slow);

        var loop = mutation.RunTestsOfAsync(looping.Assembly, looping.ApiClass, looping.TestClass!, TimeSpan.FromSeconds(1), default);
        await Task.Delay(100);
        var own = await tests.RunCandidateTestsAsync(default);

        Assert.Equal(InvocationStatus.Timeout, (await loop).Failure?.Status);
        Assert.Null(own.Failure);
        Assert.True(Assert.Single(own.Tests).Passed);
    }

    [Fact]
    public async Task RunCandidateTestsAsync_TwoGatesAskAtOnce_TheTestsRunOnceAndBothGetThatOutcome()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        var slow = SlowButHonest();
        await using var tests = checks.Acquire(slow);
        await using var kept = checks.Acquire(slow);

        var first = tests.RunCandidateTestsAsync(default);
        var second = kept.RunCandidateTestsAsync(default);
        var (own, reference) = (await first, await second);

        // One run of the same tests of the same build: the same outcome, not a second run that took its turn after the first.
        Assert.Same(own, reference);
        Assert.True(own.Passed);
        Assert.Equal(1, tests.StartCount);
    }

    [Fact]
    public async Task RunCandidateTestsAsync_TheGateThatStartedTheRunIsCancelled_TheOtherStillGetsAVerdict()
    {
        await using var pool = new RunnerPool(Options());
        var checks = new CheckRunners(pool);
        var slow = SlowButHonest();
        await using var tests = checks.Acquire(slow);
        await using var kept = checks.Acquire(slow);
        using var cancel = new CancellationTokenSource();

        var cancelled = tests.RunCandidateTestsAsync(cancel.Token);
        var other = kept.RunCandidateTestsAsync(default);
        await Task.Delay(200);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var outcome = await other;
        Assert.Null(outcome.Failure);
        Assert.True(Assert.Single(outcome.Tests).Passed);
    }

    private static RunnerOptions Options() => new()
    {
        StartTimeout = TimeSpan.FromSeconds(20),
        HeapHardLimitBytes = 192L << 20,
        IdleTimeout = TimeSpan.Zero,
        WarmSpares = 0,
    };

    /// <summary>A mutant whose method never returns: its tests time out, which kills the process.</summary>
    private static RunnerDeployment Looping() =>
        Deployment(Counter.Replace("=> n * 2;", "{ while (n > 0) { n = n + 0; } return n; }", StringComparison.Ordinal));

    /// <summary>The candidate with a test that passes after 1.5 s of work.</summary>
    private static RunnerDeployment SlowButHonest() =>
        Deployment(Counter.Replace("public bool Doubles() =>",
                "public bool Doubles() { var w = System.Diagnostics.Stopwatch.StartNew(); while (w.ElapsedMilliseconds < 1500) { } return", StringComparison.Ordinal)
            .Replace("== 8; }", "== 8; } }", StringComparison.Ordinal));

    private static RunnerDeployment Deployment(string code)
    {
        var result = Compiler.Compile(new Dictionary<string, string> { ["Object.cs"] = code });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return RunnerDeployment.From("counter", result);
    }
}
