using DurableObjects.AI.Contracts;
using DurableObjects.AI.Judges;
using DurableObjects.AI.Pipeline;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.AI.UnitTests.TestData;
using DurableObjects.Testing.Fakes;

namespace DurableObjects.AI.UnitTests.Pipeline;

public sealed class PipelineStepsTests
{
    [Fact]
    public async Task PlanModificationAsync_ValidPlan_ReturnsPlanWithRequestAndCodeAsData()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Plan(CheckKind.Constraint));
        var planner = new CodePlanner(chat);

        var result = await planner.PlanModificationAsync("Add a Reset method.", Samples.CounterFiles, Samples.CounterApi);

        Assert.Equal([CheckKind.Preference, CheckKind.Constraint], result.Value.RoutedChecks().Order());
        var user = chat.Requests[0].LastUser;
        Assert.Contains("<<<BEGIN DATA REQUEST ", user, StringComparison.Ordinal);
        Assert.Contains("<<<BEGIN DATA CURRENT FILE 1 ", user, StringComparison.Ordinal);
        Assert.Contains("// file: Counter.cs", user, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Increment\"", user, StringComparison.Ordinal);
        Assert.Equal(nameof(CodePlan), ((Microsoft.Extensions.AI.ChatResponseFormatJson)chat.Requests[0].Options!.ResponseFormat!).SchemaName);
    }

    [Fact]
    public async Task GenerateAsync_WithFeedback_SendsFeedbackAsDataBlock()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Candidate());
        var generator = new CodeGenerator(chat);

        await generator.GenerateAsync("Add Reset.", Samples.Plan(), Samples.CounterFiles, "- Gate 'tests' failed: Reset returned 2");

        var user = chat.Requests[0].LastUser;
        Assert.Contains("FEEDBACK ON THE PREVIOUS ATTEMPT", user, StringComparison.Ordinal);
        var begin = user.IndexOf("<<<BEGIN DATA FEEDBACK", StringComparison.Ordinal);
        Assert.InRange(user.IndexOf("Reset returned 2", StringComparison.Ordinal), begin, user.IndexOf("<<<END DATA FEEDBACK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenerateAsync_FirstIteration_HasNoFeedbackBlock()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Candidate());

        await new CodeGenerator(chat).GenerateAsync("Add Reset.", Samples.Plan(), Samples.CounterFiles);

        Assert.DoesNotContain("FEEDBACK", chat.Requests[0].LastUser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreationSteps_PlanThenGenerate_ProduceValidatedPlanAndCandidate()
    {
        var plan = new CreationPlan
        {
            Summary = "A temperature converter.",
            Files = [new PlannedFile { Path = "Converter.cs", Purpose = "The class" }],
            Api = new ApiSchema
            {
                ClassName = "Converter",
                Methods = [new ApiMethod { Name = "ToFahrenheit", ReturnType = "double", Parameters = [new ApiParameter { Name = "celsius", Type = "double" }] }],
            },
            Approach = "F = C × 9/5 + 32.",
            ChecksNeeded = [CheckKind.Factuality],
        };
        var planner = new ScriptedChatClient().EnqueueJson(plan with { Files = [] }).EnqueueJson(plan);
        var generator = new ScriptedChatClient().EnqueueJson(Samples.Candidate());
        var ledger = new UsageLedger();

        var planned = await new CreationPlanner(planner).PlanCreationAsync("Converter", "Converts temperatures", "Celsius to Fahrenheit", ledger);
        var candidate = await new CreationGenerator(generator).GenerateAsync("Celsius to Fahrenheit", planned.Value, null, ledger);

        Assert.Equal(2, planned.Attempts);
        Assert.Contains("Files must contain at least one item.", planner.Requests[1].LastUser, StringComparison.Ordinal);
        Assert.Equal([CheckKind.Preference, CheckKind.Factuality], planned.Value.RoutedChecks().Order());
        Assert.Single(candidate.Value.Files);
        Assert.Equal(3, ledger.Calls);
        Assert.Equal(["plan-creation", "plan-creation", "generate-creation"], ledger.Entries.Select(e => e.CallName));
    }

    [Fact]
    public async Task Steps_RejectThenAcceptAfterFeedback_ComposeIntoAFeedbackLoop()
    {
        var plannerChat = new ScriptedChatClient().EnqueueJson(Samples.Plan());
        var generatorChat = new ScriptedChatClient()
            .EnqueueJson(Samples.Candidate("public class Counter { public int Increment() => 0; }"))
            .EnqueueJson(Samples.Candidate());
        var judgeChat = new ScriptedChatClient().EnqueueJson(Samples.Preference(0.4)).EnqueueJson(Samples.Preference(0.9));
        var rewards = new RewardModel([new PreferenceJudge(judgeChat)]);
        var ledger = new UsageLedger();
        var request = "Add a Reset method.";

        var plan = (await new CodePlanner(plannerChat).PlanModificationAsync(request, Samples.CounterFiles, Samples.CounterApi, ledger)).Value;
        string? feedback = null;
        Evaluation? evaluation = null;
        var iterations = 0;
        while (iterations++ < 3)
        {
            var candidate = (await new CodeGenerator(generatorChat).GenerateAsync(request, plan, Samples.CounterFiles, feedback, ledger)).Value;
            var input = Samples.Input(candidate);
            evaluation = await rewards.EvaluateAsync(input, Samples.PassingGates, plan.RoutedChecks(), ledger: ledger);
            if (evaluation.Accepted)
            {
                break;
            }

            feedback = evaluation.Feedback;
        }

        Assert.True(evaluation!.Accepted);
        Assert.Equal(2, iterations);
        Assert.Contains("preference scored 0.40", generatorChat.Requests[1].LastUser, StringComparison.Ordinal);
        Assert.Equal(5, ledger.Calls);
    }
}
