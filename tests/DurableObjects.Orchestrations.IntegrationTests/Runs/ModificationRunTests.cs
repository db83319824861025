using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>Prompt-driven modification runs with a scripted model, real gates in real runners, real storage.</summary>
public sealed class ModificationRunTests
{
    [Fact]
    public async Task Modify_AcceptedFirstTry_CommitsDeploysNotifiesAndReportsTheRun()
    {
        var models = new ScriptedModels().AcceptFirstTry();
        await using var host = await RunsHelper.StartHostAsync(models);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", notify = new { channel = "email", target = "ada@example.com" } });
        var run = await admin.WaitAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(2, run["version"]!.GetValue<int>());
        var steps = run.StepNames().ToList();
        // The policy resolves beside the context (steps are listed as they completed): their order between them is not fixed.
        Assert.Equal(["context", "policy"], steps.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(["plan", "generate-1"], steps.Skip(2).Take(2));
        // Each gate and the judge ran as its own activity in fan-out: their order among themselves is the engine's.
        Assert.Equal(["gate-1-compile", "gate-1-contract", "gate-1-kept-tests", "gate-1-mutation", "gate-1-tests"], steps.Skip(4).Take(5).Order(StringComparer.Ordinal));
        Assert.Equal(["judge-1-preference", "gates-1", "evaluate-1", "commit", "deploy", "finished", "notify"], steps.Skip(9));
        Assert.Equal("Outboxed", run["notify"]!["outcome"]!.GetValue<string>());
        // No environment asked: the deploy step names the default one it went to.
        Assert.True(run["deploy"]!["deployed"]!.GetValue<bool>());
        Assert.Equal("production", run["deploy"]!["environment"]?.GetValue<string>());
        var iteration = run.Iterations().Single()!;
        Assert.True(iteration["accepted"]!.GetValue<bool>());
        Assert.All(iteration["gates"]!.AsArray(), g => Assert.True(g!["passed"]!.GetValue<bool>()));
        Assert.Equal(["compile", "policy", "api-contract", "kept-tests", "tests", "mutation"], iteration["gates"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
        var score = iteration["scores"]!.AsArray().Single()!;
        Assert.Equal(0.6, score["threshold"]!.GetValue<double>());
        Assert.True(score["meetsThreshold"]!.GetValue<bool>());
        Assert.Equal(3, run["usage"]!["modelCalls"]!.GetValue<int>());
        Assert.Equal(300, run["usage"]!["inputTokens"]!.GetValue<long>());
        var product = await admin.PostAsJsonAsync("/api/objects/Calculator/invoke/Multiply", new { a = 6, b = 7 });
        await product.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("42", await product.Content.ReadAsStringAsync());
        var version = await admin.GetJsonAsync("/api/objects/Calculator/versions/2");
        Assert.Contains("Tests/CalculatorTests.cs", version.ToJsonString());
    }

    [Fact]
    public async Task Modify_RejectedThenAccepted_SecondGenerationCarriesTheFeedback()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.EnqueueJson(Scripts.Candidate(summary: "first try")).EnqueueJson(Scripts.Candidate(summary: "second try"));
        models.Judge.EnqueueJson(Scripts.Preference(0.3, "Multiply lacks an overflow note")).EnqueueJson(Scripts.Preference(0.9));
        await using var host = await RunsHelper.StartHostAsync(models);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(2, run.Iterations().Count);
        Assert.False(run.Iterations()[0]!["accepted"]!.GetValue<bool>());
        Assert.Contains("Multiply lacks an overflow note", run.Iterations()[0]!["feedback"]!.GetValue<string>());
        Assert.Equal(2, models.Generator.Requests.Count);
        Assert.DoesNotContain("Multiply lacks an overflow note", models.Generator.Requests[0].AllText);
        Assert.Contains("Multiply lacks an overflow note", models.Generator.Requests[1].AllText);
    }

    [Fact]
    public async Task Modify_RejectedEveryIteration_EndsRejectedWithoutAVersion()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.Always(Scripts.Candidate());
        models.Judge.Always(Scripts.Preference(0.2, "unreadable"));
        await using var host = await RunsHelper.StartHostAsync(models, settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:MaxIterations"] = "2" });
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("rejected", run.Status());
        Assert.Equal(2, run.Iterations().Count);
        Assert.Equal(2, run["maxIterations"]!.GetValue<int>());
        Assert.Equal(2, models.Generator.Requests.Count);
        Assert.Contains("2 iteration", run["reason"]!.GetValue<string>());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Modify_GateFailsWithHighJudgeScores_RejectedByTheGate()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.Always(Scripts.Candidate(Scripts.CalculatorBreaking, Scripts.TestsOnlyMultiply));
        models.Judge.Always(Scripts.Preference(1.0));
        await using var host = await RunsHelper.StartHostAsync(models, settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:MaxIterations"] = "1" });
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("rejected", run.Status());
        var gate = run.Iterations()[0]!["gates"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "api-contract")!;
        Assert.False(gate["passed"]!.GetValue<bool>());
        Assert.Contains("Add", gate.ToJsonString());
        Assert.Empty(models.Judge.Requests);
        Assert.True(run.Iterations()[0]!["skippedJudges"]!.AsArray().Single()!["causedByGateFailure"]!.GetValue<bool>());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Modify_InjectedCommentsAndFailingTests_Rejected()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.Always(Scripts.Candidate(Scripts.CalculatorInjected));
        models.Judge.Always(Scripts.Preference(1.0));
        await using var host = await RunsHelper.StartHostAsync(models, settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:MaxIterations"] = "1" });
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("rejected", run.Status());
        var tests = run.Iterations()[0]!["gates"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "tests")!;
        Assert.False(tests["passed"]!.GetValue<bool>());
        Assert.Contains("MultipliesNumbers", tests.ToJsonString());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Modify_NoModelConfigured_503SaysHowToConfigureOne()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var response = await admin.PostAsJsonAsync("/api/objects/Calculator/modifications", new { prompt = "Add a Multiply method." });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("AI:Provider", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Modify_NoModelConfiguredAndARequestThatCouldNeverRun_ToldWhyItCouldNotRatherThanThatAModelIsMissing()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        await (await admin.PostAsync("/api/objects/Calculator/deprecate", null)).ExpectAsync(HttpStatusCode.OK);

        var deprecated = await admin.PostAsJsonAsync("/api/objects/Calculator/modifications", new { prompt = "Add a Multiply method." });
        var missing = await admin.PostAsJsonAsync("/api/objects/Nowhere/modifications", new { prompt = "Add a Multiply method." });
        var taken = await admin.PostAsJsonAsync("/api/objects/from-scratch", new { name = "calculator", requirements = "Adds numbers." });

        Assert.Equal("Object 'Calculator' is deprecated and can no longer change.", (await deprecated.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.Equal("No object named 'Nowhere'.", (await missing.ExpectProblemAsync(HttpStatusCode.NotFound))["detail"]!.GetValue<string>());
        Assert.Equal("An object named 'Calculator' already exists.", (await taken.ExpectProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.Empty((await admin.GetJsonAsync("/api/runs"))["items"]!.AsArray());
    }

    [Fact]
    public async Task ManualModification_NoModelConfigured_GatedAndCommittedWithJudgesVisiblySkipped()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var id = await admin.ModifyAsync("Calculator", new { files = Scripts.V2Files(), summary = "Multiply by hand" });
        var run = await admin.WaitAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.True(run["manual"]!.GetValue<bool>());
        var skipped = run.Iterations()[0]!["skippedJudges"]!.AsArray().Single()!;
        Assert.Contains("AI:Provider", skipped["reason"]!.GetValue<string>());
        Assert.Equal(2, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task ManualModification_NoTests_RejectedByTheTestsAndMutationGatesSayingWhy()
    {
        // As the load benchmark's manual runs: an object created without tests, and a change to Add that ships none.
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        var created = await admin.PostAsJsonAsync("/api/objects", new { name = "Calculator", description = "A calculator", files = new Dictionary<string, string> { ["Calculator.cs"] = Scripts.CalculatorV1 } });
        await created.ExpectAsync(HttpStatusCode.Created);
        var files = new Dictionary<string, string> { ["Calculator.cs"] = Scripts.CalculatorV1.Replace("a + b;", "a + b + 1 - 1;", StringComparison.Ordinal) };

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { files, summary = "no tests", requireApproval = false, deploy = false }));

        Assert.Equal("rejected", run.Status());
        Assert.Contains("gate 'tests' failed: the candidate ships no tests; add one public class whose name ends in 'Tests'", run["reason"]!.GetValue<string>());
        var mutation = run.Iterations()[0]!["gates"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "mutation")!;
        Assert.False(mutation["passed"]!.GetValue<bool>());
        Assert.Equal("the tests do not catch broken code: the candidate ships no tests", mutation["details"]!.GetValue<string>());
        Assert.DoesNotContain("did not compile", mutation["diagnostics"]!.ToJsonString());
        Assert.Equal(0, mutation["metrics"]!["killed"]!.GetValue<double>());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task ManualModification_FailingTests_RejectedAndNothingCommitted()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var files = new Dictionary<string, string> { ["Calculator.cs"] = Scripts.CalculatorInjected, ["Tests/CalculatorTests.cs"] = Scripts.TestsV2 };

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { files, summary = "broken" }));

        Assert.Equal("rejected", run.Status());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }
}
