using System.Text.Json;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.AI.UnitTests.TestData;

namespace DurableObjects.AI.UnitTests.Rewards;

/// <summary>Step results must survive a JSON round trip so the orchestration can journal them and resume.</summary>
public sealed class JournalingTests
{
    [Fact]
    public void StructuredResult_JsonRoundTrip_KeepsValueAndUsage()
    {
        var result = new StructuredResult<CodePlan>(Samples.Plan(CheckKind.Factuality), 2,
            [new UsageEntry("plan-modification", "m", 1, 10, 5, 0.1m, false), new UsageEntry("plan-modification", "m", 2, 12, 6, 0.2m, true)]);

        var json = JsonSerializer.Serialize(result, StructuredJson.Options);
        var back = JsonSerializer.Deserialize<StructuredResult<CodePlan>>(json, StructuredJson.Options)!;

        Assert.Equal(result.Usage, back.Usage);
        Assert.Equal(result.Value.Summary, back.Value.Summary);
        Assert.Equal(result.Value.RoutedChecks(), back.Value.RoutedChecks());
        var ledger = new UsageLedger();
        ledger.AddRange(back.Usage);
        Assert.Equal(0.3m, ledger.EstimatedCost);
    }

    [Fact]
    public void Evaluation_JsonRoundTrip_KeepsDecisionAndFeedback()
    {
        var evaluation = RewardModel.Evaluate(
            [GateResult.Pass("compile"), GateResult.Fail("tests", "1 failed", ["X: expected 1"])],
            [Samples.Verdict(CheckKind.Preference, 0.9)],
            new HashSet<CheckKind> { CheckKind.Preference },
            RewardThresholds.Default.WithOverrides(preference: 0.8));

        var json = JsonSerializer.Serialize(evaluation, StructuredJson.Options);
        var back = JsonSerializer.Deserialize<Evaluation>(json, StructuredJson.Options)!;

        Assert.False(back.Accepted);
        Assert.Equal(evaluation.Feedback, back.Feedback);
        Assert.Equal(evaluation.RejectionReasons, back.RejectionReasons);
        Assert.Equal(0.8, back.Thresholds.Preference);
        Assert.Equal(evaluation.Gates[1].Diagnostics, back.Gates[1].Diagnostics);
        Assert.Equal(evaluation.CombinedScore, back.CombinedScore);
    }
}
