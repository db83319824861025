using DurableObjects.AI.Judges;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.UnitTests.TestData;
using DurableObjects.Testing.Fakes;

namespace DurableObjects.AI.UnitTests.Rewards;

public sealed class RewardModelTests : IDisposable
{
    private readonly ScriptedChatClient _preference = new("judge-model");
    private readonly ScriptedChatClient _constraint = new("judge-model");
    private readonly ScriptedChatClient _factuality = new("judge-model");

    private RewardModel Model(RewardModelOptions? options = null) => new(
        [new PreferenceJudge(_preference), new ConstraintChecker(_constraint), new FactualityVerifier(_factuality)],
        options);

    public void Dispose()
    {
        _preference.Dispose();
        _constraint.Dispose();
        _factuality.Dispose();
    }

    private static HashSet<CheckKind> Routed(params CheckKind[] kinds) => [.. kinds];

    [Fact]
    public async Task EvaluateAsync_AllGatesPassAndScoresMeetThresholds_Accepts()
    {
        _preference.EnqueueJson(Samples.Preference(0.8));
        _constraint.EnqueueJson(Samples.Constraint(0.9));

        var evaluation = await Model().EvaluateAsync(
            Samples.Input(), Samples.PassingGates, Routed(CheckKind.Preference, CheckKind.Constraint));

        Assert.True(evaluation.Accepted);
        Assert.Empty(evaluation.RejectionReasons);
        Assert.Equal(string.Empty, evaluation.Feedback);
        Assert.Equal(2, evaluation.Verdicts.Count);
        Assert.Equal(200, evaluation.InputTokens);
        Assert.Equal(1, evaluation.Metrics?.MaxCyclomaticComplexity);
    }

