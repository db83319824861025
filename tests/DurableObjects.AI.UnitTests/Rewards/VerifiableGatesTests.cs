using DurableObjects.AI.Contracts;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.UnitTests.TestData;

namespace DurableObjects.AI.UnitTests.Rewards;

public sealed class VerifiableGatesTests
{
    private sealed class FixedGate(string name, bool passed) : IVerifiableGate
    {
        public int Calls { get; private set; }

        public string Name => name;

        public Task<GateResult> CheckAsync(GateContext context, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(passed ? GateResult.Pass(name) : GateResult.Fail(name, "broken"));
        }
    }

    private static GateContext Context => new() { Candidate = Samples.Candidate(), CurrentFiles = Samples.CounterFiles, Plan = Samples.Plan() };

    [Fact]
    public async Task RunAsync_FailureInTheMiddle_StopsAndReturnsGatesThatRan()
    {
        var tests = new FixedGate("tests", true);

        var results = await VerifiableGates.RunAsync([new FixedGate("compile", true), new FixedGate("policy", false), tests], Context);

        Assert.Equal(["compile", "policy"], results.Select(r => r.Name));
        Assert.Equal(0, tests.Calls);
    }

    [Fact]
    public async Task RunAsync_NoStop_RunsEveryGate()
    {
        var results = await VerifiableGates.RunAsync(
            [new FixedGate("compile", false), new FixedGate("tests", true)], Context, stopOnFirstFailure: false);

        Assert.Equal(2, results.Count);
    }

    [Fact]
    public async Task RunAsync_ApiContractGateAsImplementation_FeedsTheRewardModel()
    {
        var removed = Samples.CounterApi with { Methods = [] };
        var gate = new DelegateGate(ApiContractGate.Name, ctx => ApiContractGate.Check(ctx.CurrentApi!, removed, ctx.Plan));

        var results = await VerifiableGates.RunAsync([gate], Context with { CurrentApi = Samples.CounterApi });
        var evaluation = RewardModel.Evaluate(results, [], new HashSet<AI.Schemas.CheckKind>(), RewardThresholds.Default);

        Assert.False(evaluation.Accepted);
        Assert.Contains("Increment(): int was removed", evaluation.Feedback, StringComparison.Ordinal);
    }

    private sealed class DelegateGate(string name, Func<GateContext, GateResult> check) : IVerifiableGate
    {
        public string Name => name;

        public Task<GateResult> CheckAsync(GateContext context, CancellationToken cancellationToken) => Task.FromResult(check(context));
    }
}
