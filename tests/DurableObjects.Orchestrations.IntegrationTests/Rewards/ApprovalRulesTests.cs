using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Rewards;

/// <summary>Approvals hold: no self-approval unless the host allows it; a request cannot loosen the policy; decisions are audited.</summary>
public sealed class ApprovalRulesTests
{
    [Fact]
    public async Task Approve_ByTheRequester_ForbiddenAndTheRunKeepsWaiting()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");

        var approve = await admin.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "mine, so fine" });

        var problem = await approve.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("someone else must approve", problem["detail"]!.GetValue<string>());
        Assert.Equal("awaiting_approval", (await admin.GetJsonAsync($"/api/runs/{id}")).Status());
        Assert.Equal(1, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Approve_ByTheRequesterOfAnEndedRun_ConflictNamingTheStatusNotSelfApproval()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = false });
        Assert.Equal("succeeded", (await admin.WaitAsync(id)).Status());

        var approve = await admin.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "late" });

        var problem = await approve.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("succeeded, not waiting for approval", problem["detail"]!.GetValue<string>());
        Assert.Empty((await admin.GetJsonAsync("/api/events?type=run.approved"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Approve_ByTheRequesterWhenTheHostAllowsSelfApproval_Commits()
    {
        var settings = new Dictionary<string, string?> { ["DurableObjects:Pipeline:AllowSelfApproval"] = "true" };
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry(), settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");

        await (await admin.PostAsJsonAsync($"/api/runs/{id}/approve", new { })).ExpectAsync(HttpStatusCode.Accepted);

        Assert.Equal("succeeded", (await admin.WaitAsync(id)).Status());
    }

    [Fact]
    public async Task Approve_ByAnotherAdmin_AuditedAsRunApprovedWithTheReviewer()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));

        await (await reviewer.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "checked" })).ExpectAsync(HttpStatusCode.Accepted);

        var events = (await admin.GetJsonAsync("/api/events?type=run.approved"))["items"]!.AsArray();
        var approved = Assert.Single(events)!;
        Assert.Equal("reviewer", approved["actor"]!.GetValue<string>());
        Assert.Equal(id, approved["data"]!["run"]!.GetValue<string>());
        Assert.Equal("checked", approved["data"]!["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reject_ByAnotherAdmin_AuditedAsApprovalDenied()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));

        await (await reviewer.PostAsJsonAsync($"/api/runs/{id}/reject", new { comment = "no" })).ExpectAsync(HttpStatusCode.Accepted);

        Assert.Equal("rejected", (await admin.WaitAsync(id)).Status());
        var denied = Assert.Single((await admin.GetJsonAsync("/api/events?type=run.approval_denied"))["items"]!.AsArray())!;
        Assert.Equal("reviewer", denied["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Modify_RequestSaysNoApprovalButObjectPolicyRequiresIt_Waits()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        await (await admin.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { requireApproval = true })).ExpectAsync(HttpStatusCode.OK);

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = false });

        Assert.Equal("awaiting_approval", (await admin.WaitAsync(id, "awaiting_approval", "succeeded", "rejected", "failed")).Status());
    }

    [Fact]
    public async Task Modify_RequestSaysNoApprovalButHostRequiresIt_Waits()
    {
        var settings = new Dictionary<string, string?> { ["DurableObjects:Pipeline:RequireApproval"] = "true" };
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry(), settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = false });

        Assert.Equal("awaiting_approval", (await admin.WaitAsync(id, "awaiting_approval", "succeeded", "rejected", "failed")).Status());
    }
}