    [Fact]
    public async Task EvaluateAsync_ConstraintBelowThreshold_RejectsWithFeedback()
    {
        _preference.EnqueueJson(Samples.Preference(0.9));
        _constraint.EnqueueJson(Samples.Constraint(0.5));

        var evaluation = await Model().EvaluateAsync(
            Samples.Input(), Samples.PassingGates, Routed(CheckKind.Preference, CheckKind.Constraint));

        Assert.False(evaluation.Accepted);
        var reason = Assert.Single(evaluation.RejectionReasons);
        Assert.Contains("constraint score 0.50 is below the threshold 0.70", reason, StringComparison.Ordinal);
        Assert.Contains("Increment no longer returns the new value", evaluation.Feedback, StringComparison.Ordinal);
        Assert.Contains("Return the incremented value", evaluation.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_PerObjectThresholdOverride_IsApplied()
    {
        _preference.EnqueueJson(Samples.Preference(0.65));
        var strict = RewardThresholds.Default.WithOverrides(preference: 0.9);

        var evaluation = await Model().EvaluateAsync(Samples.Input(), Samples.PassingGates, Routed(CheckKind.Preference), strict);

        Assert.False(evaluation.Accepted);
        Assert.Equal(0.9, evaluation.Thresholds.Preference);
        Assert.Equal(0.7, evaluation.Thresholds.Constraint);
    }

    [Fact]
    public async Task EvaluateAsync_GateFailedWithHighJudgeScores_RejectsAndNamesGate()
    {
        _preference.EnqueueJson(Samples.Preference(1.0));
        _constraint.EnqueueJson(Samples.Constraint(1.0));
        var gates = Samples.PassingGates.Select(g => g.Name == "tests"
            ? GateResult.Fail("tests", "1 of 3 tests failed", ["CounterTests.Reset_AfterIncrement_ReturnsZero: expected 0, got 2"])
            : g).ToList();

        var evaluation = await Model(new RewardModelOptions { JudgeAfterGateFailure = true })
            .EvaluateAsync(Samples.Input(), gates, Routed(CheckKind.Preference, CheckKind.Constraint));

        Assert.False(evaluation.Accepted);
        Assert.All(evaluation.Verdicts, v => Assert.Equal(1.0, v.Score));
        Assert.Contains("gate 'tests' failed: 1 of 3 tests failed", evaluation.RejectionReasons);
        Assert.Contains("Reset_AfterIncrement_ReturnsZero: expected 0, got 2", evaluation.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_GateFailedByDefault_SkipsJudgesVisibly()
    {
        var gates = new[] { GateResult.Fail("compile", "2 errors", ["Counter.cs(3,1): error CS1002: ; expected"]) };

        var evaluation = await Model().EvaluateAsync(Samples.Input(), gates, Routed(CheckKind.Preference, CheckKind.Constraint));

        Assert.False(evaluation.Accepted);
        Assert.Empty(_preference.Requests);
        Assert.Empty(_constraint.Requests);
        Assert.Equal(2, evaluation.SkippedJudges.Count);
        Assert.All(evaluation.SkippedJudges, s => Assert.True(s.CausedByGateFailure));
        Assert.Contains("CS1002", evaluation.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_FactualityNotRouted_FactualityJudgeNotCalled()
    {
        _preference.EnqueueJson(Samples.Preference(0.8));

        var evaluation = await Model().EvaluateAsync(Samples.Input(), Samples.PassingGates, Samples.Plan().RoutedChecks());

        Assert.True(evaluation.Accepted);
        Assert.Empty(_factuality.Requests);
        Assert.Empty(_constraint.Requests);
        Assert.Equal(CheckKind.Preference, Assert.Single(evaluation.Verdicts).Kind);
    }

    [Fact]
    public async Task EvaluateAsync_FactualityRouted_RunsAllThreeJudgesInParallel()
    {
        var release = new TaskCompletionSource();
        var started = 0;
        foreach (var (client, answer) in new (ScriptedChatClient, object)[]
                 { (_preference, Samples.Preference(0.8)), (_constraint, Samples.Constraint(0.8)), (_factuality, Samples.Factuality(0.9)) })
        {
            client.Enqueue(_ =>
            {
                // Each judge blocks until all three have started: only a parallel fan-out can get past this.
                if (Interlocked.Increment(ref started) == 3)
                {
                    release.SetResult();
                }

                release.Task.Wait(TimeSpan.FromSeconds(10));
                return client.Response(System.Text.Json.JsonSerializer.Serialize(answer, answer.GetType(), AI.Structured.StructuredJson.Options));
            });
        }

        var run = Task.Run(() => Model().EvaluateAsync(
            Samples.Input(), Samples.PassingGates, Samples.Plan(CheckKind.Constraint, CheckKind.Factuality).RoutedChecks()));
        var evaluation = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(evaluation.Accepted);
        Assert.Equal(3, evaluation.Verdicts.Count);
        Assert.True(release.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task EvaluateAsync_JudgeNeverValid_ScoresZeroAndRejects()
    {
        _preference.Enqueue("{}").Enqueue("{}").Enqueue("{}");

        var evaluation = await Model().EvaluateAsync(Samples.Input(), Samples.PassingGates, Routed(CheckKind.Preference));

        Assert.False(evaluation.Accepted);
        var verdict = Assert.Single(evaluation.Verdicts);
        Assert.Equal(0, verdict.Score);
        Assert.NotNull(verdict.Error);
    }

    [Fact]
    public async Task EvaluateAsync_JudgesUnavailable_AcceptsOnGatesAndRecordsSkip()
    {
        var model = new RewardModel([], new RewardModelOptions { JudgesUnavailableReason = "No language model is configured" });

        var evaluation = await model.EvaluateAsync(Samples.Input(), Samples.PassingGates, Routed(CheckKind.Preference));

        Assert.True(evaluation.Accepted);
        var skipped = Assert.Single(evaluation.SkippedJudges);
        Assert.Equal("No language model is configured", skipped.Reason);
        Assert.False(skipped.CausedByGateFailure);
    }

    [Fact]
    public void Evaluate_RoutedJudgeWithoutVerdictOrSkip_Rejects()
    {
        var evaluation = RewardModel.Evaluate(
            Samples.PassingGates, [Samples.Verdict(CheckKind.Preference, 0.9)],
            Routed(CheckKind.Preference, CheckKind.Factuality), RewardThresholds.Default);

        Assert.False(evaluation.Accepted);
        Assert.Contains("Factuality judge was routed but gave no verdict", evaluation.RejectionReasons);
    }

    [Fact]
    public void Evaluate_NoGates_Rejects()
    {
        var evaluation = RewardModel.Evaluate([], [Samples.Verdict(CheckKind.Preference, 0.9)], Routed(CheckKind.Preference), RewardThresholds.Default);

        Assert.False(evaluation.Accepted);
        Assert.Contains("no verifiable gate ran", evaluation.RejectionReasons);
    }

    [Fact]
    public void Evaluate_CombinedScore_IsWeightedMeanOfGatePassRateAndScores()
    {
        var gates = new[] { GateResult.Pass("compile"), GateResult.Pass("tests") };
        var verdicts = new[] { Samples.Verdict(CheckKind.Preference, 0.8), Samples.Verdict(CheckKind.Constraint, 0.6) };

        var evaluation = RewardModel.Evaluate(gates, verdicts, Routed(CheckKind.Preference, CheckKind.Constraint), RewardThresholds.Default);

        // (0.4 × 1 + 0.2 × 0.8 + 0.2 × 0.6) / 0.8 = 0.85
        Assert.Equal(0.85, evaluation.CombinedScore, precision: 4);
        Assert.False(evaluation.Accepted);
    }

    [Fact]
    public void Evaluate_FeedbackOnFailure_ContainsEveryFailingReason()
    {
        var gates = new[] { GateResult.Pass("compile"), GateResult.Fail("policy", "forbidden API", ["System.IO.File.ReadAllText is not allowed"]) };
        var verdicts = new[] { Samples.Verdict(CheckKind.Preference, 0.3), Samples.Verdict(CheckKind.Factuality, 0.95) };

        var evaluation = RewardModel.Evaluate(gates, verdicts, Routed(CheckKind.Preference, CheckKind.Factuality), RewardThresholds.Default);

        Assert.Contains("Gate 'policy' failed: forbidden API", evaluation.Feedback, StringComparison.Ordinal);
        Assert.Contains("System.IO.File.ReadAllText is not allowed", evaluation.Feedback, StringComparison.Ordinal);
        Assert.Contains("preference scored 0.30, below the threshold 0.60", evaluation.Feedback, StringComparison.Ordinal);
        Assert.Contains("Preference issue", evaluation.Feedback, StringComparison.Ordinal);
        Assert.Contains("Preference recommendation", evaluation.Feedback, StringComparison.Ordinal);
        Assert.Contains("Factuality recommendation", evaluation.Feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("compile", evaluation.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_JudgeModelNotConfiguredAtCallTime_SkipsThatJudgeVisibly()
    {
        _preference.Enqueue(_ => throw new AI.Configuration.ModelNotConfiguredException(AI.Configuration.ModelRole.Judge, "AI:Provider is not set"));
        _constraint.EnqueueJson(Samples.Constraint(0.9));

        var evaluation = await Model().EvaluateAsync(Samples.Input(), Samples.PassingGates, Routed(CheckKind.Preference, CheckKind.Constraint));

        Assert.True(evaluation.Accepted);
        Assert.Equal(CheckKind.Preference, Assert.Single(evaluation.SkippedJudges).Kind);
        Assert.Equal(CheckKind.Constraint, Assert.Single(evaluation.Verdicts).Kind);
    }

    [Fact]
    public async Task EvaluateAsync_ProviderFailure_PropagatesSoTheStepCanBeRetried()
    {
        _preference.Enqueue(_ => throw new HttpRequestException("503 from provider"));

        await Assert.ThrowsAsync<HttpRequestException>(
            () => Model().EvaluateAsync(Samples.Input(), Samples.PassingGates, Routed(CheckKind.Preference)));
    }
}
