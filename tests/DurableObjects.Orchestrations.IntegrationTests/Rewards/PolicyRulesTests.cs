using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Rewards;

/// <summary>Object policies only tighten the host's: thresholds have floors, approval holds; every change is audited.</summary>
public sealed class PolicyRulesTests
{
    [Theory]
    [InlineData("preferenceThreshold", 0.0)]
    [InlineData("constraintThreshold", 0.5)]
    [InlineData("factualityThreshold", 0.1)]
    [InlineData("mutationThreshold", 0.0)]
    public async Task PutPolicy_ThresholdBelowTheHostFloor_RefusedAndUnchanged(string field, double value)
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var put = await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new Dictionary<string, object> { [field] = value });

        var problem = await put.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("floor", problem.ToJsonString());
        Assert.Null((await admin.GetJsonAsync("/api/objects/Calculator/pipeline-policy"))[field]);
    }

    [Fact]
    public async Task PutPolicy_NoApprovalWhenTheHostRequiresIt_Refused()
    {
        await using var host = await RunsHelper.StartHostAsync(settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:RequireApproval"] = "true" });
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var put = await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { requireApproval = false });

        await put.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutPolicy_Changed_AuditedWithBeforeAfterAndActor()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        await (await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { preferenceThreshold = 0.7 })).ExpectAsync(HttpStatusCode.OK);

        await (await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { preferenceThreshold = 0.9, mutationThreshold = 0.8 })).ExpectAsync(HttpStatusCode.OK);

        var events = (await admin.GetJsonAsync("/api/events?type=object.pipeline_policy_changed"))["items"]!.AsArray();
        Assert.Equal(2, events.Count);
        var latest = events[0]!;
        Assert.Equal("admin", latest["actor"]!.GetValue<string>());
        Assert.Equal("object/calculator", latest["subject"]!.GetValue<string>());
        Assert.Contains("\"preferenceThreshold\":0.7", latest["data"]!["before"]!.GetValue<string>());
        Assert.Contains("\"preferenceThreshold\":0.9", latest["data"]!["after"]!.GetValue<string>());
        Assert.Contains("\"mutationThreshold\":0.8", latest["data"]!["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task ManualRun_ObjectRaisesTheMutationThreshold_CandidateWithASurvivingMutantRejected()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        await (await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { mutationThreshold = 1.0 })).ExpectAsync(HttpStatusCode.OK);
        var code = Scripts.CalculatorV2.Replace("public int Multiply(int a, int b) => a * b;",
            "public int Multiply(int a, int b) => a * b + 0;", StringComparison.Ordinal);

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator",
            new { files = new Dictionary<string, string> { ["Calculator.cs"] = code, ["Tests/CalculatorTests.cs"] = Scripts.TestsV2 }, summary = "product plus nothing" }));

        Assert.Equal("rejected", run.Status());
        Assert.Contains("below the threshold 1.00", run.ToJsonString());
    }
}
