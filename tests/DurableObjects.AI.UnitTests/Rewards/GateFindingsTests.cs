using DurableObjects.AI.Judges;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.UnitTests.TestData;
using DurableObjects.Testing.Fakes;

namespace DurableObjects.AI.UnitTests.Rewards;

/// <summary>What the gates tell the reward decision besides pass/fail: measured metrics, and a need for approval.</summary>
public sealed class GateFindingsTests : IDisposable
{
    private readonly ScriptedChatClient _preference = new("judge-model");

    public void Dispose() => _preference.Dispose();

    private static IReadOnlyList<GateResult> Gates(string? approvalReason = null) =>
    [
        .. Samples.PassingGates,
        GateResult.Pass("mutation", "2 of 2 mutants caught") with { Metrics = new Dictionary<string, double> { ["mutationScore"] = 0.75, ["killed"] = 3 } },
        GateResult.Pass("kept-tests", "1 kept test passes") with { ApprovalReason = approvalReason },
    ];

    [Fact]
    public async Task EvaluateAsync_GateMetrics_ShownToTheJudgeAsMeasuredFacts()
    {
        _preference.EnqueueJson(Samples.Preference(0.8));

        await new RewardModel([new PreferenceJudge(_preference)]).EvaluateAsync(Samples.Input(), Gates(), new HashSet<CheckKind> { CheckKind.Preference });

        var prompt = _preference.Requests.Single().AllText;
        Assert.Contains("MEASURED FACTS", prompt, StringComparison.Ordinal);
        Assert.Contains("- mutationScore: 0.75", prompt, StringComparison.Ordinal);
        Assert.Contains("- killed: 3", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_GateWithApprovalReason_AcceptedButRequiresApproval()
    {
        var evaluation = RewardModel.Evaluate(Gates("kept test AddsNumbers changed as declared"), [], new HashSet<CheckKind>(), RewardThresholds.Default);

        Assert.True(evaluation.Accepted);
        Assert.True(evaluation.RequiresApproval);
        Assert.Equal(["kept test AddsNumbers changed as declared"], evaluation.ApprovalReasons);
    }

    [Fact]
    public void Evaluate_NoApprovalReason_DoesNotRequireApproval()
    {
        var evaluation = RewardModel.Evaluate(Gates(), [], new HashSet<CheckKind>(), RewardThresholds.Default);

        Assert.False(evaluation.RequiresApproval);
        Assert.Empty(evaluation.ApprovalReasons);
    }

    [Fact]
    public void Validate_TestChangeWithoutReason_Invalid()
    {
        var plan = Samples.Plan() with { TestChanges = [new TestChangeDeclaration { Test = "AddsNumbers", Reason = " " }] };

        Assert.Contains("TestChanges items need both Test and Reason.", plan.Validate());
    }
}
