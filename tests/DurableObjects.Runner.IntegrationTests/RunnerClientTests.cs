using System.Diagnostics;
using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

public class RunnerClientTests
{
    [Fact]
    public async Task InvokeAsync_GoodMethod_ReturnsJsonResult()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var outcome = await client.InvokeAsync("Add", """{"a":2,"b":3}""");

        Assert.Equal(InvocationStatus.Ok, outcome.Status);
        Assert.Equal("5", outcome.ResultJson);
        Assert.True(client.IsRunning);
    }

    [Fact]
    public async Task InvokeAsync_AsyncMethodWithDefaultArgument_ReturnsAwaitedResult()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var defaulted = await client.InvokeAsync("greet", "{}");
        var named = await client.InvokeAsync("Greet", """{"NAME":"ada"}""");

        Assert.Equal("\"hello world\"", defaulted.ResultJson);
        Assert.Equal("\"hello ada\"", named.ResultJson);
    }

    [Fact]
    public async Task InvokeAsync_ManyConcurrentCalls_EachGetsItsOwnAnswer()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2000)
            .Select(i => client.InvokeAsync("Add", $$"""{"a":{{i}},"b":1000000}""")));

        for (var i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal((i + 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture), outcomes[i].ResultJson);
        }

        Assert.Equal(1, client.StartCount);
    }

    [Fact]
    public async Task InvokeAsync_InstanceState_PersistsAcrossCalls()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        await client.InvokeAsync("Calls");
        var second = await client.InvokeAsync("Calls");

        Assert.Equal("2", second.ResultJson);
    }

    [Theory]
    [InlineData("""{"a":1}""", "Missing argument 'b'")]
    [InlineData("""{"a":"one","b":2}""", "Argument 'a' is not a valid Int32: got the string \"one\".")]
    [InlineData("""{"a":[1],"b":2}""", "Argument 'a' is not a valid Int32: got an array.")]
    [InlineData("""{"a":1,"b":2,"c":3}""", "Unknown argument 'c'")]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("""[1,2]""", "JSON object")]
    public async Task InvokeAsync_BadArguments_ReturnsBadArgumentsWithReason(string arguments, string reason)
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var outcome = await client.InvokeAsync("Add", arguments);

        Assert.Equal(InvocationStatus.BadArguments, outcome.Status);
        Assert.Contains(reason, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_UnknownMethod_ReturnsUnknownMethod()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var outcome = await client.InvokeAsync("Subtract", "{}");

        Assert.Equal(InvocationStatus.UnknownMethod, outcome.Status);
    }

    [Fact]
    public async Task InvokeAsync_ObjectThrows_ReturnsTypeAndMessageWithoutStackTrace()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var outcome = await client.InvokeAsync("Fail", """{"message":"nope"}""");

        Assert.Equal(InvocationStatus.ObjectThrew, outcome.Status);
        Assert.Equal("System.InvalidOperationException", outcome.ErrorType);
        Assert.Equal("nope", outcome.Message);
        Assert.DoesNotContain(" at ", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Timeout_KillsRunnerAndNextCallRestartsIt()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator,
            RunnerKit.Options(o => o.InvocationTimeout = TimeSpan.FromMilliseconds(800)));
        await client.StartAsync();
        var firstPid = client.ProcessId!.Value;

        var timedOut = await client.InvokeAsync("Spin", """{"ms":60000}""");
        var after = await client.InvokeAsync("Add", """{"a":1,"b":1}""");

        Assert.Equal(InvocationStatus.Timeout, timedOut.Status);
        Assert.Equal("2", after.ResultJson);
        Assert.Equal(2, client.StartCount);
        Assert.NotEqual(firstPid, client.ProcessId);
        await RunnerKit.WaitUntilAsync(() => !RunnerKit.ProcessAlive(firstPid), TimeSpan.FromSeconds(5));
        Assert.False(RunnerKit.ProcessAlive(firstPid));
    }

    [Fact]
    public async Task InvokeAsync_OtherCallInFlightDuringTimeout_FailsAsRunnerRestarted()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator,
            RunnerKit.Options(o => o.InvocationTimeout = TimeSpan.FromMilliseconds(2500)));
        await client.StartAsync();

        // The second call's own deadline is a full second after the first's, so the first one's kill reaches it first
        // even on a busy machine.
        var first = client.InvokeAsync("Spin", """{"ms":60000}""");
        await Task.Delay(1000);
        var second = client.InvokeAsync("Spin", """{"ms":60000}""");

        Assert.Equal(InvocationStatus.Timeout, (await first).Status);
        var secondOutcome = await second;
        Assert.Equal(InvocationStatus.RunnerCrashed, secondOutcome.Status);
        Assert.Contains("runner restarted", secondOutcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_CpuTimeLimitSpent_OsEndsRunnerAndNextCallRestartsIt()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator, RunnerKit.Options(o =>
        {
            o.CpuTimeLimitSeconds = 2;
            o.InvocationTimeout = TimeSpan.FromSeconds(20);
        }));

        var spent = await client.InvokeAsync("Spin", """{"ms":15000}""");
        var after = await client.InvokeAsync("Add", """{"a":1,"b":1}""");

        Assert.Equal(InvocationStatus.RunnerCrashed, spent.Status);
        Assert.Contains("CPU time limit", spent.Message, StringComparison.Ordinal);
        Assert.Equal("2", after.ResultJson);
    }

    [Fact]
    public async Task InvokeAsync_StackOverflowCrash_ReportsCrashAndRestarts()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var crashed = await client.InvokeAsync("Recurse", """{"n":100000000}""");
        var after = await client.InvokeAsync("Add", """{"a":3,"b":4}""");

        Assert.Equal(InvocationStatus.RunnerCrashed, crashed.Status);
        Assert.Equal("7", after.ResultJson);
        Assert.Equal(2, client.StartCount);
    }

    [Fact]
    public async Task InvokeAsync_ConsoleWrites_DoNotCorruptResultAndAreCaptured()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var outcome = await client.InvokeAsync("Chatty", """{"lines":5}""");
        var flood = await client.InvokeAsync("Chatty", """{"lines":100000}""");

        Assert.Equal("\"quiet result\"", outcome.ResultJson);
        Assert.Contains("line 4", outcome.Output, StringComparison.Ordinal);
        Assert.Equal("\"quiet result\"", flood.ResultJson);
        Assert.Contains("[output truncated]", flood.Output, StringComparison.Ordinal);
        Assert.True(flood.Output!.Length < 20_000);
    }

    [Fact]
    public async Task InvokeAsync_ResultTooLarge_ReturnsResultTooLargeAndKeepsServing()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var big = await client.InvokeAsync("Big", """{"size":1000000}""");
        var small = await client.InvokeAsync("Big", """{"size":3}""");

        Assert.Equal(InvocationStatus.ResultTooLarge, big.Status);
        Assert.Equal("\"xxx\"", small.ResultJson);
        Assert.Equal(1, client.StartCount);
    }

    [Fact]
    public async Task IdleTimeout_Elapsed_StopsRunnerAndNextCallRestartsIt()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator,
            RunnerKit.Options(o => o.IdleTimeout = TimeSpan.FromMilliseconds(400)));
        await client.InvokeAsync("Add", """{"a":1,"b":2}""");
        var firstPid = client.ProcessId!.Value;

        await RunnerKit.WaitUntilAsync(() => !client.IsRunning, TimeSpan.FromSeconds(10));
        Assert.False(client.IsRunning);
        await RunnerKit.WaitUntilAsync(() => !RunnerKit.ProcessAlive(firstPid), TimeSpan.FromSeconds(5));
        Assert.False(RunnerKit.ProcessAlive(firstPid));

        var again = await client.InvokeAsync("Add", """{"a":1,"b":2}""");
        Assert.Equal("3", again.ResultJson);
        Assert.Equal(2, client.StartCount);
    }

    [Fact]
    public async Task RunTestsAsync_ObjectWithTests_ReportsEachTest()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);

        var run = await client.RunTestsAsync();

        Assert.Null(run.Failure);
        Assert.False(run.Passed);
        Assert.Equal(["Add_Small_Works", "Deliberately_Failing", "Greet_Default_SaysHello"], run.Tests.Select(t => t.Name));
        Assert.True(run.Tests.Single(t => t.Name == "Add_Small_Works").Passed);
        Assert.Equal("The test returned false.", run.Tests.Single(t => t.Name == "Deliberately_Failing").Message);
    }

    [Fact]
    public async Task StartAsync_ConstructorThrows_ReportsObjectThrew()
    {
        await using var client = RunnerKit.Client("public class Broken { public Broken() => throw new ArgumentException(\"bad config\"); public int A() => 1; }");

        var start = await client.StartAsync();
        var invoke = await client.InvokeAsync("A");

        Assert.Equal(InvocationStatus.ObjectThrew, start.Status);
        Assert.Equal("bad config", start.Message);
        Assert.Equal(InvocationStatus.ObjectThrew, invoke.Status);
        Assert.False(client.IsRunning);
        Assert.Equal(1, client.StartCount); // the second call fell inside the restart back-off
    }

    [Fact]
    public async Task StartAsync_MissingRunnerPath_ReturnsRunnerUnavailable()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator,
            RunnerKit.Options(o => o.RunnerPath = "/nonexistent/DurableObjects.Runner.dll"));

        var outcome = await client.InvokeAsync("Add", """{"a":1,"b":1}""");

        Assert.Equal(InvocationStatus.RunnerUnavailable, outcome.Status);
        Assert.Contains("not found", outcome.Message, StringComparison.Ordinal);
    }
}
