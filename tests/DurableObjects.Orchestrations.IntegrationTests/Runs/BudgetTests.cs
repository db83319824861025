using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>One budget per run: checked before each priced step, stopping as budget-exhausted with the spend per item.</summary>
public sealed class BudgetTests
{
    // Every scripted model call reports 100 input and 50 output tokens.
    private const int TokensPerCall = 150;

    [Fact]
    public async Task Run_TokenBudgetSpentAfterGeneration_StopsBeforeTheGatesWithTheSpendPerItemAndTexts()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var id = await admin.ModifyAsync("Calculator", new
        {
            prompt = "Add a Multiply method.",
            budget = new { maxTokens = 250 },
            notify = new { channel = "email", target = "ada@example.com" },
        });
        var run = await admin.WaitAsync(id, "budget-exhausted", "succeeded", "rejected", "failed", "cancelled");

        Assert.Equal("budget-exhausted", run.Status());
        var budget = run["budget"]!.AsObject();
        Assert.Equal(250, budget["maxTokens"]!.GetValue<long>());
        Assert.True(budget["exhausted"]!.GetValue<bool>());
        // Plan and generation ran (300 tokens): over the limit by less than one step's spend, and nothing after them.
        Assert.Equal(2 * TokensPerCall, budget["tokens"]!.GetValue<long>());
        Assert.True(budget["tokens"]!.GetValue<long>() - 250 < TokensPerCall);
        var model = Item(budget, "model");
        Assert.Equal(2, model["count"]!.GetValue<int>());
        Assert.DoesNotContain(run.StepNames(), s => s.StartsWith("gate-", StringComparison.Ordinal));
        Assert.Contains("tokens 300 of 250", run["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("model: 2 x", run["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
        // The email (to the outbox: no mail service is configured here) says why the run stopped and what it spent.
        var outbox = await admin.GetJsonAsync("/api/outbox?channel=email");
        var text = outbox["items"]!.AsArray().Select(i => i!.ToJsonString()).Single(t => t.Contains(id, StringComparison.Ordinal));
        Assert.Contains("budget spent", text, StringComparison.Ordinal);
        Assert.Contains("tokens 300 of 250", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ObjectPolicyMoneyBudgetBelowTheHosts_StopsOnSandboxCostBeforeTheJudges()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DurableObjects:Pipeline:MaxCost"] = "5",
            // Sandbox seconds priced so that any gate run spends the object's whole budget.
            ["DurableObjects:Pricing:SandboxSecond"] = "1000",
        };
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry(), settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        await (await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { maxCost = 0.5 })).ExpectAsync(HttpStatusCode.OK);

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }),
            "budget-exhausted", "succeeded", "rejected", "failed", "cancelled");

        Assert.Equal("budget-exhausted", run.Status());
        var budget = run["budget"]!.AsObject();
        Assert.Equal(0.5m, budget["maxCost"]!.GetValue<decimal>());
        var sandbox = Item(budget, "sandbox");
        Assert.True(sandbox["count"]!.GetValue<int>() >= 1);
        Assert.True(sandbox["cost"]!.GetValue<decimal>() > 0);
        Assert.Equal(budget["cost"]!.GetValue<decimal>(), budget["items"]!.AsArray().Sum(i => i!["cost"]!.GetValue<decimal>()));
        Assert.DoesNotContain(run.StepNames(), s => s.StartsWith("judge-", StringComparison.Ordinal));
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Run_WithoutABudget_HasNoBudgetAndSucceeds()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("succeeded", run.Status());
        Assert.Null(run["budget"]);
    }

    [Fact]
    public async Task Budget_NotPositiveOrAboveTheHosts_Is400AndStartsOrStoresNothing()
    {
        var settings = new Dictionary<string, string?> { ["DurableObjects:Pipeline:MaxTokens"] = "1000" };
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry(), settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.PostAsJsonAsync("/api/objects/Calculator/modifications", new { prompt = "Add a Multiply method.", budget = new { maxTokens = 0 } });
        var policy = await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { maxTokens = 5000 });

        var runProblem = await run.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("maxTokens", runProblem["errors"]!.ToJsonString(), StringComparison.Ordinal);
        var policyProblem = await policy.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("above the host", policyProblem["errors"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await admin.GetJsonAsync("/api/runs"))["items"]!.AsArray());
        Assert.Null((await admin.GetJsonAsync("/api/objects/Calculator/pipeline-policy"))["maxTokens"]);
    }

    private static JsonObject Item(JsonObject budget, string name) =>
        budget["items"]!.AsArray().Select(i => i!.AsObject()).Single(i => i["item"]!.GetValue<string>() == name);
}
