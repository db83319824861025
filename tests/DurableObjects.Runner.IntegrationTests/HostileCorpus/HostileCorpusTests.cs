using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests.HostileCorpus;

/// <summary>
/// The hostile-code corpus: every case is either rejected at compile time with a clear diagnostic, or contained at
/// run time with a clear outcome — after which the hostile object's own runner serves again and a fresh, well-behaved
/// runner answers correctly.
/// </summary>
public class HostileCorpusTests
{
    [Theory]
    [MemberData(nameof(CompileTimeCases.All), MemberType = typeof(CompileTimeCases))]
    public void Compile_HostileCode_IsRejectedWithReason(string name, string code, string reason)
    {
        var result = RunnerKit.Compiler.Compile(new Dictionary<string, string> { [$"{name}.cs"] = code });

        Assert.False(result.Success, $"{name} compiled");
        Assert.Null(result.Assembly);
        Assert.Contains(result.Errors, e =>
            e.Id is CompilerDiagnostic.PolicyViolationId or CompilerDiagnostic.IlPolicyViolationId &&
            e.Message.Contains(reason, StringComparison.OrdinalIgnoreCase) && e.File == $"{name}.cs" && e.Line > 0);
    }

    [Theory]
    [MemberData(nameof(CompileTimeCases.SeenOnlyInIl), MemberType = typeof(CompileTimeCases))]
    public void Compile_HostileCodeOnlyTheIlShows_IsRejectedWithReason(string name, string code, string reason)
    {
        var result = RunnerKit.Compiler.Compile(new Dictionary<string, string> { [$"{name}.cs"] = code });

        Assert.False(result.Success, $"{name} compiled");
        Assert.Null(result.Assembly);
        Assert.Contains(result.Errors, e => e.Id == CompilerDiagnostic.IlPolicyViolationId &&
                                            e.Message.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(RunTimeCases.Names), MemberType = typeof(RunTimeCases))]
    public async Task Invoke_HostileCode_IsContainedAndRunnersKeepServing(string name)
    {
        var hostileCase = RunTimeCases.ByName[name];
        await using var hostile = RunnerKit.Client(hostileCase.Code, RunnerKit.Options(o =>
        {
            o.InvocationTimeout = TimeSpan.FromSeconds(2);
            o.StartTimeout = TimeSpan.FromSeconds(3);
        }));

        var outcome = await hostile.InvokeAsync("Run", hostileCase.Arguments);

        Assert.True(hostileCase.Expected.Contains(outcome.Status),
            $"{name}: got {outcome.Status} ({outcome.ErrorType}: {outcome.Message})");
        Assert.NotEqual(InvocationStatus.Ok, outcome.Status == InvocationStatus.Ok ? InvocationStatus.RunnerUnavailable : outcome.Status);
        if (hostileCase.MessageContains is { } fragment)
        {
            Assert.Contains(fragment, outcome.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(outcome.Message is null || outcome.Message.Length < 5000, "messages are bounded");
        Assert.True(outcome.Output is null || outcome.Output.Length < 20_000, "output is bounded");
        if (outcome.Status == InvocationStatus.Ok)
        {
            Assert.NotNull(outcome.ResultJson);
        }

        if (name != "constructor-loop")
        {
            // A runner that dies after answering (an async-void crash, a kill after a timeout) may take the next
            // call down with it; the call after that must find a fresh runner.
            var recovered = await hostile.InvokeAsync("Ok");
            if (recovered.Status == InvocationStatus.RunnerCrashed)
            {
                recovered = await hostile.InvokeAsync("Ok");
            }
            Assert.Equal("1", recovered.ResultJson);
        }

        await RunnerKit.AssertHealthyRunnerAsync();
    }

    [Theory]
    [InlineData("spins", "public void Spin() { while (true) { } }", InvocationStatus.Timeout)]
    [InlineData("overflows-the-stack", "public bool Down() => Deep(0) > 0; static int Deep(int n) => Deep(n + 1) + 1;", InvocationStatus.RunnerCrashed)]
    [InlineData("allocation-bomb", "public void Bomb() { var hoard = new List<byte[]>(); while (true) hoard.Add(new byte[1 << 20]); }", InvocationStatus.RunnerCrashed)]
    public async Task RunTests_HostileTests_AreContainedAndTheObjectKeepsServing(string name, string test,
        InvocationStatus expected)
    {
        var code = $$"""
            public class Hostile { public int Ok() => 1; }
            public class HostileTests { {{test}} }
            """;
        await using var hostile = RunnerKit.Client(code, RunnerKit.Options(o =>
        {
            o.TestTimeout = TimeSpan.FromSeconds(2);
            o.StartTimeout = TimeSpan.FromSeconds(3);
        }));

        var run = await hostile.RunTestsAsync();

        Assert.False(run.Passed, name);
        Assert.True(run.Failure?.Status == expected || run.Tests.Any(t => !t.Passed),
            $"{name}: {run.Failure?.Status} {run.Failure?.Message}");
        if (run.Failure is { Status: InvocationStatus.Timeout } timeout)
        {
            Assert.StartsWith("The object's tests did not finish within 2000 ms", timeout.Message, StringComparison.Ordinal);
        }

        var recovered = await hostile.InvokeAsync("Ok");
        if (recovered.Status == InvocationStatus.RunnerCrashed)
        {
            recovered = await hostile.InvokeAsync("Ok");
        }
        Assert.Equal("1", recovered.ResultJson);
        await RunnerKit.AssertHealthyRunnerAsync();
    }
}
