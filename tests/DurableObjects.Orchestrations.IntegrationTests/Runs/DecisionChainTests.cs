using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>A run's reward decisions and its approval go into the decision chain, with what they were decided on.</summary>
public sealed class DecisionChainTests
{
    [Fact]
    public async Task Run_RejectedThenAcceptedAndApproved_ChainsBothDecisionsTheApprovalTheCommitAndTheDeploy()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.EnqueueJson(Scripts.Candidate());
        models.Judge.EnqueueJson(Scripts.Preference(0.3, "unclear names"));
        models.Generator.EnqueueJson(Scripts.Candidate());
        models.Judge.EnqueueJson(Scripts.Preference(0.9));
        await using var host = await RunsHelper.StartHostAsync(models);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));
        await (await reviewer.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "looks good" })).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("succeeded", (await admin.WaitAsync(id)).Status());

        var records = (await admin.GetJsonAsync("/api/audit/chain"))["items"]!.AsArray().Select(r => r!.AsObject()).Reverse().ToList();
        var verify = await admin.GetJsonAsync("/api/audit/verify");

        Assert.True(verify["intact"]!.GetValue<bool>(), verify.ToJsonString());
        Assert.Equal(["object.created", "run.decision", "run.decision", "run.approval", "version.added", "deploy.succeeded"], records.Select(r => r["type"]!.GetValue<string>()));
        var rejected = Details(records[1]);
        var accepted = Details(records[2]);
        Assert.False(rejected["accepted"]!.GetValue<bool>());
        Assert.True(accepted["accepted"]!.GetValue<bool>());
        Assert.Equal(id, accepted["run"]!.GetValue<string>());
        Assert.Equal(64, accepted["candidateHash"]!.GetValue<string>().Length);
        Assert.Equal(0.9, accepted["judges"]![0]!["score"]!.GetValue<double>());
        Assert.Equal(0.6, accepted["thresholds"]!["preference"]!.GetValue<double>());
        Assert.True(accepted["policy"]!["requireApproval"]!.GetValue<bool>());
        Assert.All(accepted["gates"]!.AsArray(), g => Assert.True(g!["passed"]!.GetValue<bool>()));
        Assert.NotEqual(records[1]["actor"]!.GetValue<string>(), records[3]["actor"]!.GetValue<string>());
        Assert.True(Details(records[3])["approved"]!.GetValue<bool>());
    }

    private static JsonObject Details(JsonObject record) => JsonNode.Parse(record["detailsJson"]!.GetValue<string>())!.AsObject();
}
