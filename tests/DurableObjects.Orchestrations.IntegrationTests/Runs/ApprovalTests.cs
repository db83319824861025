using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>Human approval (a durable wait with an expiry) and cancellation.</summary>
public sealed class ApprovalTests
{
    [Fact]
    public async Task Approval_Granted_CommitsAfterTheDecision()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));

        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));

        var approve = await reviewer.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "looks good" });
        await approve.ExpectAsync(HttpStatusCode.Accepted);
        var run = await admin.WaitAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.True(run["approval"]!["approved"]!.GetValue<bool>());
        Assert.Equal(2, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Approval_Rejected_EndsRejectedWithoutAVersion()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");

        var reject = await admin.PostAsJsonAsync($"/api/runs/{id}/reject", new { comment = "not now" });
        await reject.ExpectAsync(HttpStatusCode.Accepted);
        var run = await admin.WaitAsync(id);

        Assert.Equal("rejected", run.Status());
        Assert.Contains("not now", run["reason"]!.GetValue<string>());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));
        var again = await reviewer.PostAsJsonAsync($"/api/runs/{id}/approve", new { });
        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Approval_Expired_EndsRejectedAsExpired()
    {
        var settings = new Dictionary<string, string?> { ["DurableObjects:Pipeline:ApprovalExpiry"] = "00:00:01" };
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry(), settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true }));

        Assert.Equal("rejected", run.Status());
        Assert.True(run["approval"]!["expired"]!.GetValue<bool>());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Approval_ObjectPolicyRequiresIt_RunWaits()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var put = await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { requireApproval = true, preferenceThreshold = 0.75 });
        await put.ExpectAsync(HttpStatusCode.OK);

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
        var run = await admin.WaitAsync(id, "awaiting_approval");

        Assert.Equal(0.75, run.Iterations()[0]!["thresholds"]!["preference"]!.GetValue<double>());
    }

    [Fact]
    public async Task Cancel_WhileWaitingForApproval_EndsCancelledWithoutAVersion()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");

        var cancel = await admin.PostAsync($"/api/runs/{id}/cancel", null);
        await cancel.ExpectAsync(HttpStatusCode.Accepted);
        var run = await admin.WaitAsync(id);

        Assert.Equal("cancelled", run.Status());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Cancel_MidRun_StopsBeforeTheNextStep()
    {
        var models = new ScriptedModels().AcceptFirstTry();
        var stop = new StopAtStep("plan");
        await using var host = await RunsHelper.StartHostAsync(models, stop);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
        await stop.Reached.WaitAsync(TimeSpan.FromSeconds(60));

        var cancel = await admin.PostAsync($"/api/runs/{id}/cancel", null);
        await cancel.ExpectAsync(HttpStatusCode.Accepted);
        var run = await admin.WaitAsync(id);

        Assert.Equal("cancelled", run.Status());
        Assert.Empty(models.Generator.Requests);
        Assert.DoesNotContain("generate-1", run.StepNames());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
        var again = await admin.PostAsync($"/api/runs/{id}/cancel", null);
        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Decide_ByAnotherMember_Forbidden()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        var member = host.As(await admin.CreateUserAsync("mallory", "member"));

        var approve = await member.PostAsJsonAsync($"/api/runs/{id}/approve", new { });

        await approve.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
