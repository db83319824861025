using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Rewards;

/// <summary>Changing a kept test is a declared act: named by the plan, shown in the decision, approved by a person.</summary>
public sealed class KeptTestChangeTests
{
    private const string TestsChangingAdd = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 2) == 4;

            public bool MultipliesNumbers() => new Calculator().Multiply(4, 5) == 20;
        }
        """;

    private static object PlanDeclaring(params string[] tests) => new
    {
        summary = "Add a Multiply method.",
        steps = new[] { "Add Multiply(a, b)", "Test it" },
        filesToChange = new[] { "Calculator.cs" },
        checksNeeded = new[] { "Preference" },
        apiChanges = new[] { new { method = "Multiply", kind = "Add", description = "new method" } },
        breakingChanges = Array.Empty<object>(),
        testChanges = tests.Select(t => new { test = t, reason = "the request changes what Add is checked with" }).ToArray(),
    };

    [Fact]
    public async Task Modify_PlanDeclaresKeptTestChange_WaitsForApprovalThoughThePolicyDoesNot()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(PlanDeclaring("AddsNumbers"));
        models.Generator.EnqueueJson(Scripts.Candidate(tests: TestsChangingAdd));
        models.Judge.Always(Scripts.Preference(0.9));
        await using var host = await RunsHelper.StartHostAsync(models);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = false });
        var run = await admin.WaitAsync(id, "awaiting_approval", "succeeded", "rejected", "failed");

        Assert.Equal("awaiting_approval", run.Status());
        var kept = run.Iterations()[0]!["gates"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "kept-tests")!;
        Assert.True(kept["passed"]!.GetValue<bool>());
        Assert.Contains("AddsNumbers", kept["approvalReason"]!.GetValue<string>());
        Assert.Contains("AddsNumbers", run.Iterations()[0]!["approvalReasons"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));
        await (await reviewer.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "intended" })).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("succeeded", (await admin.WaitAsync(id)).Status());
        Assert.Equal(2, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Modify_KeptTestChangedWithoutDeclaration_RejectedByKeptTestsGate()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.Always(Scripts.Candidate(tests: TestsChangingAdd));
        models.Judge.Always(Scripts.Preference(1.0));
        await using var host = await RunsHelper.StartHostAsync(models, settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:MaxIterations"] = "1" });
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("rejected", run.Status());
        Assert.Contains("gate 'kept-tests' failed", run["reason"]!.GetValue<string>());
        Assert.Contains("changed: AddsNumbers", run["reason"]!.GetValue<string>());
        Assert.Empty(models.Judge.Requests);
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Modify_MutationScore_ShownToTheJudgeAsAMeasuredFact()
    {
        var models = new ScriptedModels().AcceptFirstTry();
        await using var host = await RunsHelper.StartHostAsync(models);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("succeeded", run.Status());
        var mutation = run.Iterations()[0]!["gates"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "mutation")!;
        Assert.Equal(1.0, mutation["metrics"]!["mutationScore"]!.GetValue<double>());
        Assert.True(mutation["metrics"]!["mutants"]!.GetValue<double>() >= 2);
        Assert.Contains("mutationScore: 1", models.Judge.Requests.Single().AllText);
    }
}
