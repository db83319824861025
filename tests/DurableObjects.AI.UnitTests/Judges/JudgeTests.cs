using DurableObjects.AI.Configuration;
using DurableObjects.AI.Judges;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.AI.UnitTests.TestData;
using DurableObjects.Testing.Fakes;

namespace DurableObjects.AI.UnitTests.Judges;

public sealed class JudgeTests
{
    [Fact]
    public async Task PreferenceJudge_Judge_GivesMeasuredMetricsOutsideDataBlocksAndMapsVerdict()
    {
        var chat = new ScriptedChatClient("judge-x").EnqueueJson(Samples.Preference(0.75), inputTokens: 300, outputTokens: 40);
        var ledger = new UsageLedger();
        var judge = new PreferenceJudge(chat, new ModelCallSettings { Model = "judge-x" });

        var verdict = await judge.JudgeAsync(Samples.Input(), ledger, CancellationToken.None);

        var user = Assert.Single(chat.Requests).LastUser;
        var facts = user[user.IndexOf("MEASURED FACTS", StringComparison.Ordinal)..];
        Assert.Contains("cyclomatic complexity max 1", facts, StringComparison.Ordinal);
        Assert.Contains("coverage 1.00", facts, StringComparison.Ordinal);
        Assert.DoesNotContain("<<<BEGIN DATA", facts, StringComparison.Ordinal);
        Assert.Equal(0.75, verdict.Score);
        Assert.Equal(CheckKind.Preference, verdict.Kind);
        Assert.Equal("judge-x", verdict.Model);
        Assert.Equal(300, verdict.InputTokens);
        Assert.Contains("readability 0.75", verdict.Details);
        Assert.Equal(1, ledger.Calls);
    }

    [Fact]
    public async Task ConstraintChecker_Judge_IncludesApiSchemaAndListsEachConstraint()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Constraint(0.4));
        var judge = new ConstraintChecker(chat);

        var verdict = await judge.JudgeAsync(Samples.Input(), null, CancellationToken.None);

        Assert.Contains("\"className\":\"Counter\"", chat.Requests[0].LastUser, StringComparison.Ordinal);
        Assert.Equal(0.4, verdict.Score);
        Assert.StartsWith("VIOLATED [api] Keep Increment", Assert.Single(verdict.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FactualityVerifier_Verify_ReturnsExecutableChecks()
    {
        var answer = Samples.Factuality(0.9) with
        {
            ExecutableChecks = [new ExecutableCheck { Description = "5! is 120", Expression = "new Calc().Factorial(5)", Expected = "120" }],
        };
        var chat = new ScriptedChatClient().EnqueueJson(answer);
        var verifier = new FactualityVerifier(chat);

        var (verdict, check) = await verifier.VerifyAsync(Samples.Input(), null, CancellationToken.None);

        Assert.Equal("new Calc().Factorial(5)", Assert.Single(check.ExecutableChecks).Expression);
        Assert.Contains("check: new Calc().Factorial(5) == 120 (5! is 120)", verdict.Details);
    }
}
