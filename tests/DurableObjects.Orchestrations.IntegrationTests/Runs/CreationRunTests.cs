using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>Creation from scratch: plan (files, API) → generate → gates incl. the planned API → judges → object with v1 in draft.</summary>
public sealed class CreationRunTests
{
    [Fact]
    public async Task CreateFromScratch_Accepted_CreatesTheObjectWithVersion1InDraft()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.CreationPlan());
        models.Generator.EnqueueJson(Scripts.GreeterCandidate());
        models.Judge.EnqueueJson(Scripts.Preference(0.9));
        await using var host = await RunsHelper.StartHostAsync(models);
        var admin = host.Admin();

        var id = await admin.StartAsync("/api/objects/from-scratch", new { name = "Greeter", description = "Greets people", requirements = "Greet(name) returns 'Hello, {name}!'" });
        var run = await admin.WaitAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("creation", run["kind"]!.GetValue<string>());
        Assert.Contains(run.Iterations()[0]!["gates"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "planned-api" && g["passed"]!.GetValue<bool>());
        var created = await admin.GetJsonAsync("/api/objects/Greeter");
        Assert.Equal("draft", created["status"]!.GetValue<string>().ToLowerInvariant());
        Assert.Equal(1, created["currentVersion"]!.GetValue<int>());
        Assert.DoesNotContain("deploy", run.StepNames());
        var list = await admin.GetJsonAsync("/api/runs?object=Greeter");
        Assert.Equal(id, list["items"]![0]!["runId"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateFromScratch_NameTaken_409()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var response = await admin.PostAsJsonAsync("/api/objects/from-scratch", new { name = "calculator", description = "x", requirements = "y" });

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
    }
}
